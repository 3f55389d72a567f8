import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inArray } from 'drizzle-orm';
import { openDatabase } from '../src/server/db/client.js';
import { proposals } from '../src/server/db/schema.js';
import { buildWorld, TEST_PASSWORD, type World } from './helpers/world.js';
import { buildServer, runToExit, signIn, startServer, type ServerProcess } from './helpers/server-process.js';
import { createPgDatabase } from './helpers/pg-database.js';
import { startTcpProxy, type TcpProxy } from './helpers/tcp-proxy.js';

// Faults of a PostgreSQL server, against the production start (`node dist/server/main.js`).

const onPostgres = process.env.TEST_DB === 'postgres';
let build: ReturnType<typeof buildServer>;
beforeAll(() => {
  if (onPostgres) build = buildServer();
});
afterAll(() => build?.cleanup());

describe.runIf(onPostgres)('startup errors of the database server, in Chinese and English', () => {
  it('says an unreachable server is unreachable and what to do', async () => {
    const r = await runToExit(build.main, { DATABASE_URL: 'postgres://postgres@127.0.0.1:1/duban' });
    expect(r.code).toBe(1);
    expect(r.output).toContain('无法连接数据库服务器 127.0.0.1:1');
    expect(r.output).toContain('Cannot reach the database server at 127.0.0.1:1');
    expect(r.output).toContain('DATABASE_URL');
    expect(r.output).not.toMatch(/^\s+at /m);
  });

  it('says a missing database is missing and how to create it', async () => {
    const u = new URL(process.env.TEST_DATABASE_URL!);
    u.pathname = '/duban_no_such_database';
    const r = await runToExit(build.main, { DATABASE_URL: u.toString() });
    expect(r.code).toBe(1);
    expect(r.output).toContain('没有名为「duban_no_such_database」的数据库');
    expect(r.output).toContain('has no database named "duban_no_such_database"');
    expect(r.output).toContain('createdb');
  });
});

describe.runIf(onPostgres)('PostgreSQL drops its connections mid-traffic', () => {
  let db: Awaited<ReturnType<typeof createPgDatabase>>;
  let proxy: TcpProxy;
  let server: ServerProcess;
  let w: World;

  beforeAll(async () => {
    db = await createPgDatabase();
    const setup = await openDatabase({ url: db.url });
    w = await buildWorld(setup.db);
    await setup.close();
    const target = new URL(process.env.TEST_DATABASE_URL!);
    proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
    server = await startServer(build.main, { DATABASE_URL: db.via(proxy.port), DATABASE_POOL_MAX: '5' });
  }, 120_000);
  afterAll(async () => {
    if (server?.child.exitCode === null) {
      server.kill('SIGTERM');
      await server.exited;
    }
    await proxy?.close();
    await db?.drop();
  });

  it('does not crash, answers 503 with Retry-After while it is away, recovers by itself and loses no acknowledged write', async () => {
    const auth = await signIn(server.url, w.users.member.username, TEST_PASSWORD);
    const acknowledged = new Map<number, string>();
    const statuses = new Map<string, number>();
    let retryAfterSeen = false;
    let stop = false;
    let n = 0;
    const writer = async (k: number) => {
      while (!stop) {
        const title = `关于第${k}-${n++}件测试事项的建议`;
        const res = await fetch(`${server.url}/api/v1/proposals`, {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/json' },
          body: JSON.stringify({ sessionId: w.sessionId, title, body: '正文', category: 'other' }),
        }).catch(() => null);
        const key = res ? String(res.status) : 'network';
        statuses.set(key, (statuses.get(key) ?? 0) + 1);
        if (res?.status === 201) acknowledged.set(((await res.json()) as { id: number }).id, title);
        else if (res) {
          if (res.status === 503 && res.headers.get('retry-after')) retryAfterSeen = true;
          await res.text();
          await new Promise((r) => setTimeout(r, 50));
        }
      }
    };
    const writers = Array.from({ length: 4 }, (_, k) => writer(k));
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    // Blips: every connection cut, twice.
    await sleep(1_000);
    const cut1 = proxy.cutAll();
    await sleep(1_500);
    const cut2 = proxy.cutAll();
    await sleep(1_500);
    // An outage: cut, and nothing answers for three seconds (a restart).
    proxy.setDown(true);
    proxy.cutAll();
    await sleep(3_000);
    proxy.setDown(false);
    // Recovery without any help.
    await sleep(3_000);
    stop = true;
    await Promise.all(writers);

    expect(cut1 + cut2).toBeGreaterThan(0);
    expect(server.child.exitCode).toBeNull();
    expect(retryAfterSeen).toBe(true);
    // Every answer is either the write (201) or "come back later" (503): nothing else failed.
    expect([...statuses.keys()].sort()).toEqual(['201', '503']);
    expect(acknowledged.size).toBeGreaterThan(10);

    // Back to normal: ready, and a write goes through.
    let ready = 0;
    for (let i = 0; i < 50 && ready !== 200; i++) {
      ready = (await fetch(`${server.url}/api/ready`)).status;
      if (ready !== 200) await sleep(200);
    }
    expect(ready).toBe(200);
    const after = await fetch(`${server.url}/api/v1/proposals`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ sessionId: w.sessionId, title: '关于恢复之后的一条建议', body: '正文', category: 'other' }),
    });
    expect(after.status).toBe(201);

    // No acknowledged write lost: each one is in the database, as written.
    const check = await openDatabase({ url: db.url, migrate: false });
    try {
      const rows = await check.db.select({ id: proposals.id, title: proposals.title }).from(proposals).where(inArray(proposals.id, [...acknowledged.keys()]));
      expect(rows.length).toBe(acknowledged.size);
      for (const r of rows) expect(r.title).toBe(acknowledged.get(r.id));
    } finally {
      await check.close();
    }

    // The outage is visible in the metrics.
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/duban_database_outages_total [1-9]/);
    expect(metrics).toMatch(/duban_http_requests_total\{method="POST",route="\/api\/v1\/proposals",status_code="503"\} [1-9]/);
  }, 120_000);
});
