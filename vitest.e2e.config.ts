import { defineConfig } from 'vitest/config';

// Browser tests: one fork, files one after another, against a server started by the global setup
// on a free port with a fresh DATA_DIR and the demo data (see e2e/global-setup.ts).
export default defineConfig({
  test: {
    name: 'e2e',
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 600_000,
    teardownTimeout: 60_000,
  },
});
