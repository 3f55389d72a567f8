// npm run bench -- --scale: the figures of the scale issue (13) in one run, against the database that
// `npm run gen -- --proposals 1000000 --fresh` fills (DATABASE_URL or postgres://…/duban_bench):
//   1. every list the screens call, the search box, the unit inbox's tabs, the key-task list, search,
//      similar proposals, figures and the league table — each through the API (app.inject with a
//      signed-in session) and beside the raw SQL the endpoint sent (recorded from the driver during
//      one call, replayed one statement after another on the same pool);
//   2. the mixed load at 10, 50 and 100 clients against the server as its own process (HTTP), beside
//      the same loops replayed as raw SQL;
//   3. the concurrent writes (scripts/bench-writes.ts: 20 create→reply chains);
//   4. the embedded PGlite at 200k proposals: the same screens over HTTP, server start, memory.
// The machine's load is printed with every part. Writes the section "Scale" of BENCHMARKS.md and the
// raw results to data/bench-scale.json.
//   --runs N           runs per figure (default 30, after 3 warm-up runs)
//   --load-seconds S   seconds per mixed-load level (default 15)
//   --pglite N         proposals in the PGlite database (default 200000; 0 to skip)
//   --pglite-dir DIR   default data/bench-pglite (generated when missing)
//   --skip-writes      leave out part 3
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { drizzle } from 'drizzle-orm/node-postgres';
import * as schema from '../src/server/db/schema.js';
import type { Db } from '../src/server/db/client.js';
import { buildApp } from '../src/server/http/app.js';
import { BENCH_PASSWORD } from './gen.js';
import { ensureKeyTasks, ensureStaffAccounts } from './gen/tasks.js';
import { machine, writeSection } from './bench-md.js';
import { load, measure, ms, recordingPool, type Stat, type Statement } from './bench-scale/record.js';
import { mixedLoad, mixedLoadRaw, signInHttp, startServer, WORDS, type LoadResult } from './bench-scale/mixed-load.js';
import { benchPglite, type PgliteResult } from './bench-scale/pglite.js';

const { values } = parseArgs({
  options: {
    scale: { type: 'boolean' },
    runs: { type: 'string', default: '30' },
    'load-seconds': { type: 'string', default: '15' },
    pglite: { type: 'string', default: '200000' },
    'pglite-dir': { type: 'string' },
    'skip-writes': { type: 'boolean', default: false },
  },
  strict: false,
});
const RUNS = Number(values.runs);
const LOAD_SECONDS = Number(values['load-seconds']);
const root = path.resolve(import.meta.dirname, '..');
const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/duban_bench';
const year = Number(new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' }).slice(0, 4));
const CLIENT_LEVELS = [10, 50, 100];

// ——— the database, the bench's extra rows (key tasks, more staff), the app in this process ———
const rec = recordingPool(url);
const run = async (q: string) => (await rec.pool.query(q)).rows as Record<string, unknown>[];
const one = async <T>(q: string, v: unknown[] = []) => (await rec.pool.query(q, v)).rows[0] as T;
const keyTasks = await ensureKeyTasks(run, year);
const staffNames = await ensureStaffAccounts(run, Math.max(...CLIENT_LEVELS));
if (keyTasks.created) await run('vacuum analyze tasks, task_units, task_targets, task_periods, task_reports, users');
// The server folds the figures' deltas every minute (jobs/fold-rollups.ts); writes made without a
// server running (an earlier run's part 3) would otherwise be summed by every figures read here.
const folded = (await run('select duban_fold_rollups() as n'))[0]?.n;
const db = drizzle(rec.pool, { schema }) as unknown as Db;
const app = await buildApp({ db, logger: false });

type Headers = Record<string, string>;
async function signIn(username: string): Promise<Headers> {
  const r = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: BENCH_PASSWORD } });
  if (r.statusCode !== 200) throw new Error(`${username} 登录失败：${r.statusCode} ${r.body}（先运行 npm run gen）`);
  return { cookie: `duban_sid=${r.cookies.find((c) => c.name === 'duban_sid')!.value}`, 'x-csrf-token': r.json().csrfToken as string };
}
async function get<T = Record<string, unknown>>(u: string, headers: Headers): Promise<T> {
  const r = await app.inject({ method: 'GET', url: u, headers });
  if (r.statusCode !== 200) throw new Error(`${u}: ${r.statusCode} ${r.body.slice(0, 300)}`);
  return r.json() as T;
}

const size = await one<{ proposals: number; db: string; search: string; server: string; shared: string }>(
  `select (select count(*)::int from proposals) proposals, pg_size_pretty(pg_database_size(current_database())) db,
          pg_size_pretty(pg_total_relation_size('proposal_search')) search, current_setting('server_version') server, current_setting('shared_buffers') shared`,
);
const tenant = await one<{ id: number; name: string; n: number; listed: number }>(
  `select t.id, t.name, (select count(*)::int from proposals p where p.tenant_id = t.id) n,
          (select count(*)::int from proposals p where p.tenant_id = t.id and p.status <> 'draft' and p.kind = 'proposal') listed
   from tenants t where code = '330000'`,
);
const session = await one<{ id: number; name: string; year: number; n: number }>(
  `select s.id, s.name, s.year, count(p.id)::int n from sessions s join proposals p on p.session_id = s.id where s.tenant_id = $1 and s.kind = 'proposal' group by s.id order by s.year desc limit 1`,
  [tenant.id],
);
const busiest = await one<{ unit_id: number; name: string; n: number; closed: number }>(
  `select a.unit_id, u.name, count(*)::int n, count(*) filter (where p.status = 'closed')::int closed
   from assignments a join proposals p on p.id = a.proposal_id join units u on u.id = a.unit_id
   where a.tenant_id = $1 and a.status <> 'removed' and p.kind = 'proposal' group by a.unit_id, u.name order by n desc limit 1`,
  [tenant.id],
);
const unitUser = await one<{ username: string }>(`select username from users where unit_id = $1 and 'unit' = any(roles) order by id limit 1`, [busiest.unit_id]);
const staff = await signIn('t1_staff');
const unit = await signIn(unitUser.username);
const office = await signIn('t1_office');
const sample = (await rec.pool.query(`select id from proposals where tenant_id = $1 and status <> 'draft' and kind = 'proposal' order by md5(id::text) limit 40`, [tenant.id])).rows.map((r) => r.id as number);
console.log(`${size.proposals} proposals (${size.db}); ${tenant.name}: ${tenant.n}, ${tenant.listed} listed by its CPPCC staff; session ${session.name}: ${session.n}; busiest unit ${busiest.name}: ${busiest.n} assignments (${busiest.closed} closed); key tasks ${keyTasks.tasks}; ${folded} figures deltas folded; load ${load().toFixed(2)}`);

// ——— 1. single calls, API beside raw SQL ———
interface Line {
  group: string;
  what: string;
  call: string;
  target: number;
  before?: string;
  api: Stat;
  raw: Stat;
  statements: number;
  total?: string;
  load: number;
}
const lines: Line[] = [];
async function line(group: string, what: string, target: number, urlOf: (i: number) => string, headers: Headers, before?: string) {
  const recorded: Statement[][] = [];
  let body: { total?: number; totalIsExact?: boolean } = {};
  for (let i = 0; i < 3; i++) {
    const r = await rec.record(() => get<typeof body>(urlOf(i), headers));
    recorded.push(r.statements);
    body = r.result;
  }
  const api = await measure((i) => get(urlOf(i), headers), RUNS);
  const raw = await measure((i) => rec.replay(recorded[i % recorded.length]!), RUNS);
  const total = typeof body.total === 'number' ? `${body.totalIsExact === false ? '约 ' : ''}${body.total.toLocaleString('en')}` : undefined;
  lines.push({ group, what, call: urlOf(0).replace(/\/\d{4,}\//, '/:id/'), target, before, api, raw, statements: recorded[0]!.length, total, load: load() });
  console.log(`${what}: API p50 ${ms(api.p50)} p95 ${ms(api.p95)} ms; raw p50 ${ms(raw.p50)} p95 ${ms(raw.p95)} ms (${recorded[0]!.length} statements${total ? `; total ${total}` : ''}; load ${load().toFixed(2)})`);
}

const L = 'lists';
const P = '/api/v1/proposals?pageSize=20';
await line(L, 'proposal list, page 1, default sort', 20, () => `${P}&page=1`, staff, '125 ms');
await line(L, 'proposal list, page 500 (jump by number)', 20, () => `${P}&page=500`, staff, '161 ms');
const before500 = await get<{ nextCursor?: string | null }>(`${P}&page=499`, staff);
if (before500.nextCursor) await line(L, 'proposal list, page 500 (next page, cursor)', 20, () => `${P}&page=500&after=${before500.nextCursor}`, staff);
await line(L, 'proposal list sorted by title', 20, () => `${P}&page=1&sort=title:asc`, staff, '122 ms');
for (const s of ['number:desc', 'number:asc', 'deadline:asc', 'submittedAt:desc', 'updatedAt:asc']) {
  await line(L, `proposal list sorted by ${s}`, 20, () => `${P}&page=1&sort=${s}`, staff);
}
await line(L, 'proposal list, status 办理中', 20, () => `${P}&page=1&status=handling`, staff);
await line(L, 'proposal list, search box q=养老', 50, () => `${P}&page=1&q=${encodeURIComponent('养老')}`, staff, '681 ms');
const TABS: [string, string, string][] = [
  ['待签收', 'status=assigned,handling,rehandling&unitAssignmentStatus=pending', 'deadline:asc'],
  ['办理中', 'status=handling,rehandling&unitAssignmentStatus=signed,objected', 'deadline:asc'],
  ['已答复', 'status=reply_review,replied', 'updatedAt:desc'],
  ['跟踪落实', 'status=following_up', 'updatedAt:desc'],
  ['已办结', 'status=closed', 'updatedAt:desc'],
];
for (const [label, query, sort] of TABS) {
  await line(L, `unit inbox, ${label} tab (busiest unit)`, 20, () => `${P}&page=1&unitId=${busiest.unit_id}&${query}&sort=${sort}`, unit, label === '已办结' ? '92 ms' : undefined);
}
await line(L, `key-task list (${keyTasks.tasks} tasks, 督查室)`, 20, () => `/api/v1/task-lists/${keyTasks.listId}/tasks?page=1&pageSize=50`, office, '24 ms');
await line(L, 'key-task lights (统计)', 20, () => `/api/v1/task-lists/${keyTasks.listId}/stats`, office);
const R = 'reads';
await line(R, 'proposal detail', 20, (i) => `/api/v1/proposals/${sample[i % sample.length]}`, staff);
await line(R, 'session figures', 50, () => `/api/v1/sessions/${session.id}/figures`, staff);
await line(R, 'unit league table', 50, () => `/api/v1/sessions/${session.id}/unit-stats`, staff);
await line(R, 'unread notifications (unit)', 20, () => `/api/v1/notifications/unread-count`, unit);
// Search and similar proposals are limited to 60 a minute per person (plugins/limits.ts): each line
// signs in a staff member of its own, as the mixed load does.
let nextStaff = 1;
const freshStaff = () => signIn(staffNames[nextStaff++ % staffNames.length]!);
await line(R, 'search「工作」top 20 + count', 100, () => `/api/v1/search?q=${encodeURIComponent('工作')}&pageSize=20`, await freshStaff());
await line(R, 'search「九龙山」top 20 + count', 100, () => `/api/v1/search?q=${encodeURIComponent('九龙山')}&pageSize=20`, await freshStaff());
await line(R, 'search「工作」page 10', 100, () => `/api/v1/search?q=${encodeURIComponent('工作')}&pageSize=20&page=10`, await freshStaff());
await line(R, 'similar proposals', 150, (i) => `/api/v1/proposals/${sample[i % sample.length]}/similar`, await freshStaff());

// The mixed load's calls as raw SQL, recorded here, replayed in part 2.
const rawCalls = { lists: [] as Statement[][], details: [] as Statement[][], searches: [] as Statement[][], figures: [] as Statement[] };
for (let page = 1; page <= 5; page++) {
  const { result, statements } = await rec.record(() => get<{ items: { id: number }[] }>(`${P}&page=${page}`, staff));
  rawCalls.lists.push(statements);
  for (const item of result.items.slice(0, 2)) rawCalls.details.push((await rec.record(() => get(`/api/v1/proposals/${item.id}`, staff))).statements);
}
const searcher = await freshStaff();
for (const w of WORDS) rawCalls.searches.push((await rec.record(() => get(`/api/v1/search?q=${encodeURIComponent(w)}&pageSize=20`, searcher))).statements);
rawCalls.figures = (await rec.record(() => get(`/api/v1/sessions/${session.id}/figures`, staff))).statements;
await app.close();

// ——— 2. mixed load over HTTP, beside raw SQL ———
const loads: { api: LoadResult; raw: LoadResult }[] = [];
{
  const server = await startServer({ DATABASE_URL: url });
  try {
    const sessions = [];
    for (const name of staffNames) sessions.push(await signInHttp(server.base, name, BENCH_PASSWORD));
    for (const clients of CLIENT_LEVELS) {
      await mixedLoad(server.base, sessions.slice(0, clients), session.id, 3); // warm-up
      const api = await mixedLoad(server.base, sessions.slice(0, clients), session.id, LOAD_SECONDS);
      const raw = await mixedLoadRaw(rec.replay, rawCalls, clients, LOAD_SECONDS);
      loads.push({ api, raw });
      console.log(`mixed load, ${clients} clients: API ${api.rps.toFixed(0)} req/s, p50 ${ms(api.p50)} p95 ${ms(api.p95)} ms, errors ${api.errors} ${JSON.stringify(api.byStatus)}; raw ${raw.rps.toFixed(0)} req/s, p95 ${ms(raw.p95)} ms; load ${api.load[1].toFixed(2)}`);
    }
  } finally {
    server.child.kill('SIGTERM');
  }
}
await rec.pool.end();

// ——— 3. concurrent writes ———
interface WritesResult {
  chains: number;
  seconds: number;
  writes: number;
  writesPerSecond: number;
  p50: number;
  p95: number;
  fiveHundreds: number;
  byStatus: Record<string, number>;
  lockWaits: { meanWaiting: number; samplesWithWaits: number };
  statusChange: { withTriggers: Stat; withoutTriggers: Stat };
  load: [number, number];
}
let writes: WritesResult | null = null;
if (!values['skip-writes']) {
  const out = path.join(os.tmpdir(), `duban-bench-writes-${process.pid}.json`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/bench-writes.ts', '--json', out], { cwd: root, env: { ...process.env, DATABASE_URL: url }, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`bench-writes 失败（${r.status}）`);
  writes = JSON.parse(readFileSync(out, 'utf8')) as WritesResult;
}

// ——— 4. PGlite at 200k ———
const pgliteN = Number(values.pglite);
const lite: PgliteResult | null = pgliteN > 0 ? await benchPglite(pgliteN, path.resolve(root, (values['pglite-dir'] as string | undefined) ?? 'data/bench-pglite'), RUNS, year) : null;

// ——— BENCHMARKS.md ———
mkdirSync(path.join(root, 'data'), { recursive: true });
writeFileSync(path.join(root, 'data/bench-scale.json'), JSON.stringify({ date: new Date().toISOString(), size, tenant, session, busiest, lines, loads, writes, lite }, null, 2));
const verdict = (ok: boolean, miss = '') => (ok ? 'met' : `**missed**${miss}`);
const row = (l: Line) =>
  `| ${l.what} | ${l.before ?? ''} | ${ms(l.api.p50)} / ${ms(l.api.p95)} ms | ${ms(l.raw.p50)} / ${ms(l.raw.p95)} ms | ${(l.api.p50 / l.raw.p50).toFixed(1)}× | ${l.statements} | ${l.total ?? ''} | < ${l.target} ms | ${verdict(l.api.p95 < l.target)} |`;
const head = `| operation | issue's figure (p95) | API p50 / p95 | raw p50 / p95 | API ÷ raw (p50) | statements | total | target p95 | |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |`;
const loadRow = ({ api, raw }: { api: LoadResult; raw: LoadResult }) =>
  `| ${api.clients} | ${api.rps.toFixed(0)} | ${ms(api.p50)} / ${ms(api.p95)} ms | ${api.errors} | ${raw.rps.toFixed(0)} | ${ms(raw.p50)} / ${ms(raw.p95)} ms | ${api.load[1].toFixed(1)} | ${api.clients === 50 ? `≥ 180 req/s, p95 < 300 ms: ${verdict(api.rps >= 180 && api.p95 < 300)}` : ''} |`;
const md = `
All the figures of issue 13 from **one run** of \`npm run bench -- --scale\` (scripts/bench-scale.ts), on the database
\`npm run gen -- --proposals 1000000 --fresh\` fills: ${size.proposals.toLocaleString('en')} proposals and suggestions of 102 tenants over
10 years, every lifecycle state, the rows of all tenants interleaved in time order (database ${size.db}, of which the
search table and its GIN index ${size.search}); the bench adds the province's key-task list (${keyTasks.tasks} tasks, four
quarterly periods with reports, \`scripts/gen/tasks.ts\`) and ${staffNames.length} committee staff accounts for the mixed load.

| | |
| --- | --- |
| command | \`npm run bench -- --scale\`, ${RUNS} runs per figure after 3 warm-up runs, ${LOAD_SECONDS} s per load level |
| date | ${new Date().toISOString()} |
| machine | ${machine()} |
| PostgreSQL | ${size.server}, ${url.replace(/\/\/[^@]*@/, '//')}, shared_buffers ${size.shared}, otherwise default settings; on the same machine as the bench |
| who | \`t1_staff\`, committee staff of ${tenant.name} (${tenant.n.toLocaleString('en')} proposals, ${tenant.listed.toLocaleString('en')} listed: the CPPCC's filed 提案); unit \`${unitUser.username}\` (${busiest.name}, ${busiest.n.toLocaleString('en')} assignments, ${busiest.closed.toLocaleString('en')} 已办结); \`t1_office\` (督查室) for the key tasks; session ${session.name} (${session.n.toLocaleString('en')} proposals) |
| load average (1 min) | ${lines[0]!.load.toFixed(2)} at the first figure, ${lines.at(-1)!.load.toFixed(2)} at the last single call |

API = \`app.inject\` with a signed-in session (routing, session lookup, CSRF and role checks, zod validation, JSON).
Raw = the statements the call sent, recorded from the driver and replayed one after another on the same pool (the
session lookup left out); the app runs some of them in parallel, so the raw figure is an upper bound. The issue's
figure is what the landed code measured when the issue was written.

**Lists and inbox**

${head}
${lines.filter((l) => l.group === L).map(row).join('\n')}

**Other reads**

${head}
${lines.filter((l) => l.group === R).map(row).join('\n')}

**Mixed load** — each client a staff member of ${tenant.name} signed in as a person of their own, looping over a list
page (1–5), one proposal's detail, a search (10 words in turn) and the session's figures, over HTTP against the
server started as its own process (\`tsx src/server/main.ts\`, pool of 10 connections, background jobs running);
${LOAD_SECONDS} s per level after 3 s of warm-up. Raw = the same loops replaying the recorded statements of these calls on a
pool of 10. Load generator, server and PostgreSQL share the machine's ${os.cpus().length} cores. The issue's figure at 50 clients:
59 req/s, p95 1,237 ms.

| clients | API req/s | API p50 / p95 | errors | raw req/s | raw p50 / p95 | load | target |
| ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |
${loads.map(loadRow).join('\n')}
${writes ? `
**Concurrent writes** (\`scripts/bench-writes.ts\`): ${writes.chains} chains for ${Math.round(writes.seconds)} s through \`app.inject\`, each the six
writes of one proposal up to its reply (create, submit, file, assign, sign, reply), all in the same session and the
same unit (the worst case for the figures' keys). The issue's figure: 151 writes/s, p95 up to 473 ms.

| writes | writes/s | p50 / p95 | answers ≥ 500 | backends waiting for a lock | load | target |
| ---: | ---: | ---: | ---: | --- | ---: | --- |
| ${writes.writes.toLocaleString('en')} | ${writes.writesPerSecond.toFixed(0)} | ${ms(writes.p50)} / ${ms(writes.p95)} ms | ${writes.fiveHundreds} | ${writes.lockWaits.meanWaiting} on average, in ${writes.lockWaits.samplesWithWaits} % of samples | ${writes.load[1].toFixed(1)} | ≥ 300 writes/s, p95 < 150 ms, no 500: ${verdict(writes.writesPerSecond >= 300 && writes.p95 < 150 && writes.fiveHundreds === 0)} |

One status change of one row (rolled back, 300 runs): with the figures' triggers p50 ${ms(writes.statusChange.withTriggers.p50)} / p95 ${ms(writes.statusChange.withTriggers.p95)} ms,
without any trigger p50 ${ms(writes.statusChange.withoutTriggers.p50)} / p95 ${ms(writes.statusChange.withoutTriggers.p95)} ms (the issue: 0.27 ms without, 2.6–4.2 ms with).
` : ''}${lite ? `
### Embedded PGlite at ${lite.proposals.toLocaleString('en')} proposals

The same screens on the embedded database, over HTTP against the server as its own process (\`DATA_DIR\`, no
\`DATABASE_URL\`), ${RUNS} runs each after 3 warm-up runs; target p95 < 30 ms.

| | |
| --- | --- |
| generation | ${lite.genSeconds === null ? `reused ${path.relative(root, lite.dir)}` : `\`npm run gen -- --proposals ${lite.proposals} --data-dir ${path.relative(root, lite.dir)}/pg --fresh\`: ${Math.round(lite.genSeconds)} s`} |
| server start (process start → ready, \`SEED_DEMO=false\`) | ${(lite.startMs / 1000).toFixed(1)} s |
| memory after the screens below | RSS ${Math.round(lite.rssMb)} MB, peak ${Math.round(lite.peakMb)} MB — target < 1 GB: ${verdict(lite.peakMb < 1024)} |

| screen | p50 / p95 | target p95 | |
| --- | ---: | ---: | --- |
${lite.screens.map((s) => `| ${s.what} | ${ms(s.p50)} / ${ms(s.p95)} ms | < ${s.target} ms | ${verdict(s.p95 < s.target)} |`).join('\n')}
` : ''}`;
writeSection('Scale', md);
console.log('wrote BENCHMARKS.md (section Scale) and data/bench-scale.json');
