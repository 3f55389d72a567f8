import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { setupHandling, type Fixture } from './handling-fixture.js';
import { evaluations, proposals, replies } from '../src/server/db/schema.js';

let f: Fixture;
beforeAll(async () => {
  f = await setupHandling('2025-03-10');
});
afterAll(async () => f?.close());

const url = (id: number, action: string) => `/api/v1/proposals/${id}/${action}`;
const paths = (r: { body: { details: { path: string }[] } }) => r.body.details.map((d) => d.path);
const LONG = '经研究，该建议涉及的资金需列入下一年度预算统筹安排，目前条件尚不具备，将留作参考并在规划中予以考虑。';
const replyOf = (resultClass: string, version: number, body = LONG) => ({ resultClass, body, disclosure: 'public', signerName: '张局长', version });

async function assigned(body: Record<string, unknown>) {
  const id = await f.filed();
  const r = await f.c.staff.post(url(id, 'assign'), { ...body, version: 2 });
  expect(r.status).toBe(200);
  return id;
}
const joint = () => assigned({ mode: 'joint', leadUnitId: f.w.units.nongye, coUnitIds: [f.w.units.jiaoyu] });
/** 会办 before 答复: the co-unit 教育局 signs and gives its opinion, so that the lead may reply. */
async function coOpinion(id: number) {
  await f.c.unit2.post(url(id, 'sign'), {});
  expect((await f.c.unit2.post(url(id, 'co-opinions'), { body: '同意主办单位意见' })).status).toBe(201);
}
const repliesOf = (id: number) => f.database.db.select().from(replies).where(eq(replies.proposalId, id)).orderBy(replies.id);

describe('the full path', () => {
  it('assign → sign → contact → reply B → 不满意 → rehandling → reply A → 满意 → closed', async () => {
    const { c, w } = f;
    const id = await joint();
    expect((await f.row(id)).deadline).toBe('2025-06-10');
    const early = await c.unit.post(url(id, 'contacts'), { method: 'face', contactDate: '2025-03-10', participants: '王建国', summary: '面商' });
    expect(early.status).toBe(409);
    expect(early.body.message).toContain('已交办待签收');

    expect((await c.unit.post(url(id, 'sign'), {})).body.status).toBe('handling');
    const coUnsigned = await c.unit2.post(url(id, 'contacts'), { method: 'phone', contactDate: '2025-03-10', participants: '王建国', summary: '电话沟通' });
    expect(coUnsigned.status).toBe(409);
    expect(coUnsigned.body.message).toContain('待签收');
    const future = await c.unit.post(url(id, 'contacts'), { method: 'face', contactDate: '2025-03-11', participants: '王建国', summary: '面商' });
    expect(paths(future)).toEqual(['body.contactDate']);
    const badMethod = await c.unit.post(url(id, 'contacts'), { method: 'email', contactDate: '2025-03-10', participants: '王建国', summary: '面商' });
    expect(paths(badMethod)).toEqual(['body.method']);
    const contact = await c.unit.post(url(id, 'contacts'), { method: 'face', contactDate: '2025-03-10', participants: '王建国、张科长', summary: '当面听取意见' });
    expect(contact.status).toBe(201);
    expect(contact.body).toMatchObject({ proposalId: id, unitId: w.units.nongye, method: 'face' });

    const leadOpinion = await c.unit.post(url(id, 'co-opinions'), { body: '意见' });
    expect(leadOpinion.status).toBe(403);
    expect(leadOpinion.body.message).toContain('主办单位');
    expect((await c.unit2.post(url(id, 'co-opinions'), { body: '意见' })).status).toBe(409);
    await c.unit2.post(url(id, 'sign'), {});
    expect((await c.unit2.post(url(id, 'co-opinions'), { body: '建议纳入明年教育专项' })).status).toBe(201);
    expect(await f.notices(w.users.unit.id, 'proposal.add_co_opinion', id)).toHaveLength(1);

    const coReply = await c.unit2.post(url(id, 'replies'), replyOf('B', await f.version(id)));
    expect(coReply.status).toBe(403);
    expect(coReply.body.message).toContain('会办单位请提交会办意见');
    const shortC = await c.unit.post(url(id, 'replies'), replyOf('C', await f.version(id), '暂不具备条件'));
    expect(paths(shortC)).toEqual(['body.body']);
    expect(shortC.body.message).toMatch(/C类答复/);
    const empty = await c.unit.post(url(id, 'replies'), { version: await f.version(id) });
    expect(paths(empty)).toEqual(expect.arrayContaining(['body.resultClass', 'body.body', 'body.disclosure', 'body.signerName']));

    const b = await c.unit.post(url(id, 'replies'), replyOf('B', await f.version(id)));
    expect(b.status).toBe(200);
    expect(b.body.status).toBe('replied');
    expect((await repliesOf(id)).map((r) => [r.sequence, r.resultClass, r.isLead, r.dueDate, r.replyDate])).toEqual([[1, 'B', true, '2025-06-10', '2025-03-10']]);
    expect(await f.notices(w.users.member.id, 'proposal.reply', id)).toHaveLength(1);
    expect(await f.notices(w.users.member2.id, 'proposal.reply', id)).toHaveLength(1);
    expect(await f.notices(w.users.staff.id, 'proposal.reply', id)).toHaveLength(1);
    const twice = await c.unit.post(url(id, 'replies'), replyOf('A', await f.version(id)));
    expect(twice.status).toBe(409);
    expect(twice.body.message).toContain('已答复待测评');
    expect((await c.unit.post(url(id, 'object'), { reason: '不属于本单位' })).status).toBe(409);

    const v = await f.version(id);
    const co = await c.member2.post(url(id, 'evaluations'), { attitude: 'satisfied', result: 'satisfied', version: v });
    expect(co.status).toBe(403);
    expect(co.body.message).toContain('第一提案人');
    expect((await c.member3.post(url(id, 'evaluations'), { attitude: 'satisfied', result: 'satisfied', version: v })).status).toBe(404);
    // Staff may enter a paper evaluation (代录, test/per-unit-evaluation.test.ts); the office may not evaluate.
    expect((await c.office.post(url(id, 'evaluations'), { attitude: 'satisfied', result: 'satisfied', version: v })).status).toBe(403);
    const noComment = await c.member.post(url(id, 'evaluations'), { attitude: 'satisfied', result: 'unsatisfied', version: v });
    expect(paths(noComment)).toEqual(['body.comment']);
    const bad = await c.member.post(url(id, 'evaluations'), { attitude: 'satisfied', result: 'unsatisfied', comment: '未解决实际问题', version: v });
    expect(bad.status).toBe(200);
    expect(bad.body).toMatchObject({ status: 'rehandling', deadline: '2025-04-10' });
    expect((await f.row(id)).replySequence).toBe(2);
    expect(await f.notices(w.users.unit.id, 'proposal.rehandling', id)).toHaveLength(1);
    expect(await f.notices(w.users.unit2.id, 'proposal.rehandling', id)).toHaveLength(1);
    expect(await f.notices(w.users.staff.id, 'proposal.rehandling', id)).toHaveLength(1);
    // The one rating covered both units, so the co-unit too was sent back: its new opinion first.
    expect((await c.unit.post(url(id, 'replies'), replyOf('A', await f.version(id)))).status).toBe(409);
    expect((await c.unit2.post(url(id, 'co-opinions'), { body: '教育局补充意见：专项资金可统筹安排' })).status).toBe(201);

    const a = await c.unit.post(url(id, 'replies'), replyOf('A', await f.version(id)));
    expect(a.body.status).toBe('replied');
    expect((await repliesOf(id)).map((r) => [r.sequence, r.resultClass, r.dueDate])).toEqual([[1, 'B', '2025-06-10'], [2, 'A', '2025-04-10']]);
    const good = await c.member.post(url(id, 'evaluations'), { attitude: 'satisfied', result: 'basic', version: await f.version(id) });
    expect(good.body.status).toBe('closed');
    expect((await f.row(id)).closedAt).not.toBeNull();
    // One row per unit and round: the lead and the co-unit, rated in both rounds (both were sent back).
    const rows = await f.database.db.select().from(evaluations).where(eq(evaluations.proposalId, id)).orderBy(evaluations.sequence, evaluations.id);
    expect(rows.map((e) => [e.sequence, e.unitId])).toEqual([[1, w.units.nongye], [1, w.units.jiaoyu], [2, w.units.nongye], [2, w.units.jiaoyu]]);

    const after = await c.unit.post(url(id, 'follow-ups'), { body: '已落实', completed: true });
    expect(after.status).toBe(409);
    expect(after.body.message).toContain('已办结');
    expect((await c.staff.post(url(id, 'close'), { version: await f.version(id) })).status).toBe(409);
  });
});

describe('after the evaluation', () => {
  it('a B-class reply goes to follow-up until the lead unit reports it done', async () => {
    const { c, w } = f;
    const id = await joint();
    await c.unit.post(url(id, 'sign'), {});
    await coOpinion(id);
    await c.unit.post(url(id, 'replies'), replyOf('B', await f.version(id)));
    const e = await c.member.post(url(id, 'evaluations'), { attitude: 'satisfied', result: 'satisfied', version: await f.version(id) });
    expect(e.body.status).toBe('following_up');
    expect(await f.notices(w.users.unit.id, 'proposal.evaluate', id)).toHaveLength(1);
    const co = await c.unit2.post(url(id, 'follow-ups'), { body: '会办落实', completed: false });
    expect(co.status).toBe(403);
    expect(paths(await c.unit.post(url(id, 'follow-ups'), { body: '已完成一期工程' }))).toEqual(['body.completed']);
    expect((await c.unit.post(url(id, 'follow-ups'), { body: '已完成一期工程', completed: false })).body.status).toBe('following_up');
    const done = await c.unit.post(url(id, 'follow-ups'), { body: '二期工程完工', completed: true });
    expect(done.body.status).toBe('closed');
    expect(await f.notices(w.users.member.id, 'proposal.report_follow_up', id)).toHaveLength(1);
  });

  it('a key proposal is followed up even with an A-class reply; staff may close it', async () => {
    const { c } = f;
    const id = await joint();
    await f.database.db.update(proposals).set({ isKey: true }).where(eq(proposals.id, id));
    await c.unit.post(url(id, 'sign'), {});
    await coOpinion(id);
    await c.unit.post(url(id, 'replies'), replyOf('A', await f.version(id)));
    const e = await c.member.post(url(id, 'evaluations'), { attitude: 'satisfied', result: 'satisfied', version: await f.version(id) });
    expect(e.body.status).toBe('following_up');
    expect((await c.office.post(url(id, 'close'), { version: await f.version(id) })).status).toBe(403);
    const closed = await c.staff.post(url(id, 'close'), { comment: '落实到位', version: await f.version(id) });
    expect(closed.body.status).toBe('closed');
    expect(await f.notices(f.w.users.unit.id, 'proposal.close', id)).toHaveLength(1);
  });

  it('staff may close a replied proposal, not one still in handling', async () => {
    const { c } = f;
    const id = await joint();
    await c.unit.post(url(id, 'sign'), {});
    const early = await c.staff.post(url(id, 'close'), { version: await f.version(id) });
    expect(early.status).toBe(409);
    expect(early.body.message).toContain('办理中');
    await coOpinion(id);
    await c.unit.post(url(id, 'replies'), replyOf('A', await f.version(id)));
    expect((await c.staff.post(url(id, 'close'), { version: 1 })).body.code).toBe('STALE_VERSION');
    expect((await c.staff.post(url(id, 'close'), { version: await f.version(id) })).body.status).toBe('closed');
  });

  it('a second 不满意 does not loop: it follows up and tells the committee', async () => {
    const { c, w } = f;
    const id = await joint();
    await c.unit.post(url(id, 'sign'), {});
    await coOpinion(id);
    await c.unit.post(url(id, 'replies'), replyOf('B', await f.version(id)));
    const bad = { attitude: 'unsatisfied', result: 'unsatisfied', comment: '敷衍了事' };
    expect((await c.member.post(url(id, 'evaluations'), { ...bad, version: await f.version(id) })).body.status).toBe('rehandling');
    // Rated 不满意 too, the co-unit owes a new opinion before the lead's second reply.
    expect((await c.unit2.post(url(id, 'co-opinions'), { body: '补充会办意见' })).status).toBe(201);
    await c.unit.post(url(id, 'replies'), replyOf('B', await f.version(id)));
    const again = await c.member.post(url(id, 'evaluations'), { ...bad, version: await f.version(id) });
    expect(again.body.status).toBe('following_up');
    expect((await f.row(id)).replySequence).toBe(2);
    expect(await f.notices(w.users.staff.id, 'proposal.unsatisfied_again', id)).toHaveLength(1);
  });
});

describe('separate handling (分办)', () => {
  it('is replied only when every unit has answered; position 0 is the lead', async () => {
    const { c, w } = f;
    const id = await assigned({ mode: 'separate', separateUnitIds: [w.units.jiaoyu, w.units.nongye] });
    expect((await f.row(id)).assignmentMode).toBe('separate');
    expect((await c.unit.post(url(id, 'sign'), {})).body.status).toBe('handling');
    expect((await c.unit.post(url(id, 'co-opinions'), { body: '意见' })).status).toBe(403);
    const unsigned = await c.unit2.post(url(id, 'replies'), replyOf('B', await f.version(id)));
    expect(unsigned.status).toBe(409);
    const first = await c.unit.post(url(id, 'replies'), replyOf('A', await f.version(id)));
    expect(first.body.status).toBe('handling');
    const dup = await c.unit.post(url(id, 'replies'), replyOf('A', await f.version(id)));
    expect(dup.status).toBe(409);
    expect(dup.body.message).toContain('已答复');
    expect(await f.notices(w.users.member.id, 'proposal.reply', id)).toHaveLength(0);
    await c.unit2.post(url(id, 'sign'), {});
    const last = await c.unit2.post(url(id, 'replies'), replyOf('B', await f.version(id)));
    expect(last.body.status).toBe('replied');
    const rows = await f.database.db.select().from(replies).where(and(eq(replies.proposalId, id), eq(replies.isLead, true)));
    expect(rows.map((r) => [r.unitId, r.resultClass])).toEqual([[w.units.jiaoyu, 'B']]);
    // The lead's reply is B, so the proposal is followed up, reported by the first 分办 unit.
    expect((await c.member.post(url(id, 'evaluations'), { attitude: 'basic', result: 'basic', version: await f.version(id) })).body.status).toBe('following_up');
    expect((await c.unit.post(url(id, 'follow-ups'), { body: '落实', completed: true })).status).toBe(403);
    expect((await c.unit2.post(url(id, 'follow-ups'), { body: '落实', completed: true })).body.status).toBe('closed');
  });
});
