// Write throughput (issue 13, "concurrent writes"): concurrent create→reply chains through the API
// against a database `npm run gen` filled, each chain the six writes of one proposal's life up to
// its reply — create (member), submit (member), file (staff), assign to one unit (staff), sign
// (unit), reply (unit). Every chain writes into the same session of the province and (by default)
// to the same unit, so that all of them touch the same figures keys: the worst case for the rollups.
// Then one status change of one row measured alone in SQL, with the triggers and without them.
//
//   DATABASE_URL=postgres://postgres@127.0.0.1:5432/duban_rollups npx tsx scripts/bench-writes.ts \
//     [--chains 20] [--seconds 20] [--units 1] [--pool 10] [--json out.json]
//
// Prints writes/s, the p50/p95 of every write, the answers by status (any 5xx is a failure) and the
// machine's load; with --json writes the same as JSON.
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { openDatabase } from '../src/server/db/client.js';
import { buildApp } from '../src/server/http/app.js';
import { BENCH_PASSWORD } from './gen.js';

const { values } = parseArgs({
  options: {
    chains: { type: 'string', default: '20' },
    seconds: { type: 'string', default: '20' },
    units: { type: 'string', default: '1' },
    pool: { type: 'string', default: '10' },
    json: { type: 'string' },
  },
  strict: false,
});
const CHAINS = Number(values.chains);
const SECONDS = Number(values.seconds);
const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/duban_rollups';

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! : NaN;
};
const ms = (x: number) => (x < 10 ? x.toFixed(2) : Math.round(x).toString());

const database = await openDatabase({ url, poolMax: Number(values.pool) });
const sql = database.sql!;
const one = async <T>(q: string, v: unknown[] = []) => (await sql.executeSql(q, v)).rows[0] as T;
const app = await buildApp({ db: database.db, logger: false });

type Headers = Record<string, string>;
async function signIn(username: string): Promise<Headers> {
  const r = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: BENCH_PASSWORD } });
  if (r.statusCode !== 200) throw new Error(`${username} 登录失败：${r.statusCode} ${r.body}（先运行 npm run gen）`);
  return { cookie: `duban_sid=${r.cookies.find((c) => c.name === 'duban_sid')!.value}`, 'x-csrf-token': r.json().csrfToken as string };
}

const tenant = await one<{ id: number; name: string }>(`select id, name from tenants where code = '330000'`);
const session = await one<{ id: number; name: string }>(
  `select id, name from sessions where tenant_id = $1 and kind = 'proposal' order by is_current desc, year desc limit 1`,
  [tenant.id],
);
const unitRows = (
  await sql.executeSql(
    `select u.id, u.name, us.username from units u join users us on us.unit_id = u.id and 'unit' = any(us.roles)
     where u.tenant_id = $1 and u.kind = 'department' order by u.id limit $2`,
    [tenant.id, Number(values.units)],
  )
).rows as { id: number; name: string; username: string }[];
const memberNames = (
  await sql.executeSql(
    `select us.username from users us join members m on m.user_id = us.id where us.tenant_id = $1 and m.kind = 'proposal' order by us.id`,
    [tenant.id],
  )
).rows.map((r) => r.username as string);
const staff = await signIn('t1_staff');
const members = await Promise.all(memberNames.map(signIn));
const unitHeaders = new Map<number, Headers>();
for (const u of unitRows) unitHeaders.set(u.id, await signIn(u.username));
console.log(`${tenant.name}, ${session.name}; ${CHAINS} chains for ${SECONDS} s; ${members.length} members, units ${unitRows.map((u) => u.name).join('、')}`);

const latencies: number[] = [];
const byStatus = new Map<number, number>();
const failures: string[] = [];
let chainsDone = 0;

/** One write; the answer's JSON when it succeeded, else null (counted by status). */
async function write(headers: Headers, method: 'POST', u: string, payload: unknown) {
  const t = performance.now();
  const r = await app.inject({ method, url: u, headers, payload: payload as Record<string, unknown> });
  latencies.push(performance.now() - t);
  byStatus.set(r.statusCode, (byStatus.get(r.statusCode) ?? 0) + 1);
  if (r.statusCode >= 300) {
    if (failures.length < 10) failures.push(`${u} → ${r.statusCode} ${r.body.slice(0, 200)}`);
    return null;
  }
  return r.json() as { id: number; version: number };
}

const BODY = '经研究，该提案所提建议具有较强的针对性和可操作性，我局已将其纳入年度重点工作，明确责任科室和完成时限，逐项抓好落实。';
async function chain(worker: number, n: number) {
  const member = members[(worker + n) % members.length]!;
  const unit = unitRows[(worker + n) % unitRows.length]!;
  const p = `/api/v1/proposals`;
  const created = await write(member, 'POST', p, { sessionId: session.id, title: `关于写入压测第${worker}-${n}项工作的提案`, body: '正文', category: 'agriculture' });
  if (!created) return;
  const submitted = await write(member, 'POST', `${p}/${created.id}/submit`, { version: created.version });
  if (!submitted) return;
  const filed = await write(staff, 'POST', `${p}/${created.id}/review`, { decision: 'file', version: submitted.version });
  if (!filed) return;
  const assigned = await write(staff, 'POST', `${p}/${created.id}/assign`, { mode: 'single', leadUnitId: unit.id, version: filed.version });
  if (!assigned) return;
  if (!(await write(unitHeaders.get(unit.id)!, 'POST', `${p}/${created.id}/sign`, {}))) return;
  const version = Number((await one<{ version: number }>(`select version from proposals where id = $1`, [created.id])).version);
  if (!(await write(unitHeaders.get(unit.id)!, 'POST', `${p}/${created.id}/replies`, { resultClass: 'A', body: BODY, disclosure: 'public', signerName: '张局长', version }))) return;
  chainsDone++;
}

// Lock waits, sampled every 50 ms on a connection of its own: how many of the database's backends
// wait for a lock held by another transaction. Unlike the timings, this hardly depends on how busy
// the machine's cores are.
const { default: pg } = await import('pg');
const sampler = new pg.Client({ connectionString: url });
await sampler.connect();
const waits: number[] = [];
let sampling = true;
const sampled = (async () => {
  while (sampling) {
    const r = await sampler.query(`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`);
    waits.push(Number(r.rows[0].n));
    await new Promise((res) => setTimeout(res, 50));
  }
})();

const load0 = os.loadavg()[0]!;
const started = performance.now();
const end = started + SECONDS * 1000;
await Promise.all(
  Array.from({ length: CHAINS }, async (_, worker) => {
    for (let n = 0; performance.now() < end; n++) await chain(worker, n);
  }),
);
const elapsed = (performance.now() - started) / 1000;
sampling = false;
await sampled;
await sampler.end();
const lockWaits = {
  samples: waits.length,
  meanWaiting: Number((waits.reduce((a, b) => a + b, 0) / Math.max(1, waits.length)).toFixed(2)),
  samplesWithWaits: Number(((100 * waits.filter((n) => n > 0).length) / Math.max(1, waits.length)).toFixed(1)),
};
const load1 = os.loadavg()[0]!;
const writes = latencies.length;
const fiveHundreds = [...byStatus].filter(([s]) => s >= 500).reduce((a, [, n]) => a + n, 0);

// One row's status change alone, rolled back each time: with every trigger, and without any
// (session_replication_role = replica skips the triggers; superuser only). The two connections take
// turns, run by run, so that the machine's load weighs on both alike.
const target = await one<{ id: number }>(`select id from proposals where tenant_id = $1 and status = 'handling' order by id desc limit 1`, [tenant.id]);
async function statusChanges(runs = 300) {
  const on = new pg.Client({ connectionString: url });
  const off = new pg.Client({ connectionString: url });
  await on.connect();
  await off.connect();
  await off.query(`set session_replication_role = replica`);
  const times = { on: [] as number[], off: [] as number[] };
  try {
    for (let i = 0; i < runs + 10; i++) {
      for (const [c, key] of [[on, 'on'], [off, 'off']] as const) {
        await c.query('begin');
        const t = performance.now();
        await c.query(`update proposals set status = 'replied' where id = $1`, [target.id]);
        if (i >= 10) times[key].push(performance.now() - t);
        await c.query('rollback');
      }
    }
    const stat = (xs: number[]) => ({ p50: Number(pct(xs, 50).toFixed(2)), p95: Number(pct(xs, 95).toFixed(2)) });
    return { withTriggers: stat(times.on), withoutTriggers: stat(times.off) };
  } finally {
    await on.end();
    await off.end();
  }
}
const { withTriggers, withoutTriggers } = await statusChanges();
const deltas = await one<{ n: number } | undefined>(
  `select (select count(*)::int from pg_class where relname = 'proposal_rollup_delta') as n`,
);

const result = {
  date: new Date().toISOString(),
  chains: CHAINS,
  seconds: Number(elapsed.toFixed(1)),
  writes,
  chainsDone,
  writesPerSecond: Number((writes / elapsed).toFixed(1)),
  p50: Number(pct(latencies, 50).toFixed(1)),
  p95: Number(pct(latencies, 95).toFixed(1)),
  max: Number(Math.max(...latencies).toFixed(1)),
  byStatus: Object.fromEntries([...byStatus].sort((a, b) => a[0] - b[0])),
  fiveHundreds,
  failures,
  lockWaits,
  statusChange: { withTriggers, withoutTriggers },
  deltaTable: Boolean(deltas?.n),
  load: [load0, load1],
  cpus: os.cpus().length,
};
console.log(
  `${writes} writes in ${elapsed.toFixed(1)} s (${chainsDone} chains): ${result.writesPerSecond} writes/s, p50 ${ms(result.p50)} ms, p95 ${ms(result.p95)} ms, max ${ms(result.max)} ms; ` +
    `answers ${JSON.stringify(result.byStatus)}, 5xx: ${fiveHundreds}`,
);
console.log(`backends waiting for a lock: ${lockWaits.meanWaiting} on average, in ${lockWaits.samplesWithWaits} % of ${lockWaits.samples} samples`);
console.log(`one status change: with triggers p50 ${ms(withTriggers.p50)} / p95 ${ms(withTriggers.p95)} ms, without p50 ${ms(withoutTriggers.p50)} / p95 ${ms(withoutTriggers.p95)} ms`);
console.log(`load average ${load0.toFixed(1)} → ${load1.toFixed(1)} on ${os.cpus().length} cores`);
if (failures.length) console.log(failures.join('\n'));
if (typeof values.json === 'string') writeFileSync(values.json, JSON.stringify(result, null, 2));
await app.close();
await database.close();
