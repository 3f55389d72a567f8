import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { setupHandling, type Fixture } from './handling-fixture.js';
import { assignments, evaluations, proposalRollup, proposalRollupDelta, proposals, sessions } from '../src/server/db/schema.js';
import { foldRollups } from '../src/server/jobs/fold-rollups.js';
import { computeFigures, computeFiguresExact } from '../src/server/domain/compute-figures.js';
import { computeUnitStats, computeUnitStatsExact } from '../src/server/domain/compute-unit-stats.js';
import { shiftDays } from '../src/server/calendar/working-days.js';
import { Rng } from '../src/server/seed/rng.js';
import type { Client } from './helpers/api.js';

// The figures and the league table come from rollups that triggers keep in step with every write
// (migration 0003, 0006; appended as deltas and folded since 0016). Random lifecycle steps through
// the API — filing, rejecting, merging, assigning in the three modes, signing, objections that
// change the lead unit, contacts, co-unit opinions (the lead's reply waits for them), replies of
// every class, 答复审核 (approved or returned, switched on for part of the walk), per-unit
// evaluations with 不满意 for the lead, a co-unit or a 分办 unit and re-handling, follow-ups,
// closing — and after each batch the rollup-based figures and league table must equal the ones
// counted from the base rows, on a clock that moves (overdue).

let f: Fixture;
let day = '2025-03-10';
beforeAll(async () => {
  f = await setupHandling(day);
});
afterAll(async () => f?.close());

const url = (id: number, action: string) => `/api/v1/proposals/${id}/${action}`;
const LONG = '经研究，该建议涉及的资金需列入下一年度预算统筹安排，目前条件尚不具备，将留作参考并在规划中予以考虑。';

async function agree() {
  const db = f.database.db;
  const { tenantId, sessionId } = f.w;
  const exact = await computeFiguresExact(db, tenantId, sessionId, day);
  expect(await computeFigures(db, tenantId, sessionId, day)).toEqual(exact);
  const api = await f.c.staff.get(`/api/v1/sessions/${sessionId}/figures`);
  expect(api.status).toBe(200);
  expect(api.body).toEqual(exact);
  for (const sort of [undefined, { field: 'onTimeRate', dir: 'desc' } as const]) {
    expect(await computeUnitStats(db, tenantId, sessionId, day, sort)).toEqual(await computeUnitStatsExact(db, tenantId, sessionId, day, sort));
  }
  return exact;
}

describe('rollup figures agree with the exact count', () => {
  it('after every batch of random lifecycle steps', { timeout: 240_000 }, async () => {
    const rng = new Rng(20250310);
    const { c, w } = f;
    const db = f.database.db;
    // Read at call time: moving the clock signs everyone in again.
    const unitClient = new Proxy({} as Record<number, Client>, { get: (_, k) => ({ [w.units.nongye]: c.unit, [w.units.jiaoyu]: c.unit2, [w.units.weijian]: c.unit3 })[Number(k)] });
    const unitIds = [w.units.nongye, w.units.jiaoyu, w.units.weijian];
    const ids: number[] = [];
    for (let i = 0; i < 10; i++) ids.push(await f.filed(`关于测试汇总第${i + 1}项工作的建议`));
    await agree();

    const leadOf = async (id: number) =>
      (await db.select().from(assignments).where(and(eq(assignments.proposalId, id), sql`${assignments.status} <> 'removed'`)).orderBy(assignments.position, assignments.id))[0];
    let ok = 0;
    const seen = new Set<string>();
    for (let step = 1; step <= 90; step++) {
      if (step % 12 === 0) {
        day = shiftDays(day, rng.int(10, 25));
        await f.setDay(day);
      }
      if (step % 15 === 0) ids.push(await f.filed(`关于测试汇总第${ids.length + 1}项工作的建议`));
      // 答复审核 for the middle of the walk: replies wait for staff, who approve or return them.
      if (step === 30 || step === 75) await db.update(sessions).set({ replyReview: step === 30 }).where(eq(sessions.id, w.sessionId));
      const id = rng.pick(ids);
      const p = await f.row(id);
      const v = p.version;
      const lead = await leadOf(id);
      const leadClient = lead ? unitClient[lead.unitId]! : c.unit;
      let r: { status: number } | null = null;
      switch (p.status) {
        case 'filed': {
          const other = ids.find((x) => x !== id);
          const otherRow = other ? await f.row(other) : null;
          if (otherRow?.status === 'filed' && rng.chance(0.15)) {
            r = await c.staff.post('/api/v1/proposals/merge', { primaryId: id, secondaryIds: [other], versions: { [id]: v, [other!]: otherRow.version } });
            break;
          }
          const mode = rng.pick(['single', 'joint', 'separate'] as const);
          const [a, b] = rng.sample(unitIds, 2);
          r = await c.staff.post(url(id, 'assign'), mode === 'single' ? { mode, leadUnitId: a, version: v } : mode === 'joint' ? { mode, leadUnitId: a, coUnitIds: [b], version: v } : { mode, separateUnitIds: [a, b], version: v });
          break;
        }
        case 'assigned': {
          if (lead && rng.chance(0.25)) {
            const o = await leadClient.post(url(id, 'object'), { reason: '该事项不属于本单位职责' });
            if (o.status === 200 || o.status === 201) {
              const replacement = unitIds.find((u) => u !== lead.unitId)!;
              r = await c.staff.post(`/api/v1/proposals/${id}/objections/${lead.id}/decide`, { decision: rng.pick(['approved', 'rejected']), comment: '审定意见', replacementUnitId: replacement, version: await f.version(id) });
            }
            break;
          }
          const all = await db.select().from(assignments).where(eq(assignments.proposalId, id));
          for (const a of all) if (a.status === 'pending') r = await unitClient[a.unitId]!.post(url(id, 'sign'), {});
          break;
        }
        case 'handling':
        case 'rehandling': {
          const all = await db.select().from(assignments).where(eq(assignments.proposalId, id));
          const owing = all.filter((a) => a.role === 'co' && a.status === 'signed');
          if (owing.length && rng.chance(0.35)) {
            for (const a of owing) r = await unitClient[a.unitId]!.post(url(id, 'co-opinions'), { body: '会办意见' });
          } else if (rng.chance(0.4)) {
            r = await leadClient.post(url(id, 'contacts'), { method: rng.pick(['face', 'phone']), contactDate: day, participants: '王建国', summary: '沟通办理意见' });
          } else {
            const cls = rng.pick(['A', 'B', 'C']);
            r = await leadClient.post(url(id, 'replies'), { resultClass: cls, body: LONG, disclosure: 'public', signerName: '张局长', version: v });
            // In 分办 every unit answers; the second one too, now and then.
            for (const a of all) if (a.role === 'separate' && a.unitId !== lead?.unitId && rng.chance(0.5)) await unitClient[a.unitId]!.post(url(id, 'replies'), { resultClass: 'A', body: LONG, disclosure: 'public', signerName: '李局长', version: await f.version(id) });
          }
          break;
        }
        case 'reply_review': {
          r = rng.chance(0.7)
            ? await c.staff.post(url(id, 'reply-review/approve'), { version: v })
            : await c.office.post(url(id, 'reply-review/return'), { reason: '请补充办理措施', version: v });
          break;
        }
        case 'replied': {
          if (rng.chance(0.15)) r = await c.staff.post(url(id, 'close'), { comment: '逾期未测评', version: v });
          else if (rng.chance(0.2)) {
            // The whole handling rated alike (the older shape).
            const result = rng.pick(['satisfied', 'basic', 'unsatisfied'] as const);
            r = await c.member.post(url(id, 'evaluations'), { attitude: rng.pick(['satisfied', 'basic']), result, comment: result === 'unsatisfied' ? '答复未解决问题' : undefined, version: v });
          } else {
            // Each unit of the round on its own; sometimes a paper form entered by staff (代录).
            const all = await db.select().from(assignments).where(and(eq(assignments.proposalId, id), sql`${assignments.status} <> 'removed'`));
            const ratings = all
              .filter((a) => a.round === p.replySequence)
              .map((a) => {
                const result = rng.pick(['satisfied', 'basic', 'unsatisfied'] as const);
                return { unitId: a.unitId, attitude: rng.pick(['satisfied', 'basic']), result, comment: result === 'unsatisfied' ? '未解决问题' : undefined };
              });
            const leadUnhappy = ratings.some((x) => x.result === 'unsatisfied' && all.find((a) => a.unitId === x.unitId)?.role === 'lead');
            const co = all.filter((a) => a.role === 'co').map((a) => a.unitId);
            const resendCoUnitIds = leadUnhappy && p.replySequence === 1 && co.length && rng.chance(0.5) ? co : [];
            r = await (rng.chance(0.2) ? c.staff : c.member).post(url(id, 'evaluations'), { ratings, resendCoUnitIds, version: v });
          }
          break;
        }
        case 'following_up':
          r = await leadClient.post(url(id, 'follow-ups'), { body: '落实情况', completed: rng.chance(0.5) });
          break;
        default:
          continue;
      }
      if (r && r.status < 300) {
        ok++;
        seen.add(p.status);
      }
      if (step % 6 === 0) await agree();
    }
    const final = await agree();
    // The walk must really have moved proposals through the lifecycle.
    expect(ok).toBeGreaterThan(30);
    expect([...seen].sort()).toEqual(expect.arrayContaining(['assigned', 'filed', 'handling', 'replied', 'reply_review']));
    // Co-units were evaluated on their own, and the league table counts them.
    const coRated = await db.select({ id: evaluations.id }).from(evaluations).innerJoin(assignments, and(eq(assignments.proposalId, evaluations.proposalId), eq(assignments.unitId, evaluations.unitId))).where(eq(assignments.role, 'co'));
    expect(coRated.length).toBeGreaterThan(0);
    expect(final.handled).toBeGreaterThan(0);
    expect(final.satisfaction.evaluated).toBeGreaterThan(0);
    const statuses = new Set((await db.select({ s: proposals.status }).from(proposals)).map((x) => x.s));
    expect(statuses.size).toBeGreaterThanOrEqual(5);

    // The rollup kept by the triggers is the one a rebuild from scratch gives: the folded rows and
    // the deltas summed per key, then the same in the folded rows alone once the fold has run.
    const KEY = ['tenantId', 'sessionId', 'unitId', 'status'];
    type RollupRow = typeof proposalRollup.$inferSelect;
    const perKey = (rows: RollupRow[]) => {
      const out = new Map<string, RollupRow>();
      for (const r of rows) {
        const k = KEY.map((x) => r[x as keyof RollupRow]).join('|');
        const acc = out.get(k);
        if (!acc) out.set(k, { ...r });
        else for (const [c, x] of Object.entries(r)) if (!KEY.includes(c)) (acc as Record<string, unknown>)[c] = (acc[c as keyof RollupRow] as number) + (x as number);
      }
      return [...out.values()]
        .filter((r) => Object.entries(r).some(([k, x]) => !KEY.includes(k) && x !== 0))
        .sort((a, b) => a.sessionId - b.sessionId || a.unitId - b.unitId || a.status.localeCompare(b.status));
    };
    const snapshot = async () => perKey([...(await db.select().from(proposalRollup)), ...(await db.select().from(proposalRollupDelta))]);
    const kept = await snapshot();
    expect(await foldRollups(db)).toBeGreaterThan(0);
    expect(perKey(await db.select().from(proposalRollup))).toEqual(kept);
    await db.execute(sql`select duban_rebuild_rollups()`);
    expect(await snapshot()).toEqual(kept);
  });

  it('follows a change made outside the use cases (a proposal moved to another session)', async () => {
    const db = f.database.db;
    const [p] = await db.select().from(proposals).where(eq(proposals.status, 'closed')).limit(1);
    const before = await agree();
    if (!p) return;
    await db.update(proposals).set({ sessionId: f.w.otherSessionId, tenantId: f.w.tenantId }).where(eq(proposals.id, p.id));
    const after = await agree();
    expect(after.byStatus.find((s) => s.status === 'closed')!.count).toBe(before.byStatus.find((s) => s.status === 'closed')!.count - 1);
  });
});
