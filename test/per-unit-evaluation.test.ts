import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { setupHandling, type Fixture } from './handling-fixture.js';
import { assignments, auditLog, coOpinions, evaluations } from '../src/server/db/schema.js';

// Per-unit evaluation (issue 11): the proposer rates the lead unit and each co-unit, or each 分办
// unit, on its own; what a 不满意 sends back depends on whom it is for; staff may enter a paper
// evaluation on the proposer's behalf (代录).

let f: Fixture;
beforeAll(async () => {
  f = await setupHandling('2025-03-10');
});
afterAll(async () => f?.close());

const url = (id: number, action: string) => `/api/v1/proposals/${id}/${action}`;
const LONG = '经研究，该建议涉及的资金需列入下一年度预算统筹安排，目前条件尚不具备，将留作参考并在规划中予以考虑。';
const replyOf = (resultClass: string, version: number) => ({ resultClass, body: LONG, disclosure: 'public', signerName: '张局长', version });
const paths = (r: { body: { details: { path: string }[] } }) => r.body.details.map((d) => d.path);
const rate = (unitId: number, verdict: 'satisfied' | 'basic' | 'unsatisfied', comment?: string) => ({ unitId, attitude: verdict, result: verdict, comment });

/** A proposal assigned 主办 农业农村局 with the given co-units; every unit signed, every co-unit gave its opinion, the lead replied. */
async function replied(coUnits: ('unit2' | 'unit3')[], cls = 'B') {
  const { c, w } = f;
  const id = await f.filed();
  const unitIds = { unit2: w.units.jiaoyu, unit3: w.units.weijian };
  const mode = coUnits.length ? 'joint' : 'single';
  expect((await c.staff.post(url(id, 'assign'), { mode, leadUnitId: w.units.nongye, coUnitIds: coUnits.map((u) => unitIds[u]), version: 2 })).status).toBe(200);
  await c.unit.post(url(id, 'sign'), {});
  for (const u of coUnits) {
    await c[u].post(url(id, 'sign'), {});
    expect((await c[u].post(url(id, 'co-opinions'), { body: '会办意见：同意主办单位的办理意见' })).status).toBe(201);
  }
  const r = await c.unit.post(url(id, 'replies'), replyOf(cls, await f.version(id)));
  expect(r.body.status).toBe('replied');
  return id;
}

const roundsOf = async (id: number) => Object.fromEntries((await f.assignmentsOf(id)).map((a) => [a.unitId, a.round]));
const evaluationsOf = (id: number) => f.database.db.select().from(evaluations).where(eq(evaluations.proposalId, id)).orderBy(evaluations.sequence, evaluations.id);

describe('the proposer rates each unit on its own', () => {
  it('asks for one rating per unit of the round and refuses a unit that is not one', async () => {
    const { c, w } = f;
    const id = await replied(['unit2', 'unit3']);
    const detail = await c.member.get(`/api/v1/proposals/${id}`);
    expect(detail.body.availableActions).toContain('evaluate');
    const v = await f.version(id);
    const missing = await c.member.post(url(id, 'evaluations'), { ratings: [rate(w.units.nongye, 'satisfied'), rate(w.units.jiaoyu, 'satisfied')], version: v });
    expect(missing.status).toBe(400);
    expect(paths(missing)).toEqual(['body.ratings']);
    expect(missing.body.message).toContain('卫生健康局');
    const stranger = await c.member.post(url(id, 'evaluations'), {
      ratings: [rate(w.units.nongye, 'satisfied'), rate(w.units.jiaoyu, 'satisfied'), rate(w.units.weijian, 'satisfied'), rate(w.units.other, 'satisfied')],
      version: v,
    });
    expect(paths(stranger)).toEqual(['body.ratings.3.unitId']);
    const noComment = await c.member.post(url(id, 'evaluations'), { ratings: [rate(w.units.nongye, 'satisfied'), rate(w.units.jiaoyu, 'unsatisfied'), rate(w.units.weijian, 'satisfied')], version: v });
    expect(paths(noComment)).toEqual(['body.ratings.1.comment']);
    const twice = await c.member.post(url(id, 'evaluations'), { ratings: [rate(w.units.nongye, 'satisfied'), rate(w.units.nongye, 'basic')], version: v });
    expect(paths(twice)).toEqual(['body.ratings.1.unitId']);
    expect((await f.row(id)).status).toBe('replied');
  });

  it('不满意 with the lead sends the lead back with the co-units the proposer names, not the others', async () => {
    const { c, w } = f;
    const id = await replied(['unit2', 'unit3']);
    const r = await c.member.post(url(id, 'evaluations'), {
      ratings: [rate(w.units.nongye, 'unsatisfied', '未明确资金来源'), rate(w.units.jiaoyu, 'satisfied'), rate(w.units.weijian, 'basic')],
      resendCoUnitIds: [w.units.jiaoyu],
      version: await f.version(id),
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: 'rehandling', deadline: '2025-04-10' });
    expect((await evaluationsOf(id)).map((e) => [e.unitId, e.attitude, e.result])).toEqual([
      [w.units.nongye, 'unsatisfied', 'unsatisfied'],
      [w.units.jiaoyu, 'satisfied', 'satisfied'],
      [w.units.weijian, 'basic', 'basic'],
    ]);
    expect(await roundsOf(id)).toEqual({ [w.units.nongye]: 2, [w.units.jiaoyu]: 2, [w.units.weijian]: 1 });
    expect(await f.notices(w.users.unit.id, 'proposal.rehandling', id)).toHaveLength(1);
    expect(await f.notices(w.users.unit2.id, 'proposal.rehandling', id)).toHaveLength(1);
    expect(await f.notices(w.users.unit3.id, 'proposal.rehandling', id)).toHaveLength(0);
    const notice = (await f.notices(w.users.unit.id, 'proposal.rehandling', id))[0]!;
    expect(notice.message).toContain('2025年4月10日');
    expect(notice.message).not.toMatch(/\d{4}-\d{2}-\d{2}/);

    // 教育局 owes a new opinion (10 working days from 2025-03-10); 卫生健康局 does not.
    const gated = await c.unit.post(url(id, 'replies'), replyOf('A', await f.version(id)));
    expect(gated.status).toBe(409);
    expect(gated.body.message).toContain('教育局');
    expect(gated.body.message).not.toContain('卫生健康局');
    expect(gated.body.message).toContain('2025年3月24日');
    expect((await c.unit2.post(url(id, 'co-opinions'), { body: '教育局新的会办意见：可统筹教育专项' })).status).toBe(201);
    expect((await c.unit.post(url(id, 'replies'), replyOf('A', await f.version(id)))).body.status).toBe('replied');

    // The second round rates the units sent back only.
    const v = await f.version(id);
    const extra = await c.member.post(url(id, 'evaluations'), { ratings: [rate(w.units.nongye, 'satisfied'), rate(w.units.jiaoyu, 'satisfied'), rate(w.units.weijian, 'satisfied')], version: v });
    expect(paths(extra)).toEqual(['body.ratings.2.unitId']);
    const second = await c.member.post(url(id, 'evaluations'), { ratings: [rate(w.units.nongye, 'satisfied'), rate(w.units.jiaoyu, 'basic')], version: v });
    expect(second.body.status).toBe('closed');
    expect((await evaluationsOf(id)).filter((e) => e.sequence === 2).map((e) => e.unitId)).toEqual([w.units.nongye, w.units.jiaoyu]);
  });

  it('不满意 only with a co-unit does not send the lead back: the co-unit owes a new opinion, kept even after closing', async () => {
    const { c, w } = f;
    const id = await replied(['unit2'], 'A');
    const v = await f.version(id);
    // Naming co-units for re-handling needs a lead sent back.
    const named = await c.member.post(url(id, 'evaluations'), { ratings: [rate(w.units.nongye, 'satisfied'), rate(w.units.jiaoyu, 'unsatisfied', '会办不积极')], resendCoUnitIds: [w.units.jiaoyu], version: v });
    expect(paths(named)).toEqual(['body.resendCoUnitIds.0']);
    const r = await c.member.post(url(id, 'evaluations'), { ratings: [rate(w.units.nongye, 'satisfied'), rate(w.units.jiaoyu, 'unsatisfied', '会办意见敷衍，未提出具体措施')], version: v });
    expect(r.body.status).toBe('closed');
    expect((await f.row(id)).replySequence).toBe(1);
    expect(await roundsOf(id)).toEqual({ [w.units.nongye]: 1, [w.units.jiaoyu]: 2 });
    expect(await f.notices(w.users.unit.id, 'proposal.rehandling', id)).toHaveLength(0);
    const ask = await f.notices(w.users.unit2.id, 'proposal.co_reopinion', id);
    expect(ask).toHaveLength(1);
    expect(ask[0]!.message).toContain('10个工作日内');

    // The new opinion comes after the proposal was closed: kept, marked, shown and told.
    const late = await c.unit2.post(url(id, 'co-opinions'), { body: '教育局新的会办意见：下学期起在两所学校试点' });
    expect(late.status).toBe(201);
    const [row] = await f.database.db.select().from(coOpinions).where(and(eq(coOpinions.proposalId, id), eq(coOpinions.round, 2)));
    expect(row).toMatchObject({ unitId: w.units.jiaoyu, afterReply: true });
    const d = await c.member.get(`/api/v1/proposals/${id}`);
    expect(d.body.coOpinions.map((o: { round: number; afterReply: boolean }) => [o.round, o.afterReply])).toEqual([[1, false], [2, true]]);
    expect(d.body.evaluations.map((e: { unitName: string; result: string }) => [e.unitName, e.result])).toEqual([['农业农村局', 'satisfied'], ['教育局', 'unsatisfied']]);
    expect(await f.notices(w.users.member.id, 'proposal.add_co_opinion', id)).toHaveLength(1);
  });

  it('in 分办 each unit re-handles on its own', async () => {
    const { c, w } = f;
    const id = await f.filed();
    await c.staff.post(url(id, 'assign'), { mode: 'separate', separateUnitIds: [w.units.nongye, w.units.jiaoyu], version: 2 });
    await c.unit.post(url(id, 'sign'), {});
    await c.unit2.post(url(id, 'sign'), {});
    await c.unit.post(url(id, 'replies'), replyOf('A', await f.version(id)));
    expect((await c.unit2.post(url(id, 'replies'), replyOf('C', await f.version(id)))).body.status).toBe('replied');
    const r = await c.member.post(url(id, 'evaluations'), { ratings: [rate(w.units.nongye, 'satisfied'), rate(w.units.jiaoyu, 'unsatisfied', '未说明原因')], version: await f.version(id) });
    expect(r.body.status).toBe('rehandling');
    expect(await roundsOf(id)).toEqual({ [w.units.nongye]: 1, [w.units.jiaoyu]: 2 });
    const notBack = await c.unit.post(url(id, 'replies'), replyOf('A', await f.version(id)));
    expect(notBack.status).toBe(409);
    expect(notBack.body.message).toContain('无需重新办理');
    expect((await c.unit.get(`/api/v1/proposals/${id}`)).body.availableActions).not.toContain('reply');
    expect((await c.unit2.get(`/api/v1/proposals/${id}`)).body.availableActions).toContain('reply');
    expect((await c.unit2.post(url(id, 'replies'), replyOf('B', await f.version(id)))).body.status).toBe('replied');
    const v = await f.version(id);
    expect(paths(await c.member.post(url(id, 'evaluations'), { ratings: [rate(w.units.nongye, 'satisfied'), rate(w.units.jiaoyu, 'satisfied')], version: v }))).toEqual(['body.ratings.0.unitId']);
    // 农业农村局 (first 分办 unit, the lead for the figures) keeps its first-round A and 满意; the proposal follows up on it.
    expect((await c.member.post(url(id, 'evaluations'), { ratings: [rate(w.units.jiaoyu, 'basic')], version: v })).body.status).toBe('closed');
  });

  it('the older single rating still rates every unit of the round alike', async () => {
    const { c, w } = f;
    const id = await replied(['unit2'], 'A');
    const r = await c.member.post(url(id, 'evaluations'), { attitude: 'satisfied', result: 'basic', version: await f.version(id) });
    expect(r.body.status).toBe('closed');
    expect((await evaluationsOf(id)).map((e) => [e.unitId, e.result])).toEqual([[w.units.nongye, 'basic'], [w.units.jiaoyu, 'basic']]);
  });
});

describe('代录: staff enter a paper evaluation', () => {
  it('on the lead proposer’s behalf, recorded as theirs and entered by whom', async () => {
    const { c, w } = f;
    const id = await replied(['unit2'], 'A');
    expect((await c.staff.get(`/api/v1/proposals/${id}`)).body.availableActions).toContain('evaluate');
    expect((await c.office.get(`/api/v1/proposals/${id}`)).body.availableActions).not.toContain('evaluate');
    const body = { ratings: [rate(w.units.nongye, 'satisfied'), rate(w.units.jiaoyu, 'basic')], version: await f.version(id) };
    expect((await c.office.post(url(id, 'evaluations'), body)).status).toBe(403);
    expect((await c.otherStaff.post(url(id, 'evaluations'), body)).status).toBe(404);
    const r = await c.staff.post(url(id, 'evaluations'), body);
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('closed');
    const rows = await evaluationsOf(id);
    expect(rows.map((e) => [e.unitId, e.evaluatedBy, e.recordedBy])).toEqual([
      [w.units.nongye, w.users.member.id, w.users.staff.id],
      [w.units.jiaoyu, w.users.member.id, w.users.staff.id],
    ]);
    const d = await c.member.get(`/api/v1/proposals/${id}`);
    expect(d.body.evaluations.map((e: { evaluatedByName: string; recordedByName: string }) => [e.evaluatedByName, e.recordedByName])).toEqual([
      ['t_member', 't_staff'],
      ['t_member', 't_staff'],
    ]);
    const history = await c.member.get(`/api/v1/proposals/${id}/history`);
    expect(history.body.items.filter((h: { action: string }) => h.action === 'proposal.evaluate_on_behalf').map((h: { actorName: string }) => h.actorName)).toEqual(['t_staff']);
    const [audit] = await f.database.db.select().from(auditLog).where(and(eq(auditLog.proposalId, id), eq(auditLog.action, 'proposal.evaluate_on_behalf')));
    expect(audit!.after).toMatchObject({ onBehalfOf: '王建国', recordedBy: w.users.staff.id });
    expect(await f.notices(w.users.member.id, 'proposal.evaluate_recorded', id)).toHaveLength(1);
  });

  it('for a proposer without an account too', async () => {
    const { c, w } = f;
    const id = await replied([], 'A');
    // The lead proposer's member record loses its account: the paper form is the only way.
    const { members } = await import('../src/server/db/schema.js');
    await f.database.db.update(members).set({ userId: null }).where(eq(members.id, w.members.wang));
    try {
      const r = await c.staff.post(url(id, 'evaluations'), { ratings: [rate(w.units.nongye, 'basic')], version: await f.version(id) });
      expect(r.status).toBe(200);
      const [row] = await evaluationsOf(id);
      expect(row).toMatchObject({ evaluatedBy: null, recordedBy: w.users.staff.id, unitId: w.units.nongye });
      const d = await c.staff.get(`/api/v1/proposals/${id}`);
      expect(d.body.evaluations[0]).toMatchObject({ evaluatedByName: '王建国', recordedByName: 't_staff' });
    } finally {
      await f.database.db.update(members).set({ userId: w.users.member.id }).where(eq(members.id, w.members.wang));
    }
  });
});

describe('rounds', () => {
  it('are recorded on the assignments', async () => {
    const id = await replied(['unit2'], 'A');
    const rows = await f.database.db.select().from(assignments).where(eq(assignments.proposalId, id));
    expect(rows.every((a) => a.round === 1 && a.roundFrom === null)).toBe(true);
  });
});
