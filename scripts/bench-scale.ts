// npm run bench -- --scale: the figures of the "Scale" issue, measured against the database that
// `npm run gen -- --proposals 1000000` fills (DATABASE_URL or postgres://…/duban_bench), through
// the API (app.inject with a signed-in staff session of the province) and next to the raw SQL the
// endpoint runs (recorded from the driver during one call and replayed one statement after another
// on the same pool). Then the embedded PGlite at 200k proposals: generation, server start, memory.
// Writes the section "Scale" of BENCHMARKS.md.
//   --runs N           runs per figure (default 30, after 3 warm-up runs)
//   --pglite N         proposals in the PGlite database (default 200000; 0 to skip)
//   --pglite-dir DIR   default data/bench-pglite (regenerated when missing)
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { drizzle } from 'drizzle-orm/node-postgres';
import * as schema from '../src/server/db/schema.js';
import type { Db } from '../src/server/db/client.js';
import { buildApp } from '../src/server/http/app.js';
import { computeFiguresExact } from '../src/server/domain/compute-figures.js';
import { computeUnitStatsExact } from '../src/server/domain/compute-unit-stats.js';
import { BENCH_PASSWORD, generate } from './gen.js';
import { machine, writeSection } from './bench-md.js';

const { values } = parseArgs({
  options: { scale: { type: 'boolean' }, runs: { type: 'string', default: '30' }, pglite: { type: 'string', default: '200000' }, 'pglite-dir': { type: 'string' } },
  strict: false,
});
const RUNS = Number(values.runs);
const root = path.resolve(import.meta.dirname, '..');
const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/duban_bench';

interface Stat {
  p50: number;
  p95: number;
}
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
async function measure(fn: (i: number) => Promise<unknown>, runs = RUNS): Promise<Stat> {
  for (let i = 0; i < 3; i++) await fn(i);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn(i);
    times.push(performance.now() - t);
  }
  return { p50: pct(times, 50), p95: pct(times, 95) };
}
const ms = (x: number) => (x < 10 ? x.toFixed(1) : Math.round(x).toString());

// ——— the database, with every statement the app sends recorded while `recording` ———
pg.types.setTypeParser(1082, (v: string) => v);
const pool = new pg.Pool({ connectionString: url, max: 10 });
let recording: { text: string; values?: unknown[] }[] | null = null;
pool.on('connect', (client) => {
  const query = client.query.bind(client) as (...a: unknown[]) => unknown;
  (client as unknown as { query: (...a: unknown[]) => unknown }).query = (...a: unknown[]) => {
    const q = a[0] as string | { text: string; values?: unknown[] };
    const text = typeof q === 'string' ? q : q?.text;
    if (recording && text && !/^(begin|commit|rollback)/i.test(text) && !/login_sessions|from "users"/.test(text)) {
      recording.push({ text, values: (a[1] as unknown[] | undefined) ?? (typeof q === 'string' ? undefined : q.values) });
    }
    return query(...a);
  };
});
const db = drizzle(pool, { schema }) as unknown as Db;
const one = async <T>(q: string, v: unknown[] = []) => (await pool.query(q, v)).rows[0] as T;

const app = await buildApp({ db, logger: false });
const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 't1_staff', password: BENCH_PASSWORD } });
if (login.statusCode !== 200) throw new Error(`t1_staff 登录失败：${login.statusCode} ${login.body}（先运行 npm run gen）`);
const headers = { cookie: `duban_sid=${login.cookies.find((c) => c.name === 'duban_sid')!.value}`, 'x-csrf-token': login.json().csrfToken as string };
const get = async (u: string) => {
  const r = await app.inject({ method: 'GET', url: u, headers });
  if (r.statusCode !== 200) throw new Error(`${u}: ${r.statusCode} ${r.body.slice(0, 300)}`);
  return r.json();
};

/** The statements one API call sends, for the raw timing. */
async function recordOf(u: string) {
  recording = [];
  await get(u);
  const out = recording;
  recording = null;
  return out!;
}
const replay = async (qs: { text: string; values?: unknown[] }[]) => {
  for (const q of qs) await pool.query(q.text, q.values as unknown[]);
};

const size = await one<{ proposals: number; search: string; db: string }>(
  `select (select count(*)::int from proposals) proposals, pg_size_pretty(pg_total_relation_size('proposal_search')) search, pg_size_pretty(pg_database_size(current_database())) db`,
);
const tenant = await one<{ id: number; name: string; n: number }>(`select t.id, t.name, (select count(*)::int from proposals p where p.tenant_id = t.id) n from tenants t where code = '330000'`);
const session = await one<{ id: number; name: string; year: number; n: number }>(
  `select s.id, s.name, s.year, count(p.id)::int n from sessions s join proposals p on p.session_id = s.id where s.tenant_id = $1 and s.kind = 'proposal' group by s.id order by s.year desc limit 1`,
  [tenant.id],
);
const sample = (await pool.query(`select id from proposals where tenant_id = $1 and status <> 'draft' order by md5(id::text) limit 40`, [tenant.id])).rows.map((r) => r.id as number);
const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
console.log(`${size.proposals} proposals; ${tenant.name}: ${tenant.n}; session ${session.name} (${session.year}): ${session.n}`);

interface Row {
  what: string;
  call: string;
  target: number;
  api: Stat;
  raw: Stat;
  statements: number;
  note?: string;
}
const rows: Row[] = [];
async function bench(what: string, target: number, urlOf: (i: number) => string, note?: string) {
  const recorded: Awaited<ReturnType<typeof recordOf>>[] = [];
  for (let i = 0; i < 3; i++) recorded.push(await recordOf(urlOf(i)));
  const api = await measure((i) => get(urlOf(i)));
  const raw = await measure((i) => replay(recorded[i % recorded.length]!));
  rows.push({ what, call: urlOf(0).replace(/\d{4,}/, ':id'), target, api, raw, statements: recorded[0]!.length, note });
  console.log(`${what}: API p50 ${ms(api.p50)} p95 ${ms(api.p95)} ms; raw p50 ${ms(raw.p50)} p95 ${ms(raw.p95)} ms (${recorded[0]!.length} statements)`);
}

const common = '工作';
const rare = '九龙山';
const gin = await measure(() => pool.query(`select count(*) from proposal_search where document @@ to_tsquery('simple', $1)`, [common]), 5);
const ginCount = await one<{ n: number }>(`select count(*)::int n from proposal_search where document @@ to_tsquery('simple', $1)`, [common]);
console.log(`plain GIN count of ${common}: ${ginCount.n} rows, p50 ${ms(gin.p50)} ms`);

await bench(`search「${common}」top 20 + count`, 100, () => `/api/v1/search?q=${encodeURIComponent(common)}&pageSize=20`);
await bench(`search「${rare}」top 20 + count`, 100, () => `/api/v1/search?q=${encodeURIComponent(rare)}&pageSize=20`);
await bench('similar proposals', 150, (i) => `/api/v1/proposals/${sample[i % sample.length]}/similar`, 'a different proposal each run');
await bench('list by tenant and status (办理中)', 20, () => `/api/v1/proposals?status=handling&pageSize=20`);
await bench('list by tenant and status (已办结)', 20, () => `/api/v1/proposals?status=closed&pageSize=20`);
await bench('session figures', 50, () => `/api/v1/sessions/${session.id}/figures`);
await bench('unit league table', 50, () => `/api/v1/sessions/${session.id}/unit-stats`);
const exactFigures = await measure(() => db.transaction((tx) => computeFiguresExact(tx, tenant.id, session.id, today)), 10);
const exactUnits = await measure(() => db.transaction((tx) => computeUnitStatsExact(tx, tenant.id, session.id, today)), 10);
await app.close();
await pool.end();

// ——— PGlite at 200k ———
interface PgliteResult {
  proposals: number;
  genSeconds: number | null;
  startMs: number;
  rssMb: number;
  peakMb: number;
  figuresMs: number;
  searchMs: number;
}
async function benchPglite(n: number): Promise<PgliteResult> {
  const dir = path.resolve(root, (values['pglite-dir'] as string | undefined) ?? 'data/bench-pglite');
  let genSeconds: number | null = null;
  if (!existsSync(path.join(dir, 'pg', 'PG_VERSION'))) {
    genSeconds = (await generate({ proposals: n, dataDir: path.join(dir, 'pg'), tenants: 102, years: 10, fresh: true, seed: 1 })).seconds;
  }
  const port = 3911;
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dir, SEED_DEMO: 'false', PORT: String(port), LOG: 'false', DATABASE_URL: '' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}/api/v1`;
  let startMs: number;
  for (;;) {
    try {
      const r = await fetch(`${base}/auth/me`);
      if (r.status < 500) {
        startMs = performance.now() - started;
        break;
      }
    } catch {
      /* not listening yet */
    }
    if (performance.now() - started > 600_000) throw new Error('PGlite 服务器 10 分钟内未启动');
    await new Promise((r) => setTimeout(r, 100));
  }
  try {
    const res = await fetch(`${base}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 't1_staff', password: BENCH_PASSWORD }) });
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
    const h = { cookie, 'x-csrf-token': ((await res.json()) as { csrfToken: string }).csrfToken };
    const sid = ((await (await fetch(`${base}/sessions`, { headers: h })).json()) as { items?: { id: number }[] } | { id: number }[]);
    const list = Array.isArray(sid) ? sid : (sid.items ?? []);
    const sessionId = list[0]?.id ?? 1;
    const figures = await measure(() => fetch(`${base}/sessions/${sessionId}/figures`, { headers: h }), 10);
    const search = await measure(() => fetch(`${base}/search?q=${encodeURIComponent(common)}&pageSize=20`, { headers: h }), 10);
    await measure(() => fetch(`${base}/sessions/${sessionId}/unit-stats`, { headers: h }), 5);
    const status = await import('node:fs/promises').then((fs) => fs.readFile(`/proc/${child.pid}/status`, 'utf8'));
    const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024;
    return { proposals: n, genSeconds, startMs, rssMb: kb('VmRSS'), peakMb: kb('VmHWM'), figuresMs: figures.p50, searchMs: search.p50 };
  } finally {
    child.kill('SIGTERM');
  }
}
const pgliteN = Number(values.pglite);
const lite = pgliteN > 0 ? await benchPglite(pgliteN) : null;
if (lite) console.log(`PGlite ${lite.proposals}: start ${Math.round(lite.startMs)} ms, RSS ${Math.round(lite.rssMb)} MB (peak ${Math.round(lite.peakMb)} MB)`);

// ——— BENCHMARKS.md ———
const verdict = (r: Row) => (r.api.p95 <= r.target ? 'met' : `**missed** (${ms(r.api.p95 - r.target)} ms over)`);
const md = `
What staff do all day on a province-sized database, measured through the API next to the SQL the
endpoint runs. Generated data: \`npm run gen -- --proposals 1000000 --fresh\` (scripts/gen.ts;
${size.proposals.toLocaleString('en')} proposals and suggestions of 102 tenants over 10 years, every lifecycle state; database
${size.db}, of which the search table and its GIN index ${size.search}). The database is kept as \`duban_bench\`
for re-runs; regenerate it with the same command.

| | |
| --- | --- |
| command | \`npm run bench -- --scale\` (\`tsx scripts/bench.ts --scale\` → scripts/bench-scale.ts), ${RUNS} runs after 3 warm-up runs |
| date | ${new Date().toISOString()} |
| machine | ${machine()} |
| PostgreSQL | ${url.replace(/\/\/[^@]*@/, '//')} (shared_buffers 128 MB, default settings) |
| who | \`t1_staff\`, committee staff of ${tenant.name} (${tenant.n.toLocaleString('en')} proposals); session ${session.name} ${session.year} (${session.n.toLocaleString('en')} proposals, every state) |

API = \`app.inject\` of the endpoint with a signed-in session (routing, auth, validation, JSON). Raw = the
statements the endpoint sent (recorded from the driver during the call, auth queries left out),
replayed one after another on the same pool; the app runs some of them in parallel, so the raw figure is
an upper bound and the ratio errs on the low side.

| what | call | API p50 | API p95 | raw p50 | raw p95 | API/raw (p50) | statements | target (p95) | |
| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |
${rows.map((r) => `| ${r.what} | \`${r.call}\` | ${ms(r.api.p50)} ms | ${ms(r.api.p95)} ms | ${ms(r.raw.p50)} ms | ${ms(r.raw.p95)} ms | ${(r.api.p50 / r.raw.p50).toFixed(2)}× | ${r.statements} | < ${r.target} ms | ${verdict(r)}${r.note ? `; ${r.note}` : ''} |`).join('\n')}

For comparison:
- the plain GIN count of「${common}」over the whole table (\`select count(*) from proposal_search where document @@ …\`):
  ${ginCount.n.toLocaleString('en')} rows, p50 ${ms(gin.p50)} ms, p95 ${ms(gin.p95)} ms — what a search would cost if it counted every match;
- the same session's figures counted from the base rows (\`computeFiguresExact\`, the definition the rollups
  are tested against): p50 ${ms(exactFigures.p50)} ms, p95 ${ms(exactFigures.p95)} ms; the league table the same way
  (\`computeUnitStatsExact\`): p50 ${ms(exactUnits.p50)} ms, p95 ${ms(exactUnits.p95)} ms.

${lite ? `### Embedded PGlite at ${lite.proposals.toLocaleString('en')} proposals

| | |
| --- | --- |
| generation | ${lite.genSeconds === null ? 'reused data/bench-pglite' : `\`npm run gen -- --proposals ${lite.proposals} --data-dir data/bench-pglite/pg --fresh\`: ${Math.round(lite.genSeconds)} s`} |
| server start (process start → first answer, \`SEED_DEMO=false\`) | ${(lite.startMs / 1000).toFixed(1)} s |
| memory after sign-in, figures, league table and searches | RSS ${Math.round(lite.rssMb)} MB, peak ${Math.round(lite.peakMb)} MB — target < 1 GB: ${lite.peakMb < 1024 ? 'met' : '**missed**'} |
| session figures / search「${common}」 (p50, HTTP) | ${ms(lite.figuresMs)} ms / ${ms(lite.searchMs)} ms |
` : ''}`;
writeSection('Scale', md);
console.log('wrote BENCHMARKS.md (section Scale)');
