import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { setupHandling, type Fixture } from './handling-fixture.js';
import { login, type Client } from './helpers/api.js';
import { auditLog, coOpinions } from '../src/server/db/schema.js';

// 会办 before 答复 (issue 11): the lead unit cannot send its reply while a co-unit has neither given
// its 会办意见 nor let its window pass (the session's co_opinion_months after assignment, editable);
// the refusal names the missing units and the window's end as a Chinese date; a co-opinion that
// arrives after the reply is kept and shown, never refused.

let f: Fixture;
let sysadmin: Client;
beforeAll(async () => {
  f = await setupHandling('2025-03-10');
  sysadmin = await login(f.app, f.w.users.sysadmin.username);
});
afterAll(async () => f?.close());

const url = (id: number, action: string) => `/api/v1/proposals/${id}/${action}`;
const LONG = '经研究，该建议涉及的资金需列入下一年度预算统筹安排，目前条件尚不具备，将留作参考并在规划中予以考虑。';
const replyOf = (version: number) => ({ resultClass: 'B', body: LONG, disclosure: 'public', signerName: '张局长', version });

describe('the session setting', () => {
  it('co_opinion_months defaults to one month and is edited and validated in the session admin', async () => {
    const s = await sysadmin.get(`/api/v1/sessions/${f.w.sessionId}`);
    expect(s.body).toMatchObject({ coOpinionMonths: 1, replyReview: false });
    const bad = await sysadmin.patch(`/api/v1/sessions/${f.w.sessionId}`, { coOpinionMonths: 7, version: s.body.version });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.details)).toContain('会办意见期限');
    const created = await sysadmin.post('/api/v1/sessions', { name: '十二届一次会议', term: 12, meeting: 1, year: 2027, coOpinionMonths: 2, replyReview: true });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ coOpinionMonths: 2, replyReview: true });
  });
});

describe('the lead unit’s reply waits for the co-units', () => {
  let id: number;

  it('is refused while co-units have neither given an opinion nor let the window pass, naming them and the date', async () => {
    const { c, w } = f;
    id = await f.filed();
    await c.staff.post(url(id, 'assign'), { mode: 'joint', leadUnitId: w.units.nongye, coUnitIds: [w.units.jiaoyu, w.units.weijian], version: 2 });
    await c.unit.post(url(id, 'sign'), {});
    // The reply screen knows who is missing before the unit writes.
    const d = await c.unit.get(`/api/v1/proposals/${id}`);
    expect(d.body.coOpinionStatus).toEqual([
      { unitId: w.units.jiaoyu, unitName: '教育局', round: 1, given: false, windowEnds: '2025-04-10', waiting: true },
      { unitId: w.units.weijian, unitName: '卫生健康局', round: 1, given: false, windowEnds: '2025-04-10', waiting: true },
    ]);
    const r = await c.unit.post(url(id, 'replies'), replyOf(await f.version(id)));
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('CONFLICT');
    expect(r.body.message).toContain('教育局、卫生健康局尚未提交会办意见');
    expect(r.body.message).toContain('2025年4月10日');
    expect(r.body.message).not.toContain('2025-04-10');
    expect(r.body.details.waiting.map((x: { unitName: string }) => x.unitName)).toEqual(['教育局', '卫生健康局']);
    expect((await f.row(id)).status).toBe('handling');
  });

  it('names only those still missing once one has given its opinion', async () => {
    const { c } = f;
    await c.unit2.post(url(id, 'sign'), {});
    expect((await c.unit2.post(url(id, 'co-opinions'), { body: '建议纳入明年教育专项' })).status).toBe(201);
    const r = await c.unit.post(url(id, 'replies'), replyOf(await f.version(id)));
    expect(r.status).toBe(409);
    expect(r.body.message).not.toContain('教育局');
    expect(r.body.message).toContain('卫生健康局');
    const d = await c.unit.get(`/api/v1/proposals/${id}`);
    expect(d.body.coOpinionStatus.map((s: { given: boolean; waiting: boolean }) => [s.given, s.waiting])).toEqual([[true, false], [false, true]]);
  });

  it('follows the session setting when it is edited', async () => {
    const s = await sysadmin.get(`/api/v1/sessions/${f.w.sessionId}`);
    expect((await sysadmin.patch(`/api/v1/sessions/${f.w.sessionId}`, { coOpinionMonths: 2, version: s.body.version })).status).toBe(200);
    // Two months after 2025-03-10 is Saturday 10 May: the window ends on the next working day.
    const r = await f.c.unit.post(url(id, 'replies'), replyOf(await f.version(id)));
    expect(r.body.message).toContain('2025年5月12日');
    const back = await sysadmin.get(`/api/v1/sessions/${f.w.sessionId}`);
    await sysadmin.patch(`/api/v1/sessions/${f.w.sessionId}`, { coOpinionMonths: 1, version: back.body.version });
  });

  it('goes out once the window has passed', async () => {
    await f.setDay('2025-04-11');
    sysadmin = await login(f.app, f.w.users.sysadmin.username);
    const d = await f.c.unit.get(`/api/v1/proposals/${id}`);
    expect(d.body.coOpinionStatus[1]).toMatchObject({ unitName: '卫生健康局', given: false, waiting: false });
    const r = await f.c.unit.post(url(id, 'replies'), replyOf(await f.version(id)));
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('replied');
  });

  it('keeps an opinion that arrives after the reply, shows it and tells the lead unit and the proposer', async () => {
    const { c, w } = f;
    await c.unit3.post(url(id, 'sign'), {});
    const late = await c.unit3.post(url(id, 'co-opinions'), { body: '卫生健康局会办意见：建议结合家庭医生签约服务推进' });
    expect(late.status).toBe(201);
    const [row] = await f.database.db.select().from(coOpinions).where(and(eq(coOpinions.proposalId, id), eq(coOpinions.unitId, w.units.weijian)));
    expect(row).toMatchObject({ afterReply: true, round: 1 });
    const d = await c.member.get(`/api/v1/proposals/${id}`);
    expect(d.body.coOpinions.map((o: { unitName: string; afterReply: boolean }) => [o.unitName, o.afterReply])).toEqual([['教育局', false], ['卫生健康局', true]]);
    expect((await f.notices(w.users.unit.id, 'proposal.add_co_opinion', id)).map((n) => n.message).join()).toContain('答复后收到');
    expect(await f.notices(w.users.member.id, 'proposal.add_co_opinion', id)).toHaveLength(1);
    expect(await f.notices(w.users.staff.id, 'proposal.add_co_opinion', id)).toHaveLength(1);
    expect(await f.audits(id, 'proposal.add_co_opinion')).toBe(2);
    const [audit] = await f.database.db.select().from(auditLog).where(and(eq(auditLog.proposalId, id), eq(auditLog.entityType, 'co_opinion'), eq(auditLog.entityId, row!.id)));
    expect(audit!.action).toBe('proposal.add_co_opinion');
  });

  it('does not concern 分办 or a proposal without co-units', async () => {
    const { c, w } = f;
    const single = await f.filed();
    await c.staff.post(url(single, 'assign'), { mode: 'single', leadUnitId: w.units.nongye, version: 2 });
    await c.unit.post(url(single, 'sign'), {});
    expect((await c.unit.get(`/api/v1/proposals/${single}`)).body.coOpinionStatus).toEqual([]);
    expect((await c.unit.post(url(single, 'replies'), replyOf(await f.version(single)))).body.status).toBe('replied');
  });
});
