import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray, sql } from 'drizzle-orm';
import { setupHandling, type Fixture } from './handling-fixture.js';
import { proposalRollup, proposalRollupDelta, proposals } from '../src/server/db/schema.js';
import { computeFigures, computeFiguresExact } from '../src/server/domain/compute-figures.js';
import { computeUnitStats, computeUnitStatsExact } from '../src/server/domain/compute-unit-stats.js';
import { foldRollups } from '../src/server/jobs/fold-rollups.js';

// Migration 0016: the figures triggers append deltas instead of upserting the shared
// proposal_rollup rows, so concurrent writers of one session × unit × status never wait for each
// other; the figures read base + deltas and stay exact, before and after a fold.

const onPostgres = process.env.TEST_DB === 'postgres';
const day = '2025-03-10';
const LONG = '经研究，该建议涉及的资金需列入下一年度预算统筹安排，目前条件尚不具备，将留作参考并在规划中予以考虑。';
let f: Fixture;
const ids: number[] = [];

beforeAll(async () => {
  f = await setupHandling(day);
  for (let i = 0; i < 20; i++) ids.push(await f.filed(`关于并发写入第${i + 1}项工作的建议`));
}, 120_000);
afterAll(async () => f?.close());

async function agree() {
  const db = f.database.db;
  const { tenantId, sessionId } = f.w;
  const exact = await computeFiguresExact(db, tenantId, sessionId, day);
  expect(await computeFigures(db, tenantId, sessionId, day)).toEqual(exact);
  expect(await computeUnitStats(db, tenantId, sessionId, day)).toEqual(await computeUnitStatsExact(db, tenantId, sessionId, day));
  return exact;
}
const baseRows = () => f.database.db.select().from(proposalRollup).orderBy(proposalRollup.sessionId, proposalRollup.unitId, proposalRollup.status);
const deltaCount = async () => (await f.database.db.select({ n: sql<number>`count(*)::int` }).from(proposalRollupDelta))[0]!.n;
const versions = async () => new Map((await f.database.db.select({ id: proposals.id, v: proposals.version }).from(proposals).where(inArray(proposals.id, ids))).map((r) => [r.id, r.v]));

describe('figures deltas (insert-only rollup)', () => {
  it('20 parallel status changes in one session × unit all succeed, leave proposal_rollup alone and keep the figures exact', { timeout: 180_000 }, async () => {
    const { c, w } = f;
    await foldRollups(f.database.db);
    const before = await baseRows();
    let v = await versions();
    const assigned = await Promise.all(ids.map((id) => c.staff.post(`/api/v1/proposals/${id}/assign`, { mode: 'single', leadUnitId: w.units.nongye, version: v.get(id) })));
    expect(assigned.filter((r) => r.status >= 300).map((r) => r.body)).toEqual([]);
    await agree();
    const signed = await Promise.all(ids.map((id) => c.unit.post(`/api/v1/proposals/${id}/sign`, {})));
    expect(signed.filter((r) => r.status >= 300).map((r) => r.body)).toEqual([]);
    v = await versions();
    const replied = await Promise.all(
      ids.map((id) => c.unit.post(`/api/v1/proposals/${id}/replies`, { resultClass: 'A', body: LONG, disclosure: 'public', signerName: '张局长', version: v.get(id) })),
    );
    expect(replied.filter((r) => r.status >= 300).map((r) => r.body)).toEqual([]);
    const figures = await agree();
    expect(figures.handled).toBe(20);
    expect(figures.byStatus.find((s) => s.status === 'replied')!.count).toBe(20);
    // The writers only appended deltas: the shared rows are as they were.
    expect(await baseRows()).toEqual(before);
    expect(await deltaCount()).toBeGreaterThan(0);
  });

  it('folds the deltas into proposal_rollup in one go, the figures unchanged, and a second fold finds nothing', async () => {
    const db = f.database.db;
    const figures = await agree();
    const pending = await deltaCount();
    expect(pending).toBeGreaterThan(0);
    const before = await baseRows();
    expect(await foldRollups(db)).toBe(pending);
    expect(await deltaCount()).toBe(0);
    expect(await baseRows()).not.toEqual(before);
    expect(await agree()).toEqual(figures);
    expect(await foldRollups(db)).toBe(0);
    // The folded rows are the ones a rebuild from the base rows gives (zero rows aside).
    const nonZero = (rows: Awaited<ReturnType<typeof baseRows>>) =>
      rows.filter((r) => Object.entries(r).some(([k, x]) => !['tenantId', 'sessionId', 'unitId', 'status'].includes(k) && x !== 0));
    const folded = nonZero(await baseRows());
    await db.execute(sql`select duban_rebuild_rollups()`);
    expect(nonZero(await baseRows())).toEqual(folded);
  });

  it('the figures triggers keep their plans (planned once per connection, not on every call)', async () => {
    const res = (await f.database.db.execute(
      sql`select proname, array_to_string(proconfig, ',') as config from pg_proc where proname in
        ('duban_touch_ins', 'duban_touch_upd', 'duban_touch_del', 'duban_refresh_facts', 'duban_facts_ins', 'duban_facts_upd', 'duban_facts_del', 'duban_apply_rollup')
        order by proname`,
    )) as unknown as { rows: { proname: string; config: string | null }[] };
    expect(res.rows).toHaveLength(8);
    for (const r of res.rows) expect([r.proname, r.config]).toEqual([r.proname, 'plan_cache_mode=force_generic_plan']);
  });

  it.runIf(onPostgres)('a writer does not wait for another open transaction on the same figures keys', async () => {
    const db = f.database.db;
    const [a, b] = ids;
    await db.transaction(async (t1) => {
      await t1.update(proposals).set({ status: 'following_up' }).where(eq(proposals.id, a!));
      // Another connection, same session × unit × status pairs: with the old upsert it waited on
      // t1's rows until t1 ended (here: until the lock timeout).
      await db.transaction(async (t2) => {
        await t2.execute(sql`set local lock_timeout = '2s'`);
        await t2.update(proposals).set({ status: 'following_up' }).where(eq(proposals.id, b!));
      });
    });
    await agree();
  });

  it.runIf(onPostgres)('a fold during an open write leaves its deltas for the next fold, and only one fold runs at a time', async () => {
    const db = f.database.db;
    await foldRollups(db);
    const [, , x] = ids;
    await db.transaction(async (t1) => {
      await t1.update(proposals).set({ status: 'closed' }).where(eq(proposals.id, x!));
      // t1's deltas are not committed: invisible to the fold, which neither waits nor moves them.
      expect(await foldRollups(db)).toBe(0);
    });
    expect(await deltaCount()).toBeGreaterThan(0);
    const figures = await agree();
    expect(figures.byStatus.find((s) => s.status === 'closed')!.count).toBeGreaterThan(0);
    await db.transaction(async (t1) => {
      await t1.execute(sql`select duban_fold_rollups()`);
      expect(await foldRollups(db)).toBe(-1);
    });
    expect(await deltaCount()).toBe(0);
    expect(await agree()).toEqual(figures);
  });
});
