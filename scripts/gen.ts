// Synthetic data at scale: `npm run gen -- --proposals 1000000` fills a PostgreSQL database (or,
// with --data-dir, an embedded PGlite one) with a province, its cities and counties, ten years of
// sessions and proposals in every lifecycle state, with proposers, assignments, contacts, replies,
// evaluations, follow-ups, key proposals and the full-text search rows, by COPY, the rows of all
// tenants interleaved in time order. Then it builds the indexes, sets each session's last_number,
// adds the province's key-task list (scripts/gen/tasks.ts), rebuilds the figures rollups
// (proposal_facts, proposal_rollup) and runs VACUUM ANALYZE.
//
//   --proposals N        how many proposals and suggestions (default 10000)
//   --database-url URL   default DATABASE_URL or postgres://postgres@127.0.0.1:5432/duban_bench
//   --data-dir DIR       embedded PGlite instead of a server
//   --tenants K          at most 102 (浙江省, 11 cities, 90 counties and districts; default all)
//   --years Y            sessions per committee, ending with this year (default 10)
//   --fresh              drop and recreate the database first
//   --seed S             random seed (default 1)
// Accounts: t1_staff (the province's committee staff), t1_office, …, password Bench-2026!
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { PGlite } from '@electric-sql/pglite';
import { openDatabase, type Database } from '../src/server/db/client.js';
import { hashPassword } from '../src/server/auth/passwords.js';
import { Rng } from '../src/server/seed/rng.js';
import { createOrg } from './gen/org.js';
import { generateSession, newSessionState, TABLES, type Ids, type TableName } from './gen/proposals.js';
import { pgliteSink, postgresSink, type Sink } from './gen/copy.js';
import { ensureKeyTasks } from './gen/tasks.js';

export const BENCH_PASSWORD = 'Bench-2026!';
const BIG_TABLES = Object.keys(TABLES) as TableName[];
/** Proposals the largest session of a year writes before the next session takes its turn (the others fewer). */
const INTERLEAVE_SLICE = 10;

export interface GenOptions {
  proposals: number;
  url?: string;
  dataDir?: string;
  tenants: number;
  years: number;
  fresh: boolean;
  seed: number;
  log?: (line: string) => void;
  /** An open database to fill instead (tests); left open. */
  database?: Database;
}

const chinaToday = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });

/** Runs SQL on whichever database is open, returning rows. */
type Run = (q: string) => Promise<Record<string, unknown>[]>;

async function prepareDatabase(o: GenOptions): Promise<Database> {
  if (o.database) return o.database;
  if (o.dataDir) {
    if (o.fresh) rmSync(o.dataDir, { recursive: true, force: true });
    mkdirSync(path.dirname(o.dataDir), { recursive: true });
    return openDatabase({ dataDir: o.dataDir });
  }
  const url = new URL(o.url!);
  const name = decodeURIComponent(url.pathname.slice(1));
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`数据库名不合法：${name}`);
  const admin = new pg.Client({ connectionString: Object.assign(new URL(o.url!), { pathname: '/postgres' }).toString() });
  await admin.connect();
  if (o.fresh) await admin.query(`drop database if exists ${name} with (force)`);
  const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
  if (!exists.rowCount) await admin.query(`create database ${name}`);
  await admin.end();
  return openDatabase({ url: o.url! });
}

export async function generate(o: GenOptions): Promise<{ proposals: number; rows: number; seconds: number }> {
  const log = o.log ?? ((l: string) => console.log(l));
  const t0 = Date.now();
  const database = await prepareDatabase(o);
  const pglite = database.driver === 'pglite' ? ((database.db as unknown as { $client: PGlite }).$client) : null;
  const pool = pglite ? null : new pg.Pool({ connectionString: o.url!, max: 3 });
  const run: Run = async (q) => (pglite ? ((await pglite.query(q)).rows as Record<string, unknown>[]) : (await pool!.query(q)).rows);

  const [{ n: existing }] = (await run('select count(*)::int as n from tenants')) as [{ n: number }];
  if (existing > 0) throw new Error('数据库中已有数据：请加 --fresh 重新生成');
  const rng = new Rng(o.seed);
  const lastYear = Number(chinaToday().slice(0, 4));
  const tenants = await createOrg(database.db, rng, { tenants: o.tenants, years: o.years, lastYear, passwordHash: await hashPassword(BENCH_PASSWORD) });
  log(`组织：${tenants.length} 个租户，${tenants.reduce((s, t) => s + t.sessions.length, 0)} 个届次会议（${((Date.now() - t0) / 1000).toFixed(1)} s）`);

  // Indexes are built once after the load: maintaining them row by row is what makes loads slow.
  const indexes = (await run(
    `select indexname, indexdef from pg_indexes where schemaname = 'public' and tablename in (${BIG_TABLES.map((t) => `'${t}'`).join(',')})
     and indexname not in (select conname from pg_constraint)`,
  )) as { indexname: string; indexdef: string }[];
  for (const i of indexes) await run(`drop index ${i.indexname}`);

  const ids = {} as Ids;
  for (const t of ['proposals', 'proposers', 'assignments', 'contacts', 'co_opinions', 'replies', 'evaluations', 'follow_ups'] as const) {
    const [{ n }] = (await run(`select coalesce(max(id), 0)::int + 1 as n from ${t}`)) as [{ n: number }];
    ids[t] = n;
  }

  // Foreign keys and the rollup triggers are skipped during the load (replica role); the rollups
  // are rebuilt in one pass afterwards and the data is generated consistent by construction.
  let sink: Sink;
  if (pglite) {
    await pglite.exec('set session_replication_role = replica');
    sink = pgliteSink(pglite);
  } else {
    sink = await postgresSink(() => new pg.Client({ connectionString: o.url! }), ['set session_replication_role = replica', 'set synchronous_commit = off']);
  }

  const today = chinaToday();
  const slots = tenants.flatMap((t) => t.sessions.map((s) => ({ tenant: t, session: s })));
  const weight = slots.reduce((s, x) => s + x.tenant.weight, 0);
  let planned = 0;
  let acc = 0;
  const plans = slots.map((slot, i) => {
    acc += (o.proposals * slot.tenant.weight) / weight;
    const count = i === slots.length - 1 ? o.proposals - planned : Math.round(acc) - planned;
    planned += count;
    return { slot, count, done: 0, rng: new Rng(o.seed * 1_000_003 + slot.session.id), state: newSessionState() };
  });
  // Rows of every tenant interleaved in time order, as real data lies on disk: year after year, each
  // session of the year writes a small slice in turn (a tenant's rows do not sit together, which would
  // flatter tenant-wide scans). Each session keeps its own random stream and state, so what it
  // generates does not depend on the interleaving.
  const years = [...new Set(slots.map((x) => x.session.year))].sort((a, b) => a - b);
  let rows = 0;
  let written = 0;
  let lastLog = Date.now();
  let lastCount = 0;
  for (const year of years) {
    const live = plans.filter((p) => p.slot.session.year === year && p.count > 0);
    // Slices in proportion to each session's size, so that a province and a county finish the year together.
    const rounds = Math.max(1, Math.ceil(Math.max(0, ...live.map((p) => p.count)) / INTERLEAVE_SLICE));
    while (live.some((p) => p.done < p.count)) {
      for (const p of live) {
        if (p.done >= p.count) continue;
        const n = Math.min(Math.ceil(p.count / rounds), p.count - p.done);
        const plan = { tenant: p.slot.tenant, session: p.slot.session, count: n, current: p.slot.session.year === lastYear, today };
        rows += generateSession(p.rng, plan, p.state, ids, (t, v) => sink.write(t, v));
        p.done += n;
        written += n;
      }
      // The sink pushes its buffers out between rounds.
      await sink.drain();
      if (Date.now() - lastLog > 5000) {
        const s = (Date.now() - lastLog) / 1000;
        log(`提案 ${written.toLocaleString('en')} / ${o.proposals.toLocaleString('en')}，${Math.round((written - lastCount) / s).toLocaleString('en')} 条/秒，累计 ${rows.toLocaleString('en')} 行（${((Date.now() - t0) / 1000).toFixed(0)} s）`);
        lastLog = Date.now();
        lastCount = written;
      }
    }
  }
  log(`提案 ${written.toLocaleString('en')} / ${o.proposals.toLocaleString('en')}，累计 ${rows.toLocaleString('en')} 行（${((Date.now() - t0) / 1000).toFixed(0)} s）`);
  await sink.end();
  if (pglite) await pglite.exec('set session_replication_role = origin');
  log(`数据已写入（${((Date.now() - t0) / 1000).toFixed(0)} s），建索引…`);

  if (!pglite) await run(`set maintenance_work_mem = '1GB'`);
  for (const i of indexes) {
    const s = Date.now();
    if (pool) {
      const c = await pool.connect();
      await c.query(`set maintenance_work_mem = '1GB'`);
      await c.query(i.indexdef);
      c.release();
    } else await run(i.indexdef);
    log(`  ${i.indexname}（${((Date.now() - s) / 1000).toFixed(1)} s）`);
  }
  for (const t of ['proposals', 'proposers', 'assignments', 'contacts', 'co_opinions', 'replies', 'evaluations', 'follow_ups'] as const) {
    await run(`select setval(pg_get_serial_sequence('${t}', 'id'), greatest((select max(id) from ${t}), 1))`);
  }
  // Each session's counter continues after the numbers generated: filing (立案) on generated data
  // gives the next number instead of colliding with one in use.
  await run(`update sessions s set last_number = coalesce((select max(p.number) from proposals p where p.session_id = s.id), 0)`);
  // The province's key work tasks (320, with their quarterly reports): the key-task list at scale.
  const tasks = await ensureKeyTasks(run, lastYear);
  log(`重点工作任务：${tasks.tasks} 项`);
  let s = Date.now();
  await run('analyze');
  await run('select duban_rebuild_rollups()');
  log(`统计汇总已重建（${((Date.now() - s) / 1000).toFixed(0)} s）`);
  // VACUUM, not only ANALYZE: a fresh load has no visibility map, and without it the capped counts of
  // the lists are not index-only (what autovacuum would do some time later).
  s = Date.now();
  await run('vacuum analyze');
  log(`VACUUM ANALYZE（${((Date.now() - s) / 1000).toFixed(0)} s）`);
  const seconds = (Date.now() - t0) / 1000;
  log(`完成：${o.proposals.toLocaleString('en')} 条提案，${rows.toLocaleString('en')} 行，${seconds.toFixed(0)} s（${Math.round(o.proposals / seconds)} 条提案/秒）`);
  await pool?.end();
  if (!o.database) await database.close();
  return { proposals: o.proposals, rows, seconds };
}

const isMain = import.meta.url === `file://${process.argv[1]}`;
if (isMain) {
  const { values } = parseArgs({
    options: {
      proposals: { type: 'string', default: '10000' },
      'database-url': { type: 'string' },
      'data-dir': { type: 'string' },
      tenants: { type: 'string', default: '102' },
      years: { type: 'string', default: '10' },
      fresh: { type: 'boolean', default: false },
      seed: { type: 'string', default: '1' },
    },
  });
  const dataDir = values['data-dir'];
  await generate({
    proposals: Number(values.proposals),
    dataDir,
    url: dataDir ? undefined : (values['database-url'] ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/duban_bench'),
    tenants: Number(values.tenants),
    years: Number(values.years),
    fresh: values.fresh,
    seed: Number(values.seed),
  });
}
