// Part 4 of the scale benchmark: the embedded PGlite database at 200k proposals — the screens staff,
// a unit and the 督查室 open most, over HTTP against the server as its own process, with its start
// time and memory. The database is generated when missing (about 8 minutes on 2 cores).
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { openDatabase } from '../../src/server/db/client.js';
import { BENCH_PASSWORD, generate } from '../gen.js';
import { ensureKeyTasks } from '../gen/tasks.js';
import { signInHttp, startServer } from './mixed-load.js';
import { measure } from './record.js';

export interface PgliteResult {
  proposals: number;
  dir: string;
  genSeconds: number | null;
  startMs: number;
  rssMb: number;
  peakMb: number;
  screens: { what: string; p50: number; p95: number; target: number }[];
}

export async function benchPglite(n: number, dir: string, runs: number, year: number): Promise<PgliteResult> {
  let genSeconds: number | null = null;
  if (!existsSync(path.join(dir, 'pg', 'PG_VERSION'))) {
    genSeconds = (await generate({ proposals: n, dataDir: path.join(dir, 'pg'), tenants: 102, years: 10, fresh: true, seed: 1 })).seconds;
  }
  // What the screens need to know, and the key tasks, with the database open here (one process at a time).
  const database = await openDatabase({ dataDir: path.join(dir, 'pg') });
  const lite = (database.db as unknown as { $client: PGlite }).$client;
  const run = async (q: string) => (await lite.query(q)).rows as Record<string, unknown>[];
  const tasks = await ensureKeyTasks(run, year);
  const [info] = (await run(`
    select (select id from tenants where code = '330000') tenant,
           (select s.id from sessions s join tenants t on t.id = s.tenant_id where t.code = '330000' and s.kind = 'proposal' order by s.year desc limit 1) session`)) as { tenant: number; session: number }[];
  const [busiest] = (await run(`
    select a.unit_id, (select username from users where unit_id = a.unit_id and 'unit' = any(roles) order by id limit 1) username
    from assignments a join proposals p on p.id = a.proposal_id
    where a.tenant_id = ${Number(info!.tenant)} and a.status <> 'removed' and p.kind = 'proposal' group by a.unit_id order by count(*) desc limit 1`)) as { unit_id: number; username: string }[];
  const ids = ((await run(`select id from proposals where tenant_id = ${Number(info!.tenant)} and status <> 'draft' and kind = 'proposal' order by md5(id::text) limit 20`)) as { id: number }[]).map((r) => r.id);
  await database.close();

  const started = performance.now();
  const server = await startServer({ DATA_DIR: dir, DATABASE_URL: '' });
  const startMs = performance.now() - started;
  try {
    const staff = await signInHttp(server.base, 't1_staff', BENCH_PASSWORD);
    const unit = await signInHttp(server.base, busiest!.username, BENCH_PASSWORD);
    const office = await signInHttp(server.base, 't1_office', BENCH_PASSWORD);
    const P = `${server.base}/api/v1/proposals?pageSize=20`;
    const screens: PgliteResult['screens'] = [];
    const screen = async (what: string, urlOf: (i: number) => string, h: { cookie: string }, target = 30) => {
      const s = await measure(async (i) => {
        const r = await fetch(urlOf(i), { headers: h });
        if (!r.ok) throw new Error(`${urlOf(i)}: ${r.status} ${(await r.text()).slice(0, 200)}`);
        await r.arrayBuffer();
      }, runs);
      screens.push({ what, ...s, target });
      console.log(`PGlite ${what}: p50 ${s.p50.toFixed(1)} p95 ${s.p95.toFixed(1)} ms`);
    };
    await screen('proposal list, page 1', () => `${P}&page=1`, staff);
    await screen('proposal list sorted by title', () => `${P}&page=1&sort=title:asc`, staff);
    await screen('proposal list, search box q=养老', () => `${P}&page=1&q=${encodeURIComponent('养老')}`, staff);
    await screen('unit inbox, 已办结 tab', () => `${P}&page=1&unitId=${busiest!.unit_id}&status=closed&sort=updatedAt:desc`, unit);
    await screen('unit inbox, 待签收 tab', () => `${P}&page=1&unitId=${busiest!.unit_id}&status=assigned,handling,rehandling&unitAssignmentStatus=pending&sort=deadline:asc`, unit);
    await screen(`key-task list (${tasks.tasks} tasks)`, () => `${server.base}/api/v1/task-lists/${tasks.listId}/tasks?page=1&pageSize=50`, office);
    await screen('proposal detail', (i) => `${server.base}/api/v1/proposals/${ids[i % ids.length]}`, staff);
    await screen('session figures', () => `${server.base}/api/v1/sessions/${info!.session}/figures`, staff);
    await screen('search「工作」', () => `${server.base}/api/v1/search?q=${encodeURIComponent('工作')}&pageSize=20`, staff, 100);
    const status = await readFile(`/proc/${server.pid}/status`, 'utf8');
    const mb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024;
    return { proposals: n, dir, genSeconds, startMs, rssMb: mb('VmRSS'), peakMb: mb('VmHWM'), screens };
  } finally {
    server.child.kill('SIGTERM');
  }
}
