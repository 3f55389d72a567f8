// The lists people open most (issue 13), through the API and as raw SQL in the same run, against a
// database `npm run gen` filled:
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/duban_perf npx tsx scripts/bench-lists.ts [--runs 30] [--json out.json]
//
// API = app.inject with a signed-in session (auth, validation, JSON). Raw = the statements the
// endpoint sent (recorded from the driver during one call, the sign-in's session lookup left out),
// replayed one after another on the same pool. Prints a Markdown table and the machine's load.
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import * as schema from '../src/server/db/schema.js';
import type { Db } from '../src/server/db/client.js';
import { buildApp } from '../src/server/http/app.js';
import { BENCH_PASSWORD } from './gen.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '30' }, json: { type: 'string' } }, strict: false });
const RUNS = Number(values.runs);
const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/duban_perf';

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
async function measure(fn: () => Promise<unknown>) {
  for (let i = 0; i < 3; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return { p50: pct(times, 50), p95: pct(times, 95) };
}
const ms = (x: number) => (x < 10 ? x.toFixed(1) : Math.round(x).toString());

pg.types.setTypeParser(1082, (v: string) => v);
const pool = new pg.Pool({ connectionString: url, max: 10 });
let recording: { text: string; values?: unknown[] }[] | null = null;
pool.on('connect', (client) => {
  const query = client.query.bind(client) as (...a: unknown[]) => unknown;
  (client as unknown as { query: (...a: unknown[]) => unknown }).query = (...a: unknown[]) => {
    const q = a[0] as string | { text: string; values?: unknown[] };
    const text = typeof q === 'string' ? q : q?.text;
    if (recording && text && !/^(begin|commit|rollback)/i.test(text) && !/login_sessions|from "users"|from "members"|from "leaders"/.test(text)) {
      recording.push({ text, values: (a[1] as unknown[] | undefined) ?? (typeof q === 'string' ? undefined : q.values) });
    }
    return query(...a);
  };
});
const db = drizzle(pool, { schema }) as unknown as Db;
const one = async <T>(q: string, v: unknown[] = []) => (await pool.query(q, v)).rows[0] as T;
const app = await buildApp({ db, logger: false });

async function signIn(username: string) {
  const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: BENCH_PASSWORD } });
  if (login.statusCode !== 200) throw new Error(`${username} 登录失败：${login.statusCode} ${login.body}（先运行 npm run gen）`);
  return { cookie: `duban_sid=${login.cookies.find((c) => c.name === 'duban_sid')!.value}`, 'x-csrf-token': login.json().csrfToken as string };
}

const tenant = await one<{ id: number; name: string; n: number; listed: number }>(
  `select t.id, t.name, (select count(*)::int from proposals p where p.tenant_id = t.id) n,
          (select count(*)::int from proposals p where p.tenant_id = t.id and p.status <> 'draft' and p.kind = 'proposal') listed
   from tenants t where code = '330000'`,
);
const busiest = await one<{ unit_id: number; name: string; n: number; closed: number }>(
  `select a.unit_id, u.name, count(*)::int n, count(*) filter (where p.status = 'closed')::int closed
   from assignments a join proposals p on p.id = a.proposal_id join units u on u.id = a.unit_id
   where a.tenant_id = $1 and a.status <> 'removed' group by a.unit_id, u.name order by n desc limit 1`,
  [tenant.id],
);
const unitUser = await one<{ username: string }>(`select username from users where unit_id = $1 and 'unit' = any(roles) limit 1`, [busiest.unit_id]);
const staff = await signIn('t1_staff');
const unit = await signIn(unitUser.username);
const deepPage = Math.max(2, Math.floor((tenant.listed / 20) * 0.85));

interface Row {
  what: string;
  call: string;
  api: { p50: number; p95: number };
  raw: { p50: number; p95: number };
  statements: number;
  total: unknown;
  exact: unknown;
  sql: { text: string; values?: unknown[] }[];
}
const rows: Row[] = [];
async function bench(what: string, call: string, headers: Record<string, string>) {
  const get = async () => {
    const r = await app.inject({ method: 'GET', url: call, headers });
    if (r.statusCode !== 200) throw new Error(`${call}: ${r.statusCode} ${r.body.slice(0, 300)}`);
    return r.json() as { total?: number; totalIsExact?: boolean; items?: unknown[] };
  };
  recording = [];
  const body = await get();
  const recorded = recording;
  recording = null;
  const api = await measure(get);
  const raw = await measure(async () => {
    for (const q of recorded) await pool.query(q.text, q.values as unknown[]);
  });
  rows.push({ what, call, api, raw, statements: recorded.length, total: body.total, exact: body.totalIsExact ?? true, sql: recorded });
  console.log(`${what}: API p50 ${ms(api.p50)} p95 ${ms(api.p95)} ms; raw p50 ${ms(raw.p50)} p95 ${ms(raw.p95)} ms (${recorded.length} statements; total ${body.total}${body.totalIsExact === false ? ' estimated' : ''})`);
}

const load0 = os.loadavg();
console.log(`${tenant.name}: ${tenant.n} proposals (${tenant.listed} non-draft 提案); busiest unit ${busiest.name}: ${busiest.n} assignments, ${busiest.closed} closed`);
await bench('proposal list, page 1, default sort', '/api/v1/proposals?page=1&pageSize=20', staff);
await bench(`proposal list, page ${deepPage}`, `/api/v1/proposals?page=${deepPage}&pageSize=20`, staff);
// The same deep page as the pager reaches it now: the cursor of the page before (keyset paging).
const before = await app.inject({ method: 'GET', url: `/api/v1/proposals?page=${deepPage - 1}&pageSize=20`, headers: staff });
const cursor = (before.json() as { nextCursor?: string | null }).nextCursor;
if (cursor) await bench(`proposal list, page ${deepPage} by cursor (keyset)`, `/api/v1/proposals?page=${deepPage}&pageSize=20&after=${cursor}`, staff);
await bench('proposal list sorted by title', '/api/v1/proposals?page=1&pageSize=20&sort=title:asc', staff);
await bench('proposal list sorted by number', '/api/v1/proposals?page=1&pageSize=20&sort=number:desc', staff);
await bench('proposal list sorted by deadline', '/api/v1/proposals?page=1&pageSize=20&sort=deadline:asc', staff);
await bench('proposal list sorted by submittedAt', '/api/v1/proposals?page=1&pageSize=20&sort=submittedAt:desc', staff);
await bench('proposal list, search box q=养老', `/api/v1/proposals?page=1&pageSize=20&q=${encodeURIComponent('养老')}`, staff);
await bench('unit inbox, 已办结 tab (busiest unit)', `/api/v1/proposals?status=closed&unitId=${busiest.unit_id}&sort=${encodeURIComponent('updatedAt:desc')}&page=1&pageSize=20`, unit);
const load1 = os.loadavg();
await app.close();
await pool.end();

const cpu = os.cpus();
const table = [
  `| what | API p50 | API p95 | raw p50 | raw p95 | statements | total |`,
  `| --- | ---: | ---: | ---: | ---: | ---: | ---: |`,
  ...rows.map((r) => `| ${r.what} | ${ms(r.api.p50)} ms | ${ms(r.api.p95)} ms | ${ms(r.raw.p50)} ms | ${ms(r.raw.p95)} ms | ${r.statements} | ${r.exact === false ? '约 ' : ''}${r.total} |`),
].join('\n');
console.log(`\n${new Date().toISOString()}; ${cpu[0]?.model ?? ''}, ${cpu.length} cores; load ${load0.map((x) => x.toFixed(2)).join(' ')} → ${load1.map((x) => x.toFixed(2)).join(' ')}; ${RUNS} runs after 3 warm-up\n`);
console.log(table);
if (typeof values.json === 'string') writeFileSync(values.json, JSON.stringify({ tenant, busiest, deepPage, load: [load0, load1], rows }, null, 2));
