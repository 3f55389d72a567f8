import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { setupHandling, type Fixture } from './handling-fixture.js';
import { replies, sessions } from '../src/server/db/schema.js';
import { computeFigures, computeFiguresExact } from '../src/server/domain/compute-figures.js';

// 答复审核 (issue 11), the session's reply_review: when on, a reply goes to staff or the office
// before the proposer sees it; they approve it (it goes out, the proposer is notified) or return
// it with a reason (the unit edits and sends it again). When off, replies go straight out.

let f: Fixture;
beforeAll(async () => {
  f = await setupHandling('2025-03-10');
  await f.database.db.update(sessions).set({ replyReview: true }).where(eq(sessions.id, f.w.sessionId));
});
afterAll(async () => f?.close());

const url = (id: number, action: string) => `/api/v1/proposals/${id}/${action}`;
const LONG = '经研究，该建议涉及的资金需列入下一年度预算统筹安排，目前条件尚不具备，将留作参考并在规划中予以考虑。';
const replyOf = (version: number, body = LONG) => ({ resultClass: 'B', body, disclosure: 'public', signerName: '张局长', version });
const repliesOf = (id: number) => f.database.db.select().from(replies).where(eq(replies.proposalId, id)).orderBy(replies.id);
const handled = async () => {
  const exact = await computeFiguresExact(f.database.db, f.w.tenantId, f.w.sessionId, '2025-03-10');
  expect(await computeFigures(f.database.db, f.w.tenantId, f.w.sessionId, '2025-03-10')).toEqual(exact);
  return exact.handled;
};

async function signed(mode: 'single' | 'separate' = 'single') {
  const { c, w } = f;
  const id = await f.filed();
  const body = mode === 'single' ? { mode, leadUnitId: w.units.nongye } : { mode, separateUnitIds: [w.units.nongye, w.units.jiaoyu] };
  expect((await c.staff.post(url(id, 'assign'), { ...body, version: 2 })).status).toBe(200);
  await c.unit.post(url(id, 'sign'), {});
  if (mode === 'separate') await c.unit2.post(url(id, 'sign'), {});
  return id;
}

describe('with 答复审核 on', () => {
  let id: number;

  it('a reply waits for review: the proposer neither sees it nor is told, staff and the office are', async () => {
    const { c, w } = f;
    id = await signed();
    const before = await handled();
    const r = await c.unit.post(url(id, 'replies'), replyOf(await f.version(id)));
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('reply_review');
    const [row] = await repliesOf(id);
    expect(row!.status).toBe('pending_review');
    expect(await handled()).toBe(before);

    const member = await c.member.get(`/api/v1/proposals/${id}`);
    expect(member.body.statusLabel).toBe('答复待审核');
    expect(member.body.replies).toEqual([]);
    expect(member.body.availableActions).not.toContain('evaluate');
    expect((await c.member.get(`/api/v1/replies/${row!.id}/letter.docx`)).status).toBe(404);
    expect(await f.notices(w.users.member.id, 'proposal.reply', id)).toHaveLength(0);
    expect(await f.notices(w.users.staff.id, 'proposal.reply_review', id)).toHaveLength(1);
    expect(await f.notices(w.users.office.id, 'proposal.reply_review', id)).toHaveLength(1);

    const unit = await c.unit.get(`/api/v1/proposals/${id}`);
    expect(unit.body.replies.map((x: { status: string }) => x.status)).toEqual(['pending_review']);
    expect(unit.body.availableActions).not.toContain('reply');
    expect((await c.staff.get(`/api/v1/proposals/${id}`)).body.availableActions).toEqual(expect.arrayContaining(['approve_reply', 'return_reply']));
    expect((await c.office.get(`/api/v1/proposals/${id}`)).body.availableActions).toEqual(expect.arrayContaining(['approve_reply', 'return_reply']));
    const evaluate = await c.member.post(url(id, 'evaluations'), { attitude: 'satisfied', result: 'satisfied', version: await f.version(id) });
    expect(evaluate.status).toBe(409);
    expect(evaluate.body.message).toContain('答复待审核');
  });

  it('is returned with a reason: back to the unit, which is told why', async () => {
    const { c, w } = f;
    const v = await f.version(id);
    expect((await c.unit.post(url(id, 'reply-review/return'), { reason: '答复未说明资金来源', version: v })).status).toBe(403);
    expect((await c.member.post(url(id, 'reply-review/return'), { reason: '答复未说明资金来源', version: v })).status).toBe(403);
    const noReason = await c.office.post(url(id, 'reply-review/return'), { version: v });
    expect(noReason.status).toBe(400);
    expect(noReason.body.details.map((d: { path: string }) => d.path)).toEqual(['body.reason']);
    expect((await c.office.post(url(id, 'reply-review/return'), { reason: '含\u0000字符', version: v })).status).toBe(400);
    expect((await c.office.post(url(id, 'reply-review/return'), { reason: '答复未说明资金来源', replyIds: [987654], version: v })).status).toBe(400);
    expect((await c.office.post(url(id, 'reply-review/return'), { reason: '答复未说明资金来源', version: v - 1 })).body.code).toBe('STALE_VERSION');
    const r = await c.office.post(url(id, 'reply-review/return'), { reason: '答复未说明资金来源，请补充', version: v });
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('handling');
    const [row] = await repliesOf(id);
    expect(row).toMatchObject({ status: 'returned', reviewComment: '答复未说明资金来源，请补充', reviewedBy: w.users.office.id });
    expect(await f.notices(w.users.unit.id, 'proposal.return_reply', id)).toHaveLength(1);
    expect(await f.audits(id, 'proposal.return_reply')).toBe(1);
    const unit = await c.unit.get(`/api/v1/proposals/${id}`);
    expect(unit.body.replies[0]).toMatchObject({ status: 'returned', reviewComment: '答复未说明资金来源，请补充' });
    expect(unit.body.availableActions).toContain('reply');
    expect((await c.member.get(`/api/v1/proposals/${id}`)).body.replies).toEqual([]);
    const twice = await c.staff.post(url(id, 'reply-review/approve'), { version: await f.version(id) });
    expect(twice.status).toBe(409);
    expect(twice.body.message).toBe('当前状态为「办理中」，不能执行「审核通过答复」');
  });

  it('the unit edits and sends it again: the same letter, back in review', async () => {
    const { c } = f;
    const [first] = await repliesOf(id);
    const r = await c.unit.post(url(id, 'replies'), replyOf(await f.version(id), `${LONG}资金由市财政统筹安排200万元。`));
    expect(r.body.status).toBe('reply_review');
    const rows = await repliesOf(id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: first!.id, status: 'pending_review' });
    expect(rows[0]!.body).toContain('200万元');
    expect(await f.audits(id, 'proposal.reply_resend')).toBe(1);
  });

  it('is approved: it goes out and the proposer is asked to evaluate', async () => {
    const { c, w } = f;
    const before = await handled();
    const r = await c.staff.post(url(id, 'reply-review/approve'), { version: await f.version(id) });
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('replied');
    expect((await repliesOf(id))[0]).toMatchObject({ status: 'sent', reviewedBy: w.users.staff.id });
    expect(await handled()).toBe(before + 1);
    const member = await c.member.get(`/api/v1/proposals/${id}`);
    expect(member.body.replies.map((x: { status: string; reviewComment: string | null }) => [x.status, x.reviewComment])).toEqual([['sent', null]]);
    expect(member.body.availableActions).toContain('evaluate');
    expect(await f.notices(w.users.member.id, 'proposal.reply', id)).toHaveLength(1);
    expect(await f.notices(w.users.unit.id, 'proposal.approve_reply', id)).toHaveLength(1);
    expect(await f.audits(id, 'proposal.approve_reply')).toBe(1);
    expect((await c.member.get(`/api/v1/replies/${(await repliesOf(id))[0]!.id}/letter.docx`)).status).toBe(200);
  });

  it('in 分办 one reply can be returned while the other waits; all go out together', async () => {
    const { c, w } = f;
    const sid = await signed('separate');
    await c.unit.post(url(sid, 'replies'), replyOf(await f.version(sid)));
    expect((await f.row(sid)).status).toBe('handling');
    expect((await c.unit2.post(url(sid, 'replies'), replyOf(await f.version(sid)))).body.status).toBe('reply_review');
    const [a, b] = await repliesOf(sid);
    const r = await c.staff.post(url(sid, 'reply-review/return'), { reason: '请补充落实时限', replyIds: [b!.id], version: await f.version(sid) });
    expect(r.body.status).toBe('handling');
    expect((await repliesOf(sid)).map((x) => x.status)).toEqual(['pending_review', 'returned']);
    expect(await f.notices(w.users.unit2.id, 'proposal.return_reply', sid)).toHaveLength(1);
    expect(await f.notices(w.users.unit.id, 'proposal.return_reply', sid)).toHaveLength(0);
    expect((await c.unit.post(url(sid, 'replies'), replyOf(await f.version(sid)))).body.message).toContain('审核中');
    expect((await c.unit2.post(url(sid, 'replies'), replyOf(await f.version(sid)))).body.status).toBe('reply_review');
    expect((await c.staff.post(url(sid, 'reply-review/approve'), { version: await f.version(sid) })).body.status).toBe('replied');
    expect((await repliesOf(sid)).map((x) => [x.id, x.status])).toEqual([[a!.id, 'sent'], [b!.id, 'sent']]);
  });

  it('is not reachable across tenants', async () => {
    const id2 = await signed();
    await f.c.unit.post(url(id2, 'replies'), replyOf(await f.version(id2)));
    const v = await f.version(id2);
    expect((await f.c.otherStaff.post(url(id2, 'reply-review/approve'), { version: v })).status).toBe(404);
    expect((await f.c.otherStaff.post(url(id2, 'reply-review/return'), { reason: '退回', version: v })).status).toBe(404);
    expect((await f.c.otherUnit.get(`/api/v1/proposals/${id2}`)).status).toBe(404);
    expect((await f.row(id2)).status).toBe('reply_review');
    expect((await f.c.staff.post(url(2147483648, 'reply-review/approve'), { version: 1 })).status).toBe(400);
  });
});

describe('with 答复审核 off', () => {
  it('a reply still waiting when the setting is switched off goes out with the round', async () => {
    const { c, w } = f;
    const sid = await signed('separate');
    await c.unit.post(url(sid, 'replies'), replyOf(await f.version(sid)));
    await c.unit2.post(url(sid, 'replies'), replyOf(await f.version(sid)));
    const [, b] = await repliesOf(sid);
    await c.staff.post(url(sid, 'reply-review/return'), { reason: '请补充', replyIds: [b!.id], version: await f.version(sid) });
    await f.database.db.update(sessions).set({ replyReview: false }).where(eq(sessions.id, w.sessionId));
    expect((await c.unit2.post(url(sid, 'replies'), replyOf(await f.version(sid)))).body.status).toBe('replied');
    expect((await repliesOf(sid)).map((x) => x.status)).toEqual(['sent', 'sent']);
    expect((await c.member.get(`/api/v1/proposals/${sid}`)).body.replies).toHaveLength(2);
  });


  it('a reply goes straight out', async () => {
    const { c, w } = f;
    await f.database.db.update(sessions).set({ replyReview: false }).where(eq(sessions.id, w.sessionId));
    const id = await signed();
    const r = await c.unit.post(url(id, 'replies'), replyOf(await f.version(id)));
    expect(r.body.status).toBe('replied');
    expect((await repliesOf(id))[0]!.status).toBe('sent');
    expect(await f.notices(w.users.member.id, 'proposal.reply', id)).toHaveLength(1);
    expect(await f.notices(w.users.staff.id, 'proposal.reply_review', id)).toHaveLength(0);
  });
});
