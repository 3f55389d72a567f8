import { defineConfig } from 'vitest/config';

// The suite runs on embedded PGlite always, and again on a PostgreSQL server when
// TEST_DATABASE_URL is set (.ci/run sets it when the server answers).
const common = {
  include: ['test/**/*.test.ts'],
  globalSetup: ['test/global-setup.ts'],
  testTimeout: 30_000,
  hookTimeout: 120_000,
};

export default defineConfig({
  test: {
    projects: [
      { test: { ...common, name: 'pglite', env: { TEST_DB: 'pglite' } } },
      ...(process.env.TEST_DATABASE_URL
        ? [{ test: { ...common, name: 'postgres', env: { TEST_DB: 'postgres' } } }]
        : []),
    ],
  },
});
