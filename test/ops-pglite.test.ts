import { spawnSync } from 'node:child_process';
import { randomFillSync } from 'node:crypto';
import { chmodSync, chownSync, mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, runToExit, signIn, startServer, tempDir, type ServerProcess } from './helpers/server-process.js';

// Faults of the embedded database (PGlite), against the production start: `node dist/server/main.js`
// built by scripts/build-server.ts, plain node with no tsx parent.

let build: ReturnType<typeof buildServer>;
beforeAll(() => {
  build = buildServer();
});
afterAll(() => build?.cleanup());

describe.runIf(process.env.TEST_DB === 'pglite')('one PGlite folder, one server', () => {
  let first: ServerProcess;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = tempDir();
    first = await startServer(build.main, { DATA_DIR: dataDir });
  }, 180_000);
  afterAll(async () => {
    if (first.child.exitCode === null) {
      first.kill('SIGKILL');
      await first.exited;
    }
  });

  it('writes a lock with its pid into DATA_DIR', () => {
    const lock = JSON.parse(readFileSync(`${dataDir}/duban.lock`, 'utf8'));
    expect(lock.pid).toBe(first.child.pid);
  });

  it('refuses a second server on the same folder with a clear message, and the first keeps answering', async () => {
    const second = await runToExit(build.main, { DATA_DIR: dataDir });
    expect(second.code).toBe(1);
    expect(second.output).toContain('正被另一个督办进程使用');
    expect(second.output).toContain(`pid ${first.child.pid}`);
    expect(second.output).toContain('DATABASE_URL');
    expect((await fetch(`${first.url}/api/ready`)).status).toBe(200);
  });

  it('releases the lock when it stops, so the next start succeeds', async () => {
    first.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(existsSync(`${dataDir}/duban.lock`)).toBe(false);
    const again = await startServer(build.main, { DATA_DIR: dataDir });
    again.kill('SIGTERM');
    expect(await again.exited).toBe(0);
  }, 120_000);

  it('takes over the stale lock of a process that died', async () => {
    // A pid that surely ran and ended: a child that has exited.
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    writeFileSync(`${dataDir}/duban.lock`, JSON.stringify({ pid: dead, host: (await import('node:os')).hostname(), startedAt: '2026-01-01T00:00:00Z' }));
    const s = await startServer(build.main, { DATA_DIR: dataDir });
    expect(JSON.parse(readFileSync(`${dataDir}/duban.lock`, 'utf8')).pid).toBe(s.child.pid);
    s.kill('SIGTERM');
    expect(await s.exited).toBe(0);
  }, 120_000);
});

describe.runIf(process.env.TEST_DB === 'pglite')('startup errors of the data folder, in Chinese and English', () => {
  it('says a damaged data folder is damaged and what to do (instead of "Aborted()")', async () => {
    const dir = tempDir();
    mkdirSync(`${dir}/pg/global`, { recursive: true });
    writeFileSync(`${dir}/pg/PG_VERSION`, '17\n');
    writeFileSync(`${dir}/pg/global/pg_control`, randomFillSync(Buffer.alloc(8192)));
    const r = await runToExit(build.main, { DATA_DIR: dir });
    expect(r.code).toBe(1);
    expect(r.output).toContain('已损坏或不是督办的数据库');
    expect(r.output).toContain('are damaged or are not a Duban database');
    expect(r.output).toContain('npm run restore');
    expect(r.output).not.toMatch(/^\s*at /m);
  });

  it('says a read-only data folder is not writable and what to do', async () => {
    const dir = tempDir();
    const data = `${dir}/data`;
    mkdirSync(data);
    const asRoot = process.getuid?.() === 0;
    // Root writes anywhere: run the server as 'nobody' on a folder it may only read.
    chmodSync(dir, 0o755);
    chmodSync(data, 0o555);
    if (asRoot) chownSync(data, 0, 0);
    const r = await runToExit(build.main, { DATA_DIR: data, HOME: dir }, 60_000, asRoot ? { uid: 65534, gid: 65534 } : {});
    expect(r.code).toBe(1);
    expect(r.output).toContain('不可写');
    expect(r.output).toContain('is not writable');
    expect(r.output).toContain('DATA_DIR');
  });
});

describe.runIf(process.env.TEST_DB === 'pglite')('SIGTERM drains (production start, plain node)', () => {
  let s: ServerProcess;
  beforeAll(async () => {
    s = await startServer(build.main, { DATA_DIR: tempDir(), SEED_DEMO: 'true' }, { timeoutMs: 240_000 });
  }, 300_000);
  afterAll(() => {
    if (s?.child.exitCode === null) s.kill('SIGKILL');
  });

  it('finishes 10 requests in flight, refuses new ones, and exits 0', async () => {
    // Ten requests of some weight: the list of every proposal as a spreadsheet. An export runs
    // one at a time per user (a second one is refused with 429), so ten users ask at once.
    const names = ['tiweiban', 'xuanlian', 'ducha', 'lingdao', 'jx_tiweiban', 'nongye', 'jiaoyu', 'zhujian', 'jiaotong', 'shuili'];
    const auths = await Promise.all(names.map((n) => signIn(s.url, n, 'Duban@2026')));
    const inFlight = auths.map((auth) =>
      fetch(`${s.url}/api/v1/proposals/export.xlsx`, { headers: auth }).then(
        async (r) => {
          const body = Buffer.from(await r.arrayBuffer());
          // A whole .xlsx ends with the zip's end-of-central-directory record: nothing was cut off.
          return { status: r.status, bytes: body.length, complete: body.lastIndexOf(Buffer.from('PK\x05\x06', 'latin1')) >= body.length - 22 };
        },
        (e: Error) => ({ status: 0, bytes: 0, error: e.message }),
      ),
    );
    // Let them reach the server, then stop it.
    await new Promise((r) => setTimeout(r, 300));
    s.kill('SIGTERM');
    // No longer ready once the (busy) server has taken the signal, so that a load balancer sends
    // nothing more here.
    const signalled = Date.now();
    let ready: number | string = 200;
    while (ready === 200 && Date.now() - signalled < 10_000) ready = await fetch(`${s.url}/api/ready`).then((r) => r.status, () => 'refused');
    expect(ready).toBe(503);
    // After the grace period (DRAIN_GRACE_MS, 2 s by default), once the server has taken what
    // was queued before, new connections are refused — while the process still runs.
    let late: number | string = 200;
    while (late !== 'refused' && Date.now() - signalled < 20_000) {
      late = await fetch(`${s.url}/api/health`).then((r) => r.status, () => 'refused');
      if (late !== 'refused') await new Promise((r) => setTimeout(r, 100));
    }
    expect(late).toBe('refused');
    const results = await Promise.all(inFlight);
    expect(results.map((r) => `${r.status}${'error' in r ? ` ${r.error}` : ''}`)).toEqual(Array(10).fill('200'));
    for (const r of results) {
      expect(r.bytes).toBeGreaterThan(5_000);
      expect('complete' in r && r.complete).toBe(true);
    }
    const code = await s.exited;
    expect(code, s.output().split('\n').filter((l) => /drain|stopp|timed out|error/i.test(l)).join('\n')).toBe(0);
  }, 180_000);
});
