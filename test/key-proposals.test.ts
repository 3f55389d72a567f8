import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { freshDatabase } from './helpers/db.js';
import { buildWorld, type World } from './helpers/world.js';
import { login, type Client } from './helpers/api.js';
import { buildApp } from '../src/server/http/app.js';
import type { Database, Db } from '../src/server/db/client.js';
import type { App } from '../src/server/http/types.js';
import { assignments, auditLog, keyProposalLeaders, leaders, notifications, proposals, proposers, replies } from '../src/server/db/schema.js';
import type { State } from '../src/shared/lifecycle.js';

let database: Database;
let db: Db;
let app: App;
let w: World;
let staff: Client;
let office: Client;
let leader: Client;
let unit: Client;
let member: Client;
let otherStaff: Client;
let leader2Id: number;
let otherTenantLeaderId: number;

beforeAll(async () => {
  database = await freshDatabase();
  db = database.db;
  w = await buildWorld(db);
  app = await buildApp({ db, now: () => new Date('2025-06-10T04:00:00Z') });
  staff = await login(app, w.users.staff.username);
  office = await login(app, w.users.office.username);
  leader = await login(app, w.users.leader.username);
  unit = await login(app, w.users.unit.username);
  member = await login(app, w.users.member.username);
  otherStaff = await login(app, w.users.otherStaff.username);
  leader2Id = (await db.insert(leaders).values({ tenantId: w.tenantId, name: '刘副市长', title: '副市长' }).returning())[0]!.id;
  otherTenantLeaderId = (await db.insert(leaders).values({ tenantId: w.otherTenantId, name: '县长', title: '县长' }).returning())[0]!.id;
});
afterAll(async () => {
  await app.close();
  await database.close();
});

let nextNumber = 1;
/** A proposal put directly in a state, with 王建国 as proposer and 农业农村局 as lead unit. */
async function proposalIn(status: State, title = '关于加快高标准农田建设的建议') {
  const [p] = await db
    .insert(proposals)
    .values({
      tenantId: w.tenantId, sessionId: w.sessionId, kind: 'proposal', title, body: '正文', category: 'agriculture',
      submittedDuring: 'plenary', status, createdBy: w.users.member.id, submittedAt: new Date(), reviewDecision: 'filed',
      number: nextNumber++, deadline: '2025-06-05',
    })
    .returning();
  await db.insert(proposers).values({ tenantId: w.tenantId, proposalId: p!.id, position: 0, memberId: w.members.wang, confirmation: 'lead' });
  await db.insert(assignments).values({ tenantId: w.tenantId, proposalId: p!.id, unitId: w.units.nongye, role: 'lead', status: 'signed', assignedAt: '2025-03-05' });
  return p!;
}

const activity = {
  kind: 'consultation',
  activityDate: '2025-05-20',
  place: '市政府第一会议室',
  participants: '陈副市长、农业农村局、提案人',
  content: '听取办理情况汇报，研究推进措施',
  unitReport: '已完成选址',
  memberOpinions: '建议加快进度',
  instructions: '六月底前完成方案',
};

describe('designating key proposals', () => {
  it('makes a proposal key with its leaders and tells the leaders', async () => {
    const p = await proposalIn('handling');
    const r = await staff.post(`/api/v1/proposals/${p.id}/key`, { leaderIds: [w.leaderId, leader2Id], note: '年度重点', version: 1 });
    expect(r.status).toBe(200);
    expect(r.body.isKey).toBe(true);
    expect(r.body.version).toBe(2);
    const set = await db.select().from(keyProposalLeaders).where(eq(keyProposalLeaders.proposalId, p.id));
    expect(set.map((s) => s.leaderId).sort()).toEqual([w.leaderId, leader2Id].sort());
    const notes = await db.select().from(notifications).where(and(eq(notifications.userId, w.users.leader.id), eq(notifications.proposalId, p.id)));
    expect(notes).toHaveLength(1);
    expect(notes[0]!.message).toContain('重点提案');
    const audit = await db.select().from(auditLog).where(and(eq(auditLog.proposalId, p.id), eq(auditLog.action, 'proposal.designate_key')));
    expect(audit).toHaveLength(1);
  });

  it('replaces the set of leaders when designating again', async () => {
    const p = await proposalIn('handling');
    await staff.post(`/api/v1/proposals/${p.id}/key`, { leaderIds: [leader2Id], version: 1 });
    const r = await staff.post(`/api/v1/proposals/${p.id}/key`, { leaderIds: [w.leaderId], version: 2 });
    expect(r.status).toBe(200);
    const set = await db.select().from(keyProposalLeaders).where(eq(keyProposalLeaders.proposalId, p.id));
    expect(set.map((s) => s.leaderId)).toEqual([w.leaderId]);
  });

  it('validates the leaders: of this tenant', async () => {
    const p = await proposalIn('handling');
    // Leaders may be named later (督办领导待定): see key-without-leaders in office-key-merge.test.ts.
    const foreign = await staff.post(`/api/v1/proposals/${p.id}/key`, { leaderIds: [otherTenantLeaderId], version: 1 });
    expect(foreign.status).toBe(400);
    expect(foreign.body.details[0].path).toBe('body.leaderIds');
    const [after] = await db.select().from(proposals).where(eq(proposals.id, p.id));
    expect(after!.isKey).toBe(false);
  });

  it('guards role, state, version and tenant', async () => {
    const p = await proposalIn('handling');
    expect((await member.post(`/api/v1/proposals/${p.id}/key`, { leaderIds: [w.leaderId], version: 1 })).status).toBe(403);
    expect((await otherStaff.post(`/api/v1/proposals/${p.id}/key`, { leaderIds: [w.leaderId], version: 1 })).status).toBe(404);
    const stale = await staff.post(`/api/v1/proposals/${p.id}/key`, { leaderIds: [w.leaderId], version: 9 });
    expect(stale.body.code).toBe('STALE_VERSION');
    const submitted = await proposalIn('submitted');
    const early = await staff.post(`/api/v1/proposals/${submitted.id}/key`, { leaderIds: [w.leaderId], version: 1 });
    expect(early.status).toBe(409);
    expect(early.body.message).toContain('待审查');
  });

  it('undoes a designation only while nothing was supervised', async () => {
    const p = await proposalIn('handling');
    await staff.post(`/api/v1/proposals/${p.id}/key`, { leaderIds: [w.leaderId], version: 1 });
    const undone = await staff.post(`/api/v1/proposals/${p.id}/unkey`, { version: 2 });
    expect(undone.status).toBe(200);
    expect(undone.body.isKey).toBe(false);
    expect(await db.select().from(keyProposalLeaders).where(eq(keyProposalLeaders.proposalId, p.id))).toHaveLength(0);
    const again = await staff.post(`/api/v1/proposals/${p.id}/unkey`, { version: 3 });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('CONFLICT');

    const q = await proposalIn('handling');
    await staff.post(`/api/v1/proposals/${q.id}/key`, { leaderIds: [w.leaderId], version: 1 });
    expect((await leader.post(`/api/v1/proposals/${q.id}/supervision-activities`, activity)).status).toBe(201);
    const refused = await staff.post(`/api/v1/proposals/${q.id}/unkey`, { version: 2 });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toContain('督办活动');
  });
});

describe('supervision and leader visibility', () => {
  let mine: number;
  let theirs: number;
  let plain: number;
  beforeAll(async () => {
    mine = (await proposalIn('handling', '关于建设智慧农业示范园的建议')).id;
    theirs = (await proposalIn('replied', '关于发展农村电商的建议')).id;
    plain = (await proposalIn('handling', '关于改善农村道路的建议')).id;
    await staff.post(`/api/v1/proposals/${mine}/key`, { leaderIds: [w.leaderId], version: 1 });
    await staff.post(`/api/v1/proposals/${theirs}/key`, { leaderIds: [leader2Id], version: 1 });
    await db.insert(replies).values({
      tenantId: w.tenantId, proposalId: theirs, unitId: w.units.nongye, isLead: true, sequence: 1, resultClass: 'B', body: '答复',
      disclosure: 'public', signerName: '局长', signedAt: new Date(), dueDate: '2025-06-05', replyDate: '2025-06-01', createdBy: w.users.unit.id,
    });
  });

  it('lets the supervising leader record an activity and tells the unit', async () => {
    const r = await leader.post(`/api/v1/proposals/${mine}/supervision-activities`, activity);
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ kind: 'consultation', place: '市政府第一会议室', instructions: '六月底前完成方案', createdByName: 't_leader' });
    const notes = await db.select().from(notifications).where(and(eq(notifications.userId, w.users.unit.id), eq(notifications.proposalId, mine)));
    expect(notes.some((n) => n.kind === 'supervision.add')).toBe(true);
    expect((await office.post(`/api/v1/proposals/${mine}/supervision-activities`, { ...activity, kind: 'site_visit' })).status).toBe(201);
    const list = await leader.get(`/api/v1/proposals/${mine}/supervision-activities`);
    expect(list.status).toBe(200);
    expect(list.body.items.map((a: { kind: string }) => a.kind)).toEqual(['consultation', 'site_visit']);
  });

  it('hides other leaders\' proposals from a leader (404)', async () => {
    expect((await leader.post(`/api/v1/proposals/${theirs}/supervision-activities`, activity)).status).toBe(404);
    expect((await leader.get(`/api/v1/proposals/${theirs}/supervision-activities`)).status).toBe(404);
    expect((await unit.post(`/api/v1/proposals/${mine}/supervision-activities`, activity)).status).toBe(403);
  });

  it('records activities on key proposals only, with valid fields', async () => {
    const r = await staff.post(`/api/v1/proposals/${plain}/supervision-activities`, activity);
    expect(r.status).toBe(409);
    expect(r.body.message).toContain('不是重点提案');
    const bad = await staff.post(`/api/v1/proposals/${mine}/supervision-activities`, { ...activity, kind: 'party', place: '' });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { path: string }) => d.path)).toEqual(expect.arrayContaining(['body.kind', 'body.place']));
    const future = await staff.post(`/api/v1/proposals/${mine}/supervision-activities`, { ...activity, activityDate: '2025-07-01' });
    expect(future.status).toBe(400);
    expect(future.body.details[0].path).toBe('body.activityDate');
  });

  it('lists key proposals: all for staff, only their own for a leader', async () => {
    const all = await staff.get(`/api/v1/key-proposals?sessionId=${w.sessionId}`);
    expect(all.status).toBe(200);
    const ids = all.body.items.map((i: { id: number }) => i.id);
    expect(ids).toEqual(expect.arrayContaining([mine, theirs]));
    expect(ids).not.toContain(plain);
    const t = all.body.items.find((i: { id: number }) => i.id === theirs);
    expect(t).toMatchObject({
      proposers: ['王建国'],
      leaders: [{ id: leader2Id, name: '刘副市长', title: '副市长' }],
      leadUnit: { id: w.units.nongye, name: '农业农村局' },
      status: 'replied',
      resultClass: 'B',
      activityCount: 0,
    });
    expect(all.body.items.find((i: { id: number }) => i.id === mine).activityCount).toBe(2);

    const own = await leader.get(`/api/v1/key-proposals?sessionId=${w.sessionId}`);
    const ownIds = own.body.items.map((i: { id: number }) => i.id);
    expect(ownIds).toContain(mine);
    expect(ownIds).not.toContain(theirs);
    expect((await office.get('/api/v1/key-proposals')).body.items.length).toBe(all.body.items.length);
    const foreign = await otherStaff.get('/api/v1/key-proposals');
    expect(foreign.status).toBe(200);
    expect(foreign.body.items).toEqual([]);
    expect((await unit.get('/api/v1/key-proposals')).status).toBe(403);
  });
});
