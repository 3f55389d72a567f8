import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, openSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    serverToday: string;
  }
}

// The demo describes 2026-11-23 (src/server/clock.ts). The server runs on that day plus
// E2E_CLOCK_DAYS (default 0), whatever the day the suite runs: `npm run test:e2e:clock` runs the
// suite 30, 180 and 400 days after it, as the demo ages on a real server.
const DEMO_DAY = '2026-11-23';

const root = path.resolve(import.meta.dirname, '..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

// E2E_START_MS: a longer wait for the demo seed on a machine shared with other work.
async function waitForHealth(url: string, child: ChildProcess, logFile: string, ms = Number(process.env.E2E_START_MS) || 180_000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`the server stopped (code ${child.exitCode}); see ${logFile}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`the server did not answer on ${url} within ${ms / 1000}s; see ${logFile}`);
}

/**
 * Builds the web app (vite build) into a temporary folder, starts the server on a free port with a
 * fresh DATA_DIR and the demo seed, hands its address to the tests and stops it at the end.
 * The build goes to its own folder so that a parallel `vite build` into dist/web cannot change
 * the files under a running test. E2E_WEB_ROOT names a build made beforehand (scripts/e2e-clock.sh
 * builds once for its three runs).
 */
export default async function setup(project: TestProject) {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'duban-e2e-'));
  const webRoot = process.env.E2E_WEB_ROOT || path.join(tmp, 'web');
  if (!process.env.E2E_WEB_ROOT) {
    const build = spawnSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', webRoot, '--emptyOutDir', '--logLevel', 'warn'], {
      cwd: root,
      stdio: 'inherit',
    });
    if (build.status !== 0) throw new Error(`vite build failed (exit ${build.status})`);
  }

  const days = Number(process.env.E2E_CLOCK_DAYS ?? 0);
  if (!Number.isInteger(days)) throw new Error(`E2E_CLOCK_DAYS must be whole days: ${process.env.E2E_CLOCK_DAYS}`);
  const serverToday = new Date(Date.parse(`${DEMO_DAY}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  const port = await freePort();
  const logFile = path.join(tmp, 'server.log');
  const log = openSync(logFile, 'w');
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: path.join(tmp, 'data'),
      DATABASE_URL: '',
      WEB_ROOT: webRoot,
      SEED_DEMO: 'true',
      LOG: 'false',
      DUBAN_CLOCK: `demo${days >= 0 ? '+' : ''}${days}d`,
      // Lists are counted exactly up to 100 rows, so the demo's lists show the estimate (约 N 条) and
      // the cursor pager a province's lists use (e2e/list-pager.e2e.ts).
      LIST_COUNT_CAP: process.env.LIST_COUNT_CAP ?? '100',
      // E-mail and work notices are offered; nothing listens there, so nothing is sent anywhere.
      SMTP_URL: 'smtp://127.0.0.1:9',
      WORK_NOTICE_WEBHOOK_URL: 'http://127.0.0.1:9/notice',
    },
    stdio: ['ignore', log, log],
    detached: true,
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.pid) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      const until = Date.now() + 10_000;
      while (child.exitCode === null && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
      if (child.exitCode === null) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }
    if (!process.env.E2E_KEEP) rmSync(tmp, { recursive: true, force: true });
  };
  try {
    await waitForHealth(baseUrl, child, logFile);
  } catch (e) {
    await stop();
    throw e;
  }
  project.provide('baseUrl', baseUrl);
  project.provide('serverToday', serverToday);
  console.log(`browser tests: server at ${baseUrl}, its clock on ${serverToday}`);
  return stop;
}
