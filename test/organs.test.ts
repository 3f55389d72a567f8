import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { freshDatabase } from './helpers/db.js';
import { buildWorld, TEST_PASSWORD, type World } from './helpers/world.js';
import { anonymous, login, type Client } from './helpers/api.js';
import { createApproved } from './helpers/accounts.js';
import { cookieOf, download, readDocx } from './documents-fixture.js';
import { buildApp } from '../src/server/http/app.js';
import type { Database } from '../src/server/db/client.js';
import type { App } from '../src/server/http/types.js';
import { members, notifications, proposals, sessions, users } from '../src/server/db/schema.js';
import { hashPassword } from '../src/server/auth/passwords.js';
import { inWordsOf, term, words } from '../src/shared/vocabulary.js';

// Two organs in one jurisdiction, beyond isolation (test/organ-isolation.test.ts): the security
// administrator gives every staff account its organ; deputies write suggestions and members
// proposals, each in their own organ's sessions; an NPC item is told in the NPC's words in
// notifications and documents; the public portal keeps the organs apart.

let database: Database;
let app: App;
let w: World;
const clock = new Date('2026-03-10T02:00:00Z');
let npcSessionId: number;
let deputyMemberId: number;
let secadmin: Client;
let deputy: Client;
let npcStaff: Client;
let npcStaffId: number;
let deputyUserId: number;

beforeAll(async () => {
  database = await freshDatabase();
  const db = database.db;
  w = await buildWorld(db);
  app = await buildApp({ db, now: () => clock });
  const [s] = await db.insert(sessions).values({ tenantId: w.tenantId, kind: 'suggestion', name: '十八届五次会议', term: 18, meeting: 5, year: 2026 }).returning();
  npcSessionId = s!.id;
  const hash = await hashPassword(TEST_PASSWORD);
  const [d, d2, st] = await db
    .insert(users)
    .values([
      { tenantId: w.tenantId, username: 't_deputy', displayName: '钱国平', passwordHash: hash, roles: ['member'] },
      { tenantId: w.tenantId, username: 't_deputy2', displayName: '孙丽华', passwordHash: hash, roles: ['member'] },
      { tenantId: w.tenantId, username: 't_npc_staff', displayName: '选联工委', passwordHash: hash, roles: ['staff'], organ: 'npc' },
    ])
    .returning();
  deputyUserId = d!.id;
  npcStaffId = st!.id;
  const [m] = await db.insert(members).values([
    { tenantId: w.tenantId, kind: 'suggestion', name: '钱国平', sector: '当湖代表团', userId: d!.id },
    { tenantId: w.tenantId, kind: 'suggestion', name: '孙丽华', sector: '钟埭代表团', userId: d2!.id },
  ]).returning();
  deputyMemberId = m!.id;
  secadmin = await login(app, w.users.secadmin.username);
  deputy = await login(app, 't_deputy');
  npcStaff = await login(app, 't_npc_staff');
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const versionOf = async (id: number) => (await database.db.select({ v: proposals.version }).from(proposals).where(eq(proposals.id, id)))[0]!.v;

describe('the vocabulary', () => {
  it('has the NPC words and leaves the CPPCC text as it is', () => {
    expect(term('suggestion', 'item')).toBe('代表建议');
    expect(term('suggestion', 'leadProposer')).toBe('领衔代表');
    expect(term('suggestion', 'cosigner')).toBe('附议代表');
    expect(term('suggestion', 'sector')).toBe('代表团');
    expect(term('suggestion', 'reply')).toBe('答复代表建议');
    expect(term('suggestion', 'satisfaction')).toBe('代表满意度');
    expect(term('suggestion', 'sector', 'en')).toBe('delegation');
    expect(inWordsOf('suggestion', '第一提案人、联名人、界别')).toBe('领衔代表、附议代表、代表团');
    expect(inWordsOf('proposal', '第一提案人')).toBe('第一提案人');
    // Interpolated text (a title) is never rewritten.
    const title = '关于委员提案工作的建议';
    expect(words('suggestion')`提案「${title}」已交办`).toBe(`代表建议「${title}」已交办`);
  });
});

describe('staff accounts and their organ', () => {
  it('requires an organ for a staff account, on the field, in Chinese', async () => {
    const r = await secadmin.post('/api/v1/users', { username: 'x_staff', displayName: '某人', password: TEST_PASSWORD, roles: ['staff'] });
    expect(r.status).toBe(400);
    expect(r.body.details).toEqual([{ path: 'body.organ', message: '提案委工作人员须选择所属机关（政协提案委或人大选联工委）' }]);
    const bad = await secadmin.post('/api/v1/users', { username: 'x_staff', displayName: '某人', password: TEST_PASSWORD, roles: ['staff'], organ: 'party' });
    expect(bad.status).toBe(400);
  });

  it('creates, lists and moves a staff account between organs; another role keeps none', async () => {
    // Staff read proposals, so each step waits for a second administrator (三员分立's two-person rule).
    const sysadmin = await login(app, w.users.sysadmin.username);
    const r = await createApproved(secadmin, sysadmin, { username: 'x_npc', displayName: '人代工委', password: TEST_PASSWORD, roles: ['staff'], organ: 'npc' });
    expect(r.organ).toBe('npc');
    const listed = await secadmin.get('/api/v1/users?role=staff&pageSize=100');
    expect(listed.body.items.find((u: { username: string }) => u.username === 'x_npc').organ).toBe('npc');
    const approve = async (res: { status: number; body: { request?: { id: number } } }) => {
      expect(res.status).toBe(202);
      expect((await sysadmin.post(`/api/v1/admin-requests/${res.body.request!.id}/approve`, {})).status).toBe(200);
      return (await secadmin.get(`/api/v1/users/${r.id}`)).body;
    };
    // Moving staff to the other organ opens that organ's proposals to them: a request too.
    const moved = await approve(await secadmin.patch(`/api/v1/users/${r.id}`, { organ: 'cppcc', version: r.version }));
    expect(moved.organ).toBe('cppcc');
    const office = await approve(await secadmin.patch(`/api/v1/users/${r.id}`, { roles: ['office'], version: moved.version }));
    expect(office.organ).toBeNull();
    const unit = await createApproved(secadmin, sysadmin, { username: 'x_unit', displayName: '承办人', password: TEST_PASSWORD, roles: ['unit'], unitId: w.units.nongye, organ: 'npc' });
    expect(unit.organ).toBeNull();
  });

  it('refuses, in the database too, a staff account without an organ', async () => {
    await expect(
      database.db.insert(users).values({ tenantId: w.tenantId, username: 'x_raw', displayName: '无机关', passwordHash: 'x', roles: ['staff'] }),
    ).rejects.toThrow();
  });

  it('tells the signed-in account its organ and the kind it works on', async () => {
    const me = async (c: Client) => (await c.get('/api/v1/auth/me')).body;
    expect(await me(npcStaff)).toMatchObject({ organ: 'npc', workKind: 'suggestion' });
    expect(await me(await login(app, w.users.staff.username))).toMatchObject({ organ: 'cppcc', workKind: 'proposal' });
    expect(await me(deputy)).toMatchObject({ organ: null, workKind: 'suggestion' });
    expect(await me(await login(app, w.users.office.username))).toMatchObject({ organ: null, workKind: null });
  });
});

describe('deputies and members each in their own organ', () => {
  it('lets a deputy write a suggestion, not a proposal, with deputies only as seconders', async () => {
    const wrong = await deputy.post('/api/v1/proposals', { sessionId: w.sessionId, kind: 'proposal', title: '关于某事的建议', body: '正文', category: 'other' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.details[0]).toEqual({ path: 'body.sessionId', message: '人大代表只能在人大会议中提出代表建议' });
    const withMember = await deputy.post('/api/v1/proposals', {
      sessionId: npcSessionId, kind: 'suggestion', title: '关于某事的建议', body: '正文', category: 'other', coProposers: [{ memberId: w.members.li }],
    });
    expect(withMember.status).toBe(400);
    expect(withMember.body.details[0].message).toBe('附议代表须为人大代表');
    const member = await login(app, w.users.member.username);
    const memberInNpc = await member.post('/api/v1/proposals', { sessionId: npcSessionId, kind: 'suggestion', title: '关于某事的建议', body: '正文', category: 'other' });
    expect(memberInNpc.status).toBe(400);
    expect(memberInNpc.body.details[0].message).toBe('政协委员只能在政协会议中提出提案');
  });
});

describe('NPC words in notifications and documents', () => {
  const TITLE = '关于推动政协提案与人大代表建议衔接办理的建议';
  let id: number;

  it('tells the NPC staff, the deputies and the units in the NPC’s words, titles untouched', async () => {
    const d2 = (await database.db.select().from(members).where(eq(members.name, '孙丽华')))[0]!;
    const created = await deputy.post('/api/v1/proposals', {
      sessionId: npcSessionId, kind: 'suggestion', title: TITLE, body: '正文', category: 'governance', coProposers: [{ memberId: d2.id }],
    });
    expect(created.status).toBe(201);
    id = created.body.id;
    expect((await deputy.post(`/api/v1/proposals/${id}/submit`, { version: 1 })).status).toBe(200);
    const invite = await noticeOf(d2.userId!, 'proposal.cosign_requested');
    expect(invite).toBe(`钱国平邀请您附议代表建议「${TITLE}」，请确认是否附议`);
    const second = await login(app, 't_deputy2');
    expect((await second.post(`/api/v1/proposals/${id}/cosign`, { decision: 'confirm', version: await versionOf(id) })).status).toBe(200);
    expect(await noticeOf(npcStaffId, 'proposal.submitted')).toBe(`代表建议「${TITLE}」已完成附议确认并提交，请审查`);

    expect((await npcStaff.post(`/api/v1/proposals/${id}/review`, { decision: 'file', version: await versionOf(id) })).status).toBe(200);
    expect(await noticeOf(deputyUserId, 'proposal.file')).toBe(`您的代表建议「${TITLE}」已立案，编号第1号`);
    expect((await npcStaff.post(`/api/v1/proposals/${id}/assign`, { mode: 'single', leadUnitId: w.units.nongye, version: await versionOf(id) })).status).toBe(200);
    expect(await noticeOf(w.users.unit.id, 'proposal.assign')).toMatch(new RegExp(`^代表建议「${TITLE}」已交办贵单位（主办）`));
  });

  it('writes the reply letter to the deputies, about the numbered suggestion', async () => {
    const unit = await login(app, w.users.unit.username);
    expect((await unit.post(`/api/v1/proposals/${id}/sign`, { version: await versionOf(id) })).status).toBe(200);
    const replied = await unit.post(`/api/v1/proposals/${id}/replies`, {
      resultClass: 'A', body: '已采纳，今年起建立衔接办理机制。', disclosure: 'public', signerName: '张局长', version: await versionOf(id),
    });
    expect(replied.status).toBe(200);
    expect(await noticeOf(deputyUserId, 'proposal.reply')).toMatch(/^您的代表建议「.+」已答复/);
    const detail = await npcStaff.get(`/api/v1/proposals/${id}`);
    const letter = await download(app, await cookieOf(app, 't_npc_staff'), `/api/v1/replies/${detail.body.replies[0].id}/letter.docx`);
    expect(letter.status).toBe(200);
    const { paragraphs } = await readDocx(letter.body);
    expect(paragraphs).toContain('关于对测试市人大十八届五次会议第1号建议的答复');
    expect(paragraphs).toContain('钱国平、孙丽华代表：');
    expect(paragraphs.join('\n')).not.toMatch(/委员：|政协提案委员会/);
  });

  it('shows the proposers’ line of the key-proposal document as 代表', async () => {
    expect((await npcStaff.post(`/api/v1/proposals/${id}/key`, { leaderIds: [w.leaderId], version: await versionOf(id) })).status).toBe(200);
    const doc = await download(app, await cookieOf(app, 't_npc_staff'), `/api/v1/sessions/${npcSessionId}/documents/key-publicity.docx`);
    expect(doc.status).toBe(200);
    const { paragraphs } = await readDocx(doc.body);
    expect(paragraphs[0]).toBe('测试市人大十八届五次会议重点建议办理情况公示');
    expect(paragraphs).toContain('代表：钱国平、孙丽华');
    expect(paragraphs.some((p) => p.startsWith('提案人'))).toBe(false);
  });
});

describe('the public portal keeps the organs apart', () => {
  it('filters by kind and lists 政协 before 人大, each numbered from 1', async () => {
    // One published item of each organ, both 第1号.
    const member = await login(app, w.users.member.username);
    const created = await member.post('/api/v1/proposals', { sessionId: w.sessionId, kind: 'proposal', title: '关于完善社区养老服务的建议', body: '正文', category: 'social' });
    const cppccId = created.body.id as number;
    expect((await member.post(`/api/v1/proposals/${cppccId}/submit`, { version: 1 })).status).toBe(200);
    const staff = await login(app, w.users.staff.username);
    expect((await staff.post(`/api/v1/proposals/${cppccId}/review`, { decision: 'file', version: await versionOf(cppccId) })).status).toBe(200);
    await database.db.update(proposals).set({ published: true, publishedAt: clock }).where(eq(proposals.kind, 'proposal'));
    await database.db.update(proposals).set({ published: true, publishedAt: clock }).where(and(eq(proposals.kind, 'suggestion'), eq(proposals.number, 1)));

    const pub = anonymous(app);
    const list = async (q: string) => (await pub.get(`/api/v1/public/proposals?tenantId=${w.tenantId}${q}`)).body.items as { id: number; kind: string; number: number }[];
    const both = await list('');
    expect(both.map((i) => i.kind)).toEqual(['proposal', 'suggestion']);
    expect(both.map((i) => i.number)).toEqual([1, 1]);
    expect((await list('&kind=suggestion')).map((i) => i.kind)).toEqual(['suggestion']);
    expect((await list('&kind=proposal')).map((i) => i.id)).toEqual([cppccId]);
    expect((await pub.get(`/api/v1/public/proposals?tenantId=${w.tenantId}&kind=npc`)).status).toBe(400);
    const keys = await pub.get(`/api/v1/public/key-proposals?tenantId=${w.tenantId}&kind=proposal`);
    expect(keys.body.items).toEqual([]);
    const npcKeys = await pub.get(`/api/v1/public/key-proposals?tenantId=${w.tenantId}&kind=suggestion`);
    expect(npcKeys.body.items.map((k: { kind: string }) => k.kind)).toEqual(['suggestion']);
    expect(deputyMemberId).toBeGreaterThan(0);
  });
});

async function noticeOf(userId: number, kind: string): Promise<string | undefined> {
  const rows = await database.db.select().from(notifications).where(and(eq(notifications.userId, userId), eq(notifications.kind, kind)));
  return rows.at(-1)?.message;
}
