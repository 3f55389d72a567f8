import { defineConfig } from 'vitest/config';

// Browser tests: one fork, files one after another, against a server started by the global setup
// on a free port with a fresh DATA_DIR and the demo data (see e2e/global-setup.ts).
export default defineConfig({
  test: {
    name: 'e2e',
    include: ['e2e/**/*.e2e.ts'],
    // The accessibility scan (axe-core on every role's screens) still finds violations on some
    // screens (issue 16): it runs on its own with `npm run test:a11y` until it passes, and then
    // joins the suite (drop this line).
    exclude: process.env.E2E_A11Y === '1' ? [] : ['e2e/a11y.e2e.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 600_000,
    teardownTimeout: 60_000,
  },
});
