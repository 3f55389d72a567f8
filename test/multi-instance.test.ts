import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/server/db/client.js';
import { buildWorld, TEST_PASSWORD, type World } from './helpers/world.js';
import { buildServer, signIn, startServer, type ServerProcess } from './helpers/server-process.js';
import { createPgDatabase } from './helpers/pg-database.js';
import { roundRobin, type RoundRobin } from './helpers/round-robin.js';

// Two server processes (the production start) on one PostgreSQL behind a round-robin proxy: the
// proposal journey through the API, each request on the other instance; sessions are shared; the
// hourly scans run once across both although each offers them every second.

const onPostgres = process.env.TEST_DB === 'postgres';

describe.runIf(onPostgres)('two instances on one PostgreSQL', () => {
  let build: ReturnType<typeof buildServer>;
  let db: Awaited<ReturnType<typeof createPgDatabase>>;
  let a: ServerProcess;
  let b: ServerProcess;
  let lb: RoundRobin;
  let w: World;

  beforeAll(async () => {
    build = buildServer();
    db = await createPgDatabase('duban_multi');
    const setup = await openDatabase({ url: db.url });
    w = await buildWorld(setup.db);
    await setup.close();
    // Both on the same moved clock (the journey's dates), offering the hourly scan every second.
    const env = { DATABASE_URL: db.url, DUBAN_CLOCK: '2025-03-10', DUBAN_SCAN_EVERY_SECONDS: '1', JOB_POLL_SECONDS: '1' };
    [a, b] = await Promise.all([startServer(build.main, { ...env, DUBAN_INSTANCE: 'a' }), startServer(build.main, { ...env, DUBAN_INSTANCE: 'b' })]);
    lb = await roundRobin([a.url, b.url]);
  }, 180_000);
  afterAll(async () => {
    await lb?.close();
    for (const s of [a, b]) {
      if (s?.child.exitCode === null) {
        s.kill('SIGTERM');
        await s.exited;
      }
    }
    await db?.drop();
    build?.cleanup();
  });

  it('passes the proposal journey through the API, alternating instances, with one session each', async () => {
    const as = async (username: string) => {
      const h = await signIn(lb.url, username, TEST_PASSWORD);
      const call = async (method: string, path: string, body?: unknown) => {
        const res = await fetch(`${lb.url}/api/v1${path}`, { method, headers: { ...h, ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined });
        const json = (await res.json()) as any;
        if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(json)}`);
        return json;
      };
      return { get: (p: string) => call('GET', p), post: (p: string, b: unknown = {}) => call('POST', p, b) };
    };
    const member = await as(w.users.member.username);
    const staff = await as(w.users.staff.username);
    const unit = await as(w.users.unit.username);
    const version = async (id: number) => (await staff.get(`/proposals/${id}`)).version as number;

    const p = await member.post('/proposals', { sessionId: w.sessionId, title: '关于完善农村公路养护机制的建议', body: '正文：农村公路养护资金不足，建议建立长效机制。', category: 'agriculture' });
    await member.post(`/proposals/${p.id}/submit`, { version: p.version });
    await staff.post(`/proposals/${p.id}/review`, { decision: 'file', version: await version(p.id) });
    await staff.post(`/proposals/${p.id}/assign`, { mode: 'single', leadUnitId: w.units.nongye, version: await version(p.id) });
    await unit.post(`/proposals/${p.id}/sign`, {});
    await unit.post(`/proposals/${p.id}/contacts`, { method: 'face', contactDate: '2025-03-10', participants: '王建国', summary: '当面听取意见' });
    await unit.post(`/proposals/${p.id}/replies`, {
      resultClass: 'A',
      body: '经研究，已将农村公路养护纳入年度预算，建立县乡村三级养护责任制度，所提问题已基本解决。',
      disclosure: 'public',
      signerName: '张局长',
      version: await version(p.id),
    });
    await member.post(`/proposals/${p.id}/evaluations`, { attitude: 'satisfied', result: 'satisfied', version: await version(p.id) });
    expect((await member.get(`/proposals/${p.id}`)).status).toBe('closed');
    // Both instances served the journey.
    expect(lb.counts[0]).toBeGreaterThan(5);
    expect(lb.counts[1]).toBeGreaterThan(5);
  }, 60_000);

  it('runs the hourly scan once across both instances', async () => {
    // Each instance has offered the scan every second since it started.
    await new Promise((r) => setTimeout(r, 4_000));
    const check = await openDatabase({ url: db.url, migrate: false });
    try {
      const ran = await check.sql!.executeSql(
        `select output->>'instance' as instance, output->>'slot' as slot from pgboss.job where name = 'scans' and state = 'completed' and output->>'ran' = 'true'`,
      );
      const offered = await check.sql!.executeSql(`select count(*)::int as n from pgboss.job where name = 'scans'`);
      const slots = await check.sql!.executeSql(`select slot, instance from job_slots where name = 'scans'`);
      expect(ran.rows.length).toBe(1);
      expect(slots.rows.length).toBe(1);
      expect(['a', 'b']).toContain(slots.rows[0]!.instance);
      expect(Number(offered.rows[0]!.n)).toBeGreaterThan(1);
    } finally {
      await check.close();
    }
  }, 30_000);
});
