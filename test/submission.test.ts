import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { freshDatabase } from './helpers/db.js';
import { buildWorld, type World } from './helpers/world.js';
import { login, type Client } from './helpers/api.js';
import { buildApp } from '../src/server/http/app.js';
import type { Database } from '../src/server/db/client.js';
import type { App } from '../src/server/http/types.js';
import { auditLog, notifications, proposals, proposers } from '../src/server/db/schema.js';

let database: Database;
let app: App;
let w: World;
let member: Client; // 王建国, the lead proposer in these tests
let member2: Client; // 李秀英
let member3: Client; // 赵志强
let group: Client; // 民盟测试市基层委
let staff: Client;
let unit: Client;

beforeAll(async () => {
  database = await freshDatabase();
  w = await buildWorld(database.db);
  app = await buildApp({ db: database.db });
  member = await login(app, w.users.member.username);
  member2 = await login(app, w.users.member2.username);
  member3 = await login(app, w.users.member3.username);
  group = await login(app, w.users.group.username);
  staff = await login(app, w.users.staff.username);
  unit = await login(app, w.users.unit.username);
});
afterAll(async () => {
  await app.close();
  await database.close();
});

async function draft(coProposers: { memberId?: number; bodyId?: number }[] = [], title = '关于加强农村饮用水安全保障的建议') {
  const r = await member.post('/api/v1/proposals', { sessionId: w.sessionId, title, body: '正文', category: 'agriculture', coProposers });
  expect(r.status).toBe(201);
  return r.body as { id: number; version: number };
}

const confirmations = async (id: number) =>
  (await database.db.select().from(proposers).where(eq(proposers.proposalId, id)).orderBy(proposers.position)).map((r) => r.confirmation);
const noticesOf = async (userId: number, proposalId: number) =>
  database.db.select().from(notifications).where(and(eq(notifications.userId, userId), eq(notifications.proposalId, proposalId)));

describe('edit', () => {
  it('lets the lead proposer edit a draft and keeps co-proposers when the field is absent', async () => {
    const p = await draft([{ memberId: w.members.li }]);
    const r = await member.patch(`/api/v1/proposals/${p.id}`, { title: '关于加强农村饮用水水源保护的建议', category: 'ecology', version: 1 });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ title: '关于加强农村饮用水水源保护的建议', category: 'ecology', version: 2, status: 'draft' });
    expect(await confirmations(p.id)).toEqual(['lead', 'pending']);
    const audit = await database.db.select().from(auditLog).where(and(eq(auditLog.proposalId, p.id), eq(auditLog.action, 'proposal.edit')));
    expect(audit).toHaveLength(1);
  });

  it('replaces the co-proposer list and validates it', async () => {
    const p = await draft([{ memberId: w.members.li }]);
    const r = await member.patch(`/api/v1/proposals/${p.id}`, { coProposers: [{ memberId: w.members.zhao }, { bodyId: w.bodyId }], version: 1 });
    expect(r.status).toBe(200);
    const rows = await database.db.select().from(proposers).where(eq(proposers.proposalId, p.id)).orderBy(proposers.position);
    expect(rows.map((x) => [x.position, x.memberId, x.bodyId])).toEqual([
      [0, w.members.wang, null],
      [1, w.members.zhao, null],
      [2, null, w.bodyId],
    ]);
    const dup = await member.patch(`/api/v1/proposals/${p.id}`, { coProposers: [{ memberId: w.members.wang }], version: 2 });
    expect(dup.status).toBe(400);
    expect(dup.body.message).toContain('联名人重复');
  });

  it('refuses a co-proposer, a stale version, a short title and a submitted proposal', async () => {
    const p = await draft([{ memberId: w.members.li }]);
    const co = await member2.patch(`/api/v1/proposals/${p.id}`, { title: '关于另一个题目的建议', version: 1 });
    expect(co.status).toBe(403);
    expect(co.body.message).toContain('第一提案人');
    const stale = await member.patch(`/api/v1/proposals/${p.id}`, { title: '关于另一个题目的建议', version: 9 });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('STALE_VERSION');
    const short = await member.patch(`/api/v1/proposals/${p.id}`, { title: '建议', version: 1 });
    expect(short.status).toBe(400);
    expect(short.body.details[0]).toMatchObject({ path: 'body.title', message: '案由至少5个字' });
    const solo = await draft();
    await member.post(`/api/v1/proposals/${solo.id}/submit`, { version: 1 });
    const late = await member.patch(`/api/v1/proposals/${solo.id}`, { title: '关于另一个题目的建议', version: 2 });
    expect(late.status).toBe(409);
    expect(late.body.message).toContain('待审查');
  });
});

describe('submit', () => {
  it('submits a proposal without co-proposers straight to review and tells staff', async () => {
    const p = await draft();
    const r = await member.post(`/api/v1/proposals/${p.id}/submit`, { version: 1 });
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('submitted');
    expect(r.body.submittedAt).not.toBeNull();
    expect(await noticesOf(w.users.staff.id, p.id)).toHaveLength(1);
  });

  it('answers 409 naming 「已立案待交办」 when submitting a filed proposal', async () => {
    const p = await draft();
    await member.post(`/api/v1/proposals/${p.id}/submit`, { version: 1 });
    const filed = await staff.post(`/api/v1/proposals/${p.id}/review`, { decision: 'file', version: 2 });
    expect(filed.status).toBe(200);
    const r = await member.post(`/api/v1/proposals/${p.id}/submit`, { version: 3 });
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('ILLEGAL_TRANSITION');
    expect(r.body.message).toContain('已立案待交办');
  });

  it('hides the proposal from a member who is not a proposer and forbids units and staff', async () => {
    const p = await draft();
    expect((await member3.post(`/api/v1/proposals/${p.id}/submit`, { version: 1 })).status).toBe(404);
    expect((await unit.post(`/api/v1/proposals/${p.id}/submit`, { version: 1 })).status).toBe(403);
    expect((await staff.post(`/api/v1/proposals/${p.id}/submit`, { version: 1 })).status).toBe(403);
    const other = await login(app, w.users.otherStaff.username);
    expect((await other.post(`/api/v1/proposals/${p.id}/withdraw`, { version: 1 })).status).toBe(403);
    const [row] = await database.db.select().from(proposals).where(eq(proposals.id, p.id));
    expect(row!.status).toBe('draft');
  });
});

describe('joint proposal', () => {
  it('waits for two co-proposers: one confirms, one declines, then it goes to staff', async () => {
    const p = await draft([{ memberId: w.members.li }, { bodyId: w.bodyId }]);
    const s = await member.post(`/api/v1/proposals/${p.id}/submit`, { version: 1 });
    expect(s.body.status).toBe('pending_cosign');
    expect(await noticesOf(w.users.member2.id, p.id)).toHaveLength(1);
    expect(await noticesOf(w.users.group.id, p.id)).toHaveLength(1);
    expect(await noticesOf(w.users.staff.id, p.id)).toHaveLength(0);

    // Co-proposers see the proposal they are invited to.
    // (the proposal is found, the attachment is not) while others do not see it at all.
    const seen = await member2.get(`/api/v1/proposals/${p.id}/attachments/999999`);
    expect(seen.status).toBe(404);
    expect(seen.body.message).toContain('附件不存在');
    const unseen = await member3.get(`/api/v1/proposals/${p.id}/attachments/999999`);
    expect(unseen.body.message).toContain('提案不存在');

    const c1 = await member2.post(`/api/v1/proposals/${p.id}/cosign`, { decision: 'confirm', version: 2 });
    expect(c1.status).toBe(200);
    expect(c1.body.status).toBe('pending_cosign');
    expect(await confirmations(p.id)).toEqual(['lead', 'confirmed', 'pending']);

    const again = await member2.post(`/api/v1/proposals/${p.id}/cosign`, { decision: 'decline', version: 2 });
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('已确认联名');

    const lead = await member.post(`/api/v1/proposals/${p.id}/cosign`, { decision: 'confirm', version: 2 });
    expect(lead.status).toBe(403);

    const c2 = await group.post(`/api/v1/proposals/${p.id}/cosign`, { decision: 'decline', comment: '本团体另行提出', version: 2 });
    expect(c2.status).toBe(200);
    expect(c2.body.status).toBe('submitted');
    expect(c2.body.version).toBe(3);
    expect(await confirmations(p.id)).toEqual(['lead', 'confirmed', 'declined']);
    expect(await noticesOf(w.users.staff.id, p.id)).toHaveLength(1);
    const leadNotes = await noticesOf(w.users.member.id, p.id);
    expect(leadNotes.map((n) => n.message).join()).toContain('拒绝联名');

    const late = await member2.post(`/api/v1/proposals/${p.id}/cosign`, { decision: 'confirm', version: 3 });
    expect(late.status).toBe(409);
    expect(late.body.message).toContain('待审查');
  });

  it('keeps confirmations on resubmission after 退回修改', async () => {
    const p = await draft([{ memberId: w.members.li }, { memberId: w.members.zhao }]);
    await member.post(`/api/v1/proposals/${p.id}/submit`, { version: 1 });
    await member2.post(`/api/v1/proposals/${p.id}/cosign`, { decision: 'confirm', version: 2 });
    const done = await member3.post(`/api/v1/proposals/${p.id}/cosign`, { decision: 'confirm', version: 2 });
    expect(done.body.status).toBe('submitted');
    const ret = await staff.post(`/api/v1/proposals/${p.id}/review`, { decision: 'return', comment: '请补充具体建议', version: 3 });
    expect(ret.body.status).toBe('returned');
    // Adding a new co-proposer on revision: only the new one has to confirm.
    const ed = await member.patch(`/api/v1/proposals/${p.id}`, {
      body: '补充后的正文',
      coProposers: [{ memberId: w.members.li }, { memberId: w.members.zhao }, { bodyId: w.bodyId }],
      version: 4,
    });
    expect(ed.status).toBe(200);
    expect(await confirmations(p.id)).toEqual(['lead', 'confirmed', 'confirmed', 'pending']);
    const again = await member.post(`/api/v1/proposals/${p.id}/submit`, { version: 5 });
    expect(again.body.status).toBe('pending_cosign');
    // 李秀英 was asked once, on the first submission; not again.
    const asked = (await noticesOf(w.users.member2.id, p.id)).filter((n) => n.kind === 'proposal.cosign_requested');
    expect(asked).toHaveLength(1);
    expect((await noticesOf(w.users.group.id, p.id)).filter((n) => n.kind === 'proposal.cosign_requested')).toHaveLength(1);
    await group.post(`/api/v1/proposals/${p.id}/cosign`, { decision: 'confirm', version: 6 });
    const [row] = await database.db.select().from(proposals).where(eq(proposals.id, p.id));
    expect(row!.status).toBe('submitted');
  });

  it('resubmits straight to staff when everyone had confirmed', async () => {
    const p = await draft([{ memberId: w.members.li }]);
    await member.post(`/api/v1/proposals/${p.id}/submit`, { version: 1 });
    await member2.post(`/api/v1/proposals/${p.id}/cosign`, { decision: 'confirm', version: 2 });
    await staff.post(`/api/v1/proposals/${p.id}/review`, { decision: 'return', comment: '请补充', version: 3 });
    const r = await member.post(`/api/v1/proposals/${p.id}/submit`, { version: 4 });
    expect(r.body.status).toBe('submitted');
  });

  it('refuses cosign by a member who was not invited', async () => {
    const p = await draft([{ memberId: w.members.li }]);
    await member.post(`/api/v1/proposals/${p.id}/submit`, { version: 1 });
    expect((await member3.post(`/api/v1/proposals/${p.id}/cosign`, { decision: 'confirm', version: 2 })).status).toBe(404);
    const bad = await member2.post(`/api/v1/proposals/${p.id}/cosign`, { decision: 'maybe', version: 2 });
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].path).toBe('body.decision');
  });
});

describe('withdraw', () => {
  it.each(['draft', 'pending_cosign', 'submitted', 'returned'] as const)('withdraws from %s', async (state) => {
    const p = await draft(state === 'pending_cosign' ? [{ memberId: w.members.li }] : []);
    let version = 1;
    if (state !== 'draft') {
      const s = await member.post(`/api/v1/proposals/${p.id}/submit`, { version });
      version = s.body.version;
    }
    if (state === 'returned') {
      const r = await staff.post(`/api/v1/proposals/${p.id}/review`, { decision: 'return', comment: '请修改', version });
      version = r.body.version;
    }
    const r = await member.post(`/api/v1/proposals/${p.id}/withdraw`, { reason: '已另行反映', version });
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('withdrawn');
    const audit = await database.db.select().from(auditLog).where(and(eq(auditLog.proposalId, p.id), eq(auditLog.action, 'proposal.withdraw')));
    expect(audit).toHaveLength(1);
  });

  it('refuses a co-proposer and a filed proposal', async () => {
    const p = await draft([{ memberId: w.members.li }]);
    await member.post(`/api/v1/proposals/${p.id}/submit`, { version: 1 });
    const co = await member2.post(`/api/v1/proposals/${p.id}/withdraw`, { version: 2 });
    expect(co.status).toBe(403);
    const q = await draft();
    await member.post(`/api/v1/proposals/${q.id}/submit`, { version: 1 });
    await staff.post(`/api/v1/proposals/${q.id}/review`, { decision: 'file', version: 2 });
    const r = await member.post(`/api/v1/proposals/${q.id}/withdraw`, { version: 3 });
    expect(r.status).toBe(409);
    expect(r.body.message).toContain('已立案待交办');
    const w2 = await member.post(`/api/v1/proposals/${p.id}/withdraw`, { version: 2 });
    expect(w2.body.status).toBe('withdrawn');
    const again = await member.post(`/api/v1/proposals/${p.id}/submit`, { version: 3 });
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('已撤回');
  });
});
