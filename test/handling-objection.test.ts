import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { setupHandling, type Fixture } from './handling-fixture.js';
import { proposals } from '../src/server/db/schema.js';

let f: Fixture;
beforeAll(async () => {
  // Assigned the day before 国庆: 10月1日–8日 are holidays, 10月11日 (Saturday) is a 调休 working day.
  f = await setupHandling('2025-09-30');
});
afterAll(async () => f?.close());

const url = (id: number, action: string) => `/api/v1/proposals/${id}/${action}`;
const paths = (r: { body: { details: { path: string }[] } }) => r.body.details.map((d) => d.path);

async function assignJoint() {
  const id = await f.filed();
  const r = await f.c.staff.post(url(id, 'assign'), { mode: 'joint', leadUnitId: f.w.units.nongye, coUnitIds: [f.w.units.jiaoyu], version: 2 });
  expect(r.status).toBe(200);
  return id;
}

describe('objection window on the working-day calendar', () => {
  it('is open for 5 working days after assignment, holidays excluded', async () => {
    const id = await assignJoint();
    // 10月14日 is the 5th working day after 9月30日 (9, 10, 11 调休, 13, 14); without the calendar it would be 10月7日.
    await f.setDay('2025-10-14');
    const ok = await f.c.unit2.post(url(id, 'object'), { reason: '该事项不属于本单位职责', suggestedUnit: '卫生健康局' });
    expect(ok.status).toBe(200);
    const co = (await f.assignmentsOf(id)).find((a) => a.unitId === f.w.units.jiaoyu)!;
    expect(co).toMatchObject({ status: 'objected', objectionReason: '该事项不属于本单位职责', objectionSuggestedUnit: '卫生健康局' });
    expect(await f.notices(f.w.users.office.id, 'assignment.object', id)).toHaveLength(1);
    expect(await f.notices(f.w.users.staff.id, 'assignment.object', id)).toHaveLength(1);

    await f.setDay('2025-10-15');
    const late = await f.c.unit.post(url(id, 'object'), { reason: '该事项不属于本单位职责' });
    expect(late.status).toBe(409);
    expect(late.body.message).toContain('5个工作日');
    // The last day in Chinese, as the disabled button says it, never as an ISO date.
    expect(late.body.message).toContain('申请调整期限至2025年10月14日，已截止');
    expect(late.body.message).not.toContain('2025-10-14');
  });
});

describe('objections and their decision', () => {
  it('needs a reason, refuses a second request and units not assigned', async () => {
    const id = await assignJoint();
    const none = await f.c.unit.post(url(id, 'object'), {});
    expect(none.status).toBe(400);
    expect(paths(none)).toEqual(['body.reason']);
    expect((await f.c.unit.post(url(id, 'object'), { reason: '不属于本单位职责' })).status).toBe(200);
    const again = await f.c.unit.post(url(id, 'object'), { reason: '不属于本单位职责' });
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('申请调整中');
    expect((await f.c.unit3.post(url(id, 'object'), { reason: '不属于本单位职责' })).status).toBe(404);
    expect((await f.c.staff.post(url(id, 'object'), { reason: '不属于本单位职责' })).status).toBe(403);
  });

  it('replacing the lead after it signed sends the proposal back to 已交办待签收', async () => {
    const { c, w } = f;
    const id = await assignJoint();
    expect((await c.unit.post(url(id, 'sign'), {})).body.status).toBe('handling');
    expect((await c.unit.post(url(id, 'object'), { reason: '应由卫生健康局主办' })).body.status).toBe('handling');
    const lead = (await f.assignmentsOf(id)).find((a) => a.unitId === w.units.nongye)!;
    const co = (await f.assignmentsOf(id)).find((a) => a.unitId === w.units.jiaoyu)!;
    const decide = (aid: number) => `/api/v1/proposals/${id}/objections/${aid}/decide`;

    const notObjected = await c.office.post(decide(co.id), { decision: 'approved', comment: '同意', version: await f.version(id) });
    expect(notObjected.status).toBe(409);
    expect(notObjected.body.message).toContain('待签收');
    const noReplacement = await c.office.post(decide(lead.id), { decision: 'approved', comment: '同意', version: await f.version(id) });
    expect(noReplacement.status).toBe(400);
    expect(paths(noReplacement)).toEqual(['body.replacementUnitId']);
    const taken = await c.office.post(decide(lead.id), { decision: 'approved', comment: '同意', replacementUnitId: w.units.jiaoyu, version: await f.version(id) });
    expect(taken.status).toBe(400);
    expect((await c.unit.post(decide(lead.id), { decision: 'approved', comment: '同意', version: await f.version(id) })).status).toBe(403);
    const stale = await c.office.post(decide(lead.id), { decision: 'approved', comment: '同意', replacementUnitId: w.units.weijian, version: 1 });
    expect(stale.body.code).toBe('STALE_VERSION');

    const ok = await c.office.post(decide(lead.id), { decision: 'approved', comment: '同意调整', replacementUnitId: w.units.weijian, version: await f.version(id) });
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe('assigned');
    const rows = await f.assignmentsOf(id);
    expect(rows.find((a) => a.id === lead.id)).toMatchObject({ status: 'removed', decision: 'approved', decisionComment: '同意调整' });
    expect(rows.find((a) => a.unitId === w.units.weijian)).toMatchObject({ role: 'lead', position: 0, status: 'pending', assignedAt: '2025-10-15' });
    expect(await f.notices(w.users.unit3.id, 'proposal.assign', id)).toHaveLength(1);
    expect(await f.notices(w.users.unit.id, 'assignment.decide_objection', id)).toHaveLength(1);
    // The removed unit no longer sees the proposal.
    expect((await c.unit.post(url(id, 'sign'), {})).status).toBe(404);
    expect((await c.unit3.post(url(id, 'sign'), {})).body.status).toBe('handling');
  });

  it('a rejected request puts the unit back to 待签收; an approved co-unit leaves', async () => {
    const { c, w } = f;
    const id = await assignJoint();
    await c.unit2.post(url(id, 'object'), { reason: '不属于本单位职责' });
    const co = (await f.assignmentsOf(id)).find((a) => a.unitId === w.units.jiaoyu)!;
    const decide = `/api/v1/proposals/${id}/objections/${co.id}/decide`;
    const withUnit = await c.staff.post(decide, { decision: 'rejected', comment: '属于职责范围', replacementUnitId: w.units.weijian, version: await f.version(id) });
    expect(paths(withUnit)).toEqual(['body.replacementUnitId']);
    const noComment = await c.staff.post(decide, { decision: 'rejected', version: await f.version(id) });
    expect(paths(noComment)).toEqual(['body.comment']);
    const rejected = await c.staff.post(decide, { decision: 'rejected', comment: '属于职责范围', version: await f.version(id) });
    expect(rejected.status).toBe(200);
    expect((await f.assignmentsOf(id)).find((a) => a.id === co.id)).toMatchObject({ status: 'pending', decision: 'rejected' });
    expect((await c.unit2.post(url(id, 'sign'), {})).status).toBe(200);

    await c.unit2.post(url(id, 'object'), { reason: '确实不属于本单位职责' });
    const approved = await c.staff.post(decide, { decision: 'approved', comment: '同意', version: await f.version(id) });
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('assigned');
    expect((await f.assignmentsOf(id)).find((a) => a.id === co.id)!.status).toBe('removed');
    expect((await c.unit2.post(url(id, 'sign'), {})).status).toBe(404);
  });
});

describe('deadline extension', () => {
  it('must be later than the deadline and within 6 months of assignment', async () => {
    const { c } = f;
    const id = await assignJoint(); // assigned 2025-10-15: deadline 2026-01-15, at most 2026-04-15
    expect((await f.row(id)).deadline).toBe('2026-01-15');
    await f.database.db.update(proposals).set({ overdue: true, dueSoon: true }).where(eq(proposals.id, id));
    const v = await f.version(id);
    const earlier = await c.staff.post(url(id, 'extend'), { deadline: '2026-01-10', reason: '情况复杂', version: v });
    expect(earlier.status).toBe(400);
    expect(paths(earlier)).toEqual(['body.deadline']);
    const tooLate = await c.staff.post(url(id, 'extend'), { deadline: '2026-04-16', reason: '情况复杂', version: v });
    expect(tooLate.status).toBe(400);
    // The latest day in Chinese, never as an ISO date.
    expect(tooLate.body.message).toContain('最迟可延至2026年4月15日');
    expect(tooLate.body.message).not.toContain('2026-04-15');
    expect(earlier.body.message).toContain('2026年1月15日');
    expect(paths(await c.staff.post(url(id, 'extend'), { deadline: '2026-04-15', version: v }))).toEqual(['body.reason']);
    expect((await c.unit.post(url(id, 'extend'), { deadline: '2026-04-15', reason: '情况复杂', version: v })).status).toBe(403);
    const ok = await c.office.post(url(id, 'extend'), { deadline: '2026-04-15', reason: '涉及多部门协调', version: v });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ deadline: '2026-04-15', overdue: false, dueSoon: false });
    expect(await f.notices(f.w.users.unit.id, 'proposal.extend_deadline', id)).toHaveLength(1);
  });

  it('is 409 before assignment', async () => {
    const id = await f.filed();
    const r = await f.c.staff.post(url(id, 'extend'), { deadline: '2026-04-15', reason: '情况复杂', version: 2 });
    expect(r.status).toBe(409);
    expect(r.body.message).toContain('已立案待交办');
  });
});

describe('remind (催办)', () => {
  it('notifies every unit and records when', async () => {
    const id = await assignJoint();
    const r = await f.c.office.post(url(id, 'remind'), { message: '请于本周内签收' });
    expect(r.status).toBe(200);
    expect((await f.assignmentsOf(id)).every((a) => a.remindedAt !== null)).toBe(true);
    const [n] = await f.notices(f.w.users.unit2.id, 'proposal.remind', id);
    expect(n!.message).toContain('请于本周内签收');
    expect(await f.audits(id, 'proposal.remind')).toBe(1);
    expect((await f.c.member.post(url(id, 'remind'), {})).status).toBe(403);
    const filed = await f.filed();
    expect((await f.c.staff.post(url(filed, 'remind'), {})).status).toBe(409);
  });
});
