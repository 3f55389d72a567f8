// One proposal's status change, alone, on several databases in turn (issue 13): each run updates
// one row of `proposals` in a transaction that is rolled back, on every database one after the
// other, run by run, so that a busy machine weighs on all of them alike; and the same on the first
// database without any trigger (session_replication_role = replica; superuser only).
//
//   npx tsx scripts/bench-status-change.ts postgres://…/duban_before postgres://…/duban_after [--runs 300]
//
// The databases must hold the same data (e.g. one created from the other as a template).
import { parseArgs } from 'node:util';
import pg from 'pg';

const { values, positionals } = parseArgs({ options: { runs: { type: 'string', default: '300' } }, allowPositionals: true });
const RUNS = Number(values.runs);
if (!positionals.length) throw new Error('usage: bench-status-change.ts URL [URL …] [--runs N]');
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!;

const connect = async (url: string, replica = false) => {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  if (replica) await c.query(`set session_replication_role = replica`);
  return c;
};
const lanes = [
  ...(await Promise.all(positionals.map(async (url) => ({ name: new URL(url).pathname.slice(1), client: await connect(url) })))),
  { name: `${new URL(positionals[0]!).pathname.slice(1)} without triggers`, client: await connect(positionals[0]!, true) },
];
// The province's most recent generated proposal in 办理中 (not one of bench-writes.ts), the same on every copy.
const { rows } = await lanes[0]!.client.query(`select p.id from proposals p join tenants t on t.id = p.tenant_id where t.code = '330000' and p.status = 'handling' and p.title not like '关于写入压测%' order by p.id desc limit 1`);
const id = rows[0].id as number;
const times = lanes.map(() => [] as number[]);
for (let i = 0; i < RUNS + 10; i++) {
  for (const [k, lane] of lanes.entries()) {
    await lane.client.query('begin');
    const t = performance.now();
    await lane.client.query(`update proposals set status = 'replied' where id = $1`, [id]);
    if (i >= 10) times[k]!.push(performance.now() - t);
    await lane.client.query('rollback');
  }
}
for (const [k, lane] of lanes.entries()) {
  console.log(`${lane.name}: p50 ${pct(times[k]!, 50).toFixed(2)} ms, p95 ${pct(times[k]!, 95).toFixed(2)} ms`);
  await lane.client.end();
}
