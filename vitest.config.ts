import { defineConfig } from 'vitest/config';

// The suite runs on embedded PGlite always, and again on a PostgreSQL server when
// TEST_DATABASE_URL is set (.ci/run sets it when the server answers).
//
// Test files share their worker's loaded modules (isolate: false): loading the server's modules
// again for each of ~80 files per driver was half of the suite's time. A file that replaces a
// module (vi.mock) cannot share them, so it runs in the isolated project beside its driver's.
// A file that changes process.env puts it back when it is done (the next file sees the same env).
const ISOLATED = ['test/sign-in-enumeration.test.ts'];
const common = {
  include: ['test/**/*.test.ts'],
  globalSetup: ['test/global-setup.ts'],
  testTimeout: 30_000,
  hookTimeout: 120_000,
};
const shared = { ...common, isolate: false, exclude: ISOLATED };
const isolated = { ...common, include: ISOLATED, isolate: true };

export default defineConfig({
  test: {
    // Two workers on CI's two cores: the PostgreSQL files wait on the server part of the time.
    maxWorkers: 2,
    projects: [
      { test: { ...shared, name: 'pglite', env: { TEST_DB: 'pglite' } } },
      { test: { ...isolated, name: 'pglite (isolated)', env: { TEST_DB: 'pglite' } } },
      ...(process.env.TEST_DATABASE_URL
        ? [
            { test: { ...shared, name: 'postgres', env: { TEST_DB: 'postgres' } } },
            { test: { ...isolated, name: 'postgres (isolated)', env: { TEST_DB: 'postgres' } } },
          ]
        : []),
    ],
  },
});
