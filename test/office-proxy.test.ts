import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { setupHandling, type Fixture } from './handling-fixture.js';
import { auditLog, members, notifications, proposals, proposers, users } from '../src/server/db/schema.js';

// 代录: staff enter a paper proposal in a member's (or a body's) name and record paper co-signatures.

let f: Fixture;
beforeAll(async () => {
  f = await setupHandling('2026-03-02');
});
afterAll(async () => f?.close());

const paper = (extra: object = {}) => ({
  sessionId: f.w.sessionId,
  title: '关于规范农村集体经济组织财务管理的建议',
  body: '<p>纸质提案原文：建议建立村级财务公开制度。</p>',
  category: 'agriculture',
  submittedDuring: 'plenary',
  proposer: { memberId: f.w.members.wang },
  ...extra,
});

describe('代录纸质提案', () => {
  it('enters a paper proposal in the member’s name: theirs to see and act on, entered by staff, shown as 代录 in the history', async () => {
    const r = await f.c.staff.post('/api/v1/proposals/paper', paper({ coProposers: [{ memberId: f.w.members.li, signed: true }] }));
    expect(r.status).toBe(201);
    expect(r.body.status).toBe('submitted');
    const row = await f.row(r.body.id);
    // The proposal is the member's; the staff member is recorded as the one who entered it.
    expect(row.createdBy).toBe(f.w.users.member.id);
    expect(row.enteredBy).toBe(f.w.users.staff.id);
    const rows = await f.database.db.select().from(proposers).where(eq(proposers.proposalId, r.body.id)).orderBy(proposers.position);
    expect(rows.map((x) => [x.memberId, x.confirmation, x.recordedBy])).toEqual([
      [f.w.members.wang, 'lead', null],
      [f.w.members.li, 'confirmed', f.w.users.staff.id],
    ]);

    // The member sees it among their own proposals and may withdraw it, as if they had typed it.
    const mine = await f.c.member.get(`/api/v1/proposals?memberId=${f.w.members.wang}&pageSize=100`);
    expect(mine.body.items.map((i: { id: number }) => i.id)).toContain(r.body.id);
    const detail = await f.c.member.get(`/api/v1/proposals/${r.body.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.availableActions).toContain('withdraw');
    expect(detail.body.enteredByName).toBe('t_staff');
    expect(detail.body.proposers[1]).toMatchObject({ name: '李秀英', confirmation: 'confirmed', recordedByName: 't_staff' });

    const history = await f.c.member.get(`/api/v1/proposals/${r.body.id}/history`);
    expect(history.body.items[0]).toMatchObject({ action: 'proposal.enter_paper', actorName: 't_staff', proxyFor: '王建国' });
    expect(await f.notices(f.w.users.member.id, 'proposal.enter_paper', r.body.id)).toHaveLength(1);
    expect(await f.notices(f.w.users.member2.id, 'proposal.record_cosign', r.body.id)).toHaveLength(1);
    // Staff can review it like any submission.
    const filed = await f.c.staff.post(`/api/v1/proposals/${r.body.id}/review`, { decision: 'file', version: row.version });
    expect(filed.body).toMatchObject({ status: 'filed', number: expect.any(Number) });
  });

  it('enters a proposal in a body’s name: the body’s account owns it', async () => {
    const r = await f.c.staff.post('/api/v1/proposals/paper', paper({ proposer: { bodyId: f.w.bodyId }, title: '关于发展银发经济的建议' }));
    expect(r.status).toBe(201);
    expect((await f.row(r.body.id)).createdBy).toBe(f.w.users.group.id);
    expect((await f.c.group.get(`/api/v1/proposals/${r.body.id}`)).status).toBe(200);
  });

  it('waits for unsigned co-proposers; staff record a paper signature and the last one moves it to review', async () => {
    const r = await f.c.staff.post(
      '/api/v1/proposals/paper',
      paper({ title: '关于加强乡村医生队伍建设的建议', coProposers: [{ memberId: f.w.members.li, signed: false }, { memberId: f.w.members.zhao, signed: false }] }),
    );
    expect(r.body.status).toBe('pending_cosign');
    expect(await f.notices(f.w.users.member3.id, 'proposal.cosign_requested', r.body.id)).toHaveLength(1);
    const detail = await f.c.staff.get(`/api/v1/proposals/${r.body.id}`);
    expect(detail.body.availableActions).toEqual(['record_cosign']);

    // 李秀英 confirms online; 赵志强 signed the paper form handed in at the office.
    const online = await f.c.member2.post(`/api/v1/proposals/${r.body.id}/cosign`, { decision: 'confirm', version: r.body.version });
    expect(online.body.status).toBe('pending_cosign');
    const recorded = await f.c.staff.post(`/api/v1/proposals/${r.body.id}/cosign/record`, { memberId: f.w.members.zhao, version: online.body.version, note: '纸质联名表已存档' });
    expect(recorded.status).toBe(200);
    expect(recorded.body.status).toBe('submitted');
    const [zhao] = await f.database.db.select().from(proposers).where(and(eq(proposers.proposalId, r.body.id), eq(proposers.memberId, f.w.members.zhao)));
    expect(zhao).toMatchObject({ confirmation: 'confirmed', recordedBy: f.w.users.staff.id });
    const history = (await f.c.member3.get(`/api/v1/proposals/${r.body.id}/history`)).body.items;
    expect(history.at(-1)).toMatchObject({ action: 'proposal.record_cosign', actorName: 't_staff', proxyFor: '赵志强' });
    // The member who signed on paper still sees it as a proposal they co-signed.
    expect((await f.c.member3.get(`/api/v1/proposals/${r.body.id}`)).body.proposers[2]).toMatchObject({ confirmation: 'confirmed', recordedByName: 't_staff' });

    // A signature cannot be recorded twice, nor for someone who is not a co-proposer.
    const again = await f.c.staff.post(`/api/v1/proposals/${r.body.id}/cosign/record`, { memberId: f.w.members.zhao, version: recorded.body.version });
    expect(again.status).toBe(409);
  });

  it('refuses a co-proposer who already answered, a non-co-proposer and a stale version', async () => {
    const r = await f.c.staff.post('/api/v1/proposals/paper', paper({ title: '关于推进老旧小区加装电梯的建议', coProposers: [{ memberId: f.w.members.li, signed: false }] }));
    const stranger = await f.c.staff.post(`/api/v1/proposals/${r.body.id}/cosign/record`, { memberId: f.w.members.zhao, version: r.body.version });
    expect(stranger.status).toBe(400);
    expect(stranger.body.message).toBe('赵志强不是该提案的联名人');
    const stale = await f.c.staff.post(`/api/v1/proposals/${r.body.id}/cosign/record`, { memberId: f.w.members.li, version: r.body.version + 3 });
    expect(stale.body.code).toBe('STALE_VERSION');
    const declined = await f.c.member2.post(`/api/v1/proposals/${r.body.id}/cosign`, { decision: 'decline', version: r.body.version });
    expect(declined.status).toBe(200);
    const late = await f.c.staff.post(`/api/v1/proposals/${r.body.id}/cosign/record`, { memberId: f.w.members.li, version: declined.body.version });
    expect(late.status).toBe(409);
  });

  it('checks the input: the proposer’s kind, ids within int32, no NUL bytes, the received day', async () => {
    const [deputy] = await f.database.db.insert(members).values({ tenantId: f.w.tenantId, kind: 'suggestion', name: '钱代表' }).returning();
    const wrongKind = await f.c.staff.post('/api/v1/proposals/paper', paper({ proposer: { memberId: deputy!.id } }));
    expect(wrongKind.status).toBe(400);
    expect(wrongKind.body.details[0]).toMatchObject({ path: 'body.proposer.memberId', message: '提出提案的须是政协委员' });
    const huge = await f.c.staff.post('/api/v1/proposals/paper', paper({ proposer: { memberId: 2 ** 31 } }));
    expect(huge.status).toBe(400);
    const nul = await f.c.staff.post('/api/v1/proposals/paper', paper({ title: '关于\u0000某事的建议' }));
    expect(nul.status).toBe(400);
    expect(nul.body.details[0].message).toBe('案由含有非法字符');
    const future = await f.c.staff.post('/api/v1/proposals/paper', paper({ receivedOn: '2026-03-09' }));
    expect(future.body.details[0]).toMatchObject({ path: 'body.receivedOn', message: '收到日期不能晚于今天' });
    const hugePath = await f.c.staff.post(`/api/v1/proposals/${2 ** 31}/cosign/record`, { memberId: 1, version: 1 });
    expect(hugePath.status).toBe(400);
    const before = await f.database.db.select().from(proposals);
    expect(before.every((p) => p.title !== '关于\u0000某事的建议')).toBe(true);
  });

  it('is for committee staff only, within their tenant and organ', async () => {
    expect((await f.c.member.post('/api/v1/proposals/paper', paper())).status).toBe(403);
    expect((await f.c.office.post('/api/v1/proposals/paper', paper())).status).toBe(403);
    const foreign = await f.c.otherStaff.post('/api/v1/proposals/paper', paper());
    expect(foreign.status).toBe(400);
    expect(foreign.body.details[0]).toMatchObject({ path: 'body.sessionId', message: '届次会议不存在' });
    // An NPC staff account cannot enter a CPPCC proposal (the session reads as missing).
    await f.database.db.update(users).set({ organ: 'npc' }).where(eq(users.id, f.w.users.staff.id));
    try {
      const npc = await f.c.staff.post('/api/v1/proposals/paper', paper());
      expect(npc.status).toBe(400);
      expect(npc.body.details[0].path).toBe('body.sessionId');
    } finally {
      await f.database.db.update(users).set({ organ: 'cppcc' }).where(eq(users.id, f.w.users.staff.id));
    }
    const audits = await f.database.db.select().from(auditLog).where(eq(auditLog.action, 'proposal.enter_paper'));
    const notes = await f.database.db.select().from(notifications).where(eq(notifications.kind, 'proposal.enter_paper'));
    expect(audits.length).toBe(notes.length);
  });
});
