import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { freshDatabase } from './helpers/db.js';
import { addPlatformAdmin, buildWorld, TEST_PASSWORD, type World } from './helpers/world.js';
import { login, type Client } from './helpers/api.js';
import { buildApp } from '../src/server/http/app.js';
import type { Database, Db } from '../src/server/db/client.js';
import type { App } from '../src/server/http/types.js';
import { assignments, auditLog, keyProposalLeaders, leaders, members, proposals, proposers, sessions, tenants, users } from '../src/server/db/schema.js';
import { hashPassword } from '../src/server/auth/passwords.js';
import type { Role } from '../src/shared/roles.js';
import { bootstrapAdministrator, BootstrapError } from '../src/server/domain/bootstrap-admin.js';
import { bootstrapPlatformAdmin } from '../src/server/domain/supervision/tenants.js';
import { readDocx } from './documents-fixture.js';

// Issue 15: leaders by organ, supervision meetings and instructions, 两级联合督办 between a county
// and its city, the platform's tenants and a parent's overview. The world's city (测试市) is the
// parent of its county (测试县); a third tenant (another city) must never see anything.

let database: Database;
let db: Db;
let app: App;
let w: World;
let c: Record<string, Client>;
let third: { tenantId: number };
const L: Record<string, number> = {};

const mkUser = async (tenantId: number, username: string, roles: Role[], extra: Partial<typeof users.$inferInsert> = {}) =>
  (await db.insert(users).values({ tenantId, username, displayName: username, passwordHash: await hashPassword(TEST_PASSWORD), roles, ...extra }).returning())[0]!;

let nextNumber = 1;
async function keyProposal(tenantId: number, sessionId: number, unitId: number, title: string) {
  const [p] = await db
    .insert(proposals)
    .values({
      tenantId, sessionId, kind: 'proposal', title, body: '正文：建议加快推进。', category: 'urban', submittedDuring: 'plenary', status: 'handling',
      createdBy: w.users.staff.id, submittedAt: new Date(), reviewDecision: 'filed', number: nextNumber++, deadline: '2025-09-05', isKey: true,
    })
    .returning();
  await db.insert(assignments).values({ tenantId, proposalId: p!.id, unitId, role: 'lead', status: 'signed', assignedAt: '2025-03-05' });
  return p!;
}

const meetingInput = (proposalIds: number[], extra: Record<string, unknown> = {}) => ({
  proposalIds,
  kind: 'consultation',
  meetingDate: '2025-05-20',
  place: '市行政中心第一会议室',
  agenda: '听取承办单位汇报，委员发言，领导讲话',
  unitReport: '已完成方案编制。',
  memberOpinions: '建议加快进度，加强资金保障。',
  decisions: '六月底前完成立项。',
  minutes: '会议纪要全文。',
  units: '住建局、财政局',
  members: '王建国、李秀英',
  ...extra,
});

beforeAll(async () => {
  database = await freshDatabase();
  db = database.db;
  w = await buildWorld(db);
  app = await buildApp({ db, now: () => new Date('2025-06-10T04:00:00Z') });
  await app.ready();
  await addPlatformAdmin(db);
  // Leaders of the city by organ and rank; the county's own leader; a leader account in the county.
  const mkLeader = async (tenantId: number, name: string, title: string, organ: 'party' | 'npc' | 'government' | 'cppcc', rank: 'principal' | 'deputy', userId: number | null = null) =>
    (await db.insert(leaders).values({ tenantId, name, title, organ, rank, userId }).returning())[0]!.id;
  await db.update(leaders).set({ organ: 'government', rank: 'deputy' }).where(eq(leaders.id, w.leaderId));
  L.cityLeader = w.leaderId; // 陈副市长, has the account t_leader
  L.secretary = await mkLeader(w.tenantId, '张书记', '市委书记', 'party', 'principal');
  L.mayor = await mkLeader(w.tenantId, '李市长', '市长', 'government', 'principal');
  L.npc = await mkLeader(w.tenantId, '王主任', '市人大常委会主任', 'npc', 'principal');
  L.cppcc = await mkLeader(w.tenantId, '朱主席', '市政协主席', 'cppcc', 'principal');
  const countyLeaderUser = await mkUser(w.otherTenantId, 't_county_leader', ['leader']);
  L.county = await mkLeader(w.otherTenantId, '海县长', '县长', 'government', 'principal', countyLeaderUser.id);
  const [t3] = await db.insert(tenants).values({ name: '别市', level: 'city', code: 'T-THIRD' }).returning();
  third = { tenantId: t3!.id };
  await mkUser(t3!.id, 't_third_staff', ['staff'], { organ: 'cppcc' });
  await mkUser(w.otherTenantId, 't_county_office', ['office']);
  await mkUser(w.tenantId, 't_city_npc_staff', ['staff'], { organ: 'npc' });
  c = {};
  for (const [k, u] of Object.entries({
    staff: 't_staff', office: 't_office', leader: 't_leader', unit: 't_unit', member: 't_member', sysadmin: 't_sysadmin', platform: 't_platform',
    countyStaff: 't_other_staff', countyUnit: 't_other_unit', countyLeader: 't_county_leader', countyOffice: 't_county_office', thirdStaff: 't_third_staff', cityNpcStaff: 't_city_npc_staff',
  })) c[k] = await login(app, u);
});
afterAll(async () => {
  await app.close();
  await database.close();
});

/** The headers of a fresh sign-in, for a raw (multipart) request. */
async function rawLogin(username: string): Promise<Record<string, string>> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: TEST_PASSWORD } });
  const cookie = res.cookies.find((x) => x.name === 'duban_sid')!;
  return { cookie: `duban_sid=${cookie.value}`, 'x-csrf-token': res.json().csrfToken };
}

const auditCount = async (tenantId: number, action: string) =>
  (await db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(and(eq(auditLog.tenantId, tenantId), eq(auditLog.action, action))))[0]!.n;

describe('leaders by organ and rank', () => {
  it('sets rank and organ through the admin API, and the figures count principal leaders per organ', async () => {
    const r = await c.sysadmin!.patch(`/api/v1/leaders/${L.mayor}`, { rank: 'principal', organ: 'government' });
    expect(r.status).toBe(200);
    expect(r.body.rank).toBe('principal');
    expect((await c.sysadmin!.patch(`/api/v1/leaders/${L.mayor}`, { rank: 'boss' })).status).toBe(400);

    const titles = ['关于老旧小区改造的建议', '关于乡村振兴的建议', '关于养老服务的建议', '关于河道治理的建议'];
    const who = [L.secretary, L.mayor, L.npc, L.cppcc];
    for (const [i, t] of titles.entries()) {
      const p = await keyProposal(w.tenantId, w.sessionId, w.units.nongye, t);
      const d = await c.staff!.post(`/api/v1/proposals/${p.id}/key`, { leaderIds: [who[i]!, ...(i === 0 ? [L.cityLeader] : [])], version: 1 });
      expect(d.status).toBe(200);
    }
    const f = await c.staff!.get(`/api/v1/sessions/${w.sessionId}/supervision-figures`);
    expect(f.status).toBe(200);
    expect(f.body.keyProposals).toBe(4);
    expect(f.body.principalLed).toBe(4);
    expect(f.body.principalSentence).toBe('市委、市人大、市政府、市政协主要领导领衔督办4件');
    const gov = f.body.byOrgan.find((o: { organ: string }) => o.organ === 'government');
    expect(gov).toMatchObject({ proposals: 2, principalProposals: 1, leaders: 2 });
    expect(f.body.byLeader.find((l: { id: number }) => l.id === L.cppcc)).toMatchObject({ proposals: 1, printName: '市政协领导朱主席' });
    // Another tenant's session is 404, as everywhere.
    expect((await c.countyStaff!.get(`/api/v1/sessions/${w.sessionId}/supervision-figures`)).status).toBe(404);
  });
});

describe('a meeting covering two key proposals, with instructions followed up', () => {
  it('records the meeting once for both proposals, lists it on each, and the unit follows the instruction up', async () => {
    const a = await keyProposal(w.tenantId, w.sessionId, w.units.nongye, '关于高标准农田建设的建议');
    const b = await keyProposal(w.tenantId, w.sessionId, w.units.nongye, '关于农村公路养护的建议');
    await c.staff!.post(`/api/v1/proposals/${a.id}/key`, { leaderIds: [L.cityLeader], version: 1 });
    await c.staff!.post(`/api/v1/proposals/${b.id}/key`, { leaderIds: [L.cityLeader], version: 1 });
    // Several proposals: each instruction names its proposal.
    const bad = await c.staff!.post('/api/v1/supervision-meetings', meetingInput([a.id, b.id], { chairLeaderId: L.cityLeader, instructions: [{ leaderId: L.cityLeader, content: '抓紧落实' }] }));
    expect(bad.status).toBe(400);
    const future = await c.staff!.post('/api/v1/supervision-meetings', meetingInput([a.id], { meetingDate: '2025-07-01' }));
    expect(future.status).toBe(400);
    const r = await c.leader!.post('/api/v1/supervision-meetings', meetingInput([a.id, b.id], {
      chairLeaderId: L.cityLeader,
      leaderIds: [L.cityLeader],
      instructions: [
        { leaderId: L.cityLeader, proposalId: a.id, content: '六月底前完成立项' },
        { leaderId: L.cityLeader, proposalId: b.id, content: '落实养护资金' },
      ],
    }));
    expect(r.status).toBe(201);
    expect(r.body.proposals.map((p: { id: number }) => p.id).sort()).toEqual([a.id, b.id].sort());
    expect(r.body.chair.printName).toBe('市政府领导陈副市长');
    expect(r.body.instructions).toHaveLength(2);
    for (const id of [a.id, b.id]) {
      const list = await c.staff!.get(`/api/v1/supervision-meetings?proposalId=${id}`);
      expect(list.body.items.map((m: { id: number }) => m.id)).toContain(r.body.id);
    }
    const one = await c.office!.get(`/api/v1/supervision-meetings/${r.body.id}`);
    expect(one.status).toBe(200);
    expect(one.body.minutes).toBe('会议纪要全文。');

    // The lead unit follows the instruction up; a second answer is refused.
    const ins = (await c.unit!.get(`/api/v1/supervision-instructions?proposalId=${a.id}`)).body.items;
    expect(ins).toHaveLength(1);
    expect(ins[0].status).toBe('open');
    const fu = await c.unit!.post(`/api/v1/supervision-instructions/${ins[0].id}/follow-up`, { response: '已完成立项批复' });
    expect(fu.status).toBe(200);
    expect(fu.body).toMatchObject({ status: 'followed_up', response: '已完成立项批复' });
    expect((await c.unit!.post(`/api/v1/supervision-instructions/${ins[0].id}/follow-up`, { response: '再次' })).status).toBe(409);

    // The leader records his own instruction from his page; not for another leader.
    const own = await c.leader!.post('/api/v1/supervision-instructions', { proposalId: b.id, issuedOn: '2025-06-01', content: '请财政局保障资金' });
    expect(own.status).toBe(201);
    expect(own.body.leader.id).toBe(L.cityLeader);
    expect((await c.leader!.post('/api/v1/supervision-instructions', { proposalId: b.id, leaderId: L.mayor, issuedOn: '2025-06-01', content: 'x' })).status).toBe(403);
    const page = await c.leader!.get(`/api/v1/leaders/${L.cityLeader}/supervision`);
    expect(page.status).toBe(200);
    expect(page.body.meetings.map((m: { id: number }) => m.id)).toContain(r.body.id);
    expect(page.body.instructions).toHaveLength(3);
    // Another leader's page: 404 for a leader, readable for staff.
    expect((await c.leader!.get(`/api/v1/leaders/${L.mayor}/supervision`)).status).toBe(404);
    expect((await c.staff!.get(`/api/v1/leaders/${L.mayor}/supervision`)).status).toBe(200);
    // The other organ's staff of the same tenant reach nothing either (404, like another tenant).
    expect((await c.cityNpcStaff!.get(`/api/v1/supervision-meetings?proposalId=${a.id}`)).status).toBe(404);
    expect((await c.cityNpcStaff!.get(`/api/v1/supervision-meetings/${r.body.id}`)).status).toBe(404);
    expect((await c.cityNpcStaff!.get(`/api/v1/supervision-instructions?proposalId=${a.id}`)).status).toBe(404);
    expect((await c.cityNpcStaff!.post('/api/v1/supervision-meetings', meetingInput([a.id]))).status).toBe(404);
    expect((await c.cityNpcStaff!.post(`/api/v1/supervision-instructions/${ins[0].id}/follow-up`, { response: 'x' })).status).toBe(404);
    // Members and the other tenant reach nothing.
    expect((await c.member!.get(`/api/v1/supervision-meetings?proposalId=${a.id}`)).status).toBe(403);
    expect((await c.countyStaff!.get(`/api/v1/supervision-meetings?proposalId=${a.id}`)).status).toBe(404);
    expect((await c.countyStaff!.get(`/api/v1/supervision-meetings/${r.body.id}`)).status).toBe(404);
    expect((await c.countyStaff!.post('/api/v1/supervision-meetings', meetingInput([a.id]))).status).toBe(404);

    const f = await c.staff!.get(`/api/v1/sessions/${w.sessionId}/supervision-figures`);
    expect(f.body.meetings).toBe(1);
    expect(f.body.instructions).toEqual({ total: 3, followedUp: 1 });
    const doc = await c.staff!.get(`/api/v1/sessions/${w.sessionId}/documents/supervision-review.docx`);
    expect(doc.status).toBe(200);
    expect(String(doc.headers['content-type'])).toContain('wordprocessingml');
    expect(await auditCount(w.tenantId, 'document.supervision_review')).toBe(1);
    // A meeting covering a CPPCC and an NPC key proposal: each organ's staff see only their own in it.
    const [npcSession] = await db.insert(sessions).values({ tenantId: w.tenantId, kind: 'suggestion', name: '十七届四次会议', term: 17, meeting: 4, year: 2025 }).returning();
    const [npcKey] = await db.insert(proposals).values({
      tenantId: w.tenantId, sessionId: npcSession!.id, kind: 'suggestion', title: '关于人大代表建议的事项', body: '正文', category: 'urban', submittedDuring: 'plenary',
      status: 'handling', createdBy: w.users.staff.id, submittedAt: new Date(), reviewDecision: 'filed', number: 1, isKey: true,
    }).returning();
    await db.insert(keyProposalLeaders).values({ tenantId: w.tenantId, proposalId: npcKey!.id, leaderId: L.cityLeader! });
    const mixed = await c.office!.post('/api/v1/supervision-meetings', meetingInput([a.id, npcKey!.id], { instructions: [{ leaderId: L.cityLeader, proposalId: npcKey!.id, content: '人大建议的批示' }] }));
    expect(mixed.status).toBe(201);
    const seenByCppcc = await c.staff!.get(`/api/v1/supervision-meetings/${mixed.body.id}`);
    expect(seenByCppcc.body.proposals.map((x: { id: number }) => x.id)).toEqual([a.id]);
    expect(JSON.stringify(seenByCppcc.body)).not.toContain('人大建议的批示');
    const seenByNpc = await c.cityNpcStaff!.get(`/api/v1/supervision-meetings/${mixed.body.id}`);
    expect(seenByNpc.body.proposals.map((x: { id: number }) => x.id)).toEqual([npcKey!.id]);
    const npcPage = await c.cityNpcStaff!.get(`/api/v1/leaders/${L.cityLeader}/supervision`);
    expect(npcPage.body.proposals.map((x: { id: number }) => x.id)).toEqual([npcKey!.id]);
    expect(npcPage.body.instructions.map((x: { content: string }) => x.content)).toEqual(['人大建议的批示']);
    expect(JSON.stringify(npcPage.body)).not.toContain(a.title);
  });
});

describe('两级联合督办', () => {
  let p: typeof proposals.$inferSelect;
  let other: typeof proposals.$inferSelect;
  let jointId: number;
  let meetingId: number;

  beforeAll(async () => {
    p = await keyProposal(w.otherTenantId, w.otherSessionId, w.units.other, '关于海盐至嘉兴城际公交的建议');
    other = await keyProposal(w.otherTenantId, w.otherSessionId, w.units.other, '关于县城停车场建设的建议');
    const [m] = await db.insert(members).values({ tenantId: w.otherTenantId, kind: 'proposal', name: '县委员甲', phone: '13800000000' }).returning();
    await db.insert(proposers).values({ tenantId: w.otherTenantId, proposalId: p.id, position: 0, memberId: m!.id, confirmation: 'lead' });
    await c.countyStaff!.post(`/api/v1/proposals/${p.id}/key`, { leaderIds: [L.county], version: 1 });
  });

  it('before acceptance the city sees nothing of the proposal', async () => {
    const inv = await c.countyStaff!.post('/api/v1/joint-supervisions', { proposalId: p.id, note: '首次两级联合督办' });
    expect(inv.status).toBe(201);
    jointId = inv.body.id;
    expect((await c.countyStaff!.post('/api/v1/joint-supervisions', { proposalId: p.id })).status).toBe(409);
    // The city has no parent: it cannot invite.
    const cityKey = await keyProposal(w.tenantId, w.sessionId, w.units.nongye, '关于市级事项的建议');
    expect((await c.staff!.post('/api/v1/joint-supervisions', { proposalId: cityKey.id })).status).toBe(409);
    // The city's staff see the invitation (title) but not the proposal, nor its leaders.
    const list = await c.staff!.get('/api/v1/joint-supervisions');
    const mine = list.body.items.find((j: { id: number }) => j.id === jointId);
    expect(mine).toMatchObject({ status: 'invited', side: 'partner', leaders: [] });
    expect((await c.staff!.get(`/api/v1/joint-supervisions/${jointId}`)).status).toBe(404);
    expect((await c.staff!.get(`/api/v1/supervision-meetings?proposalId=${p.id}`)).status).toBe(404);
    // The third tenant and the city's NPC staff see no invitation at all.
    expect((await c.thirdStaff!.get('/api/v1/joint-supervisions')).body.items).toEqual([]);
    expect((await c.cityNpcStaff!.get('/api/v1/joint-supervisions')).body.items).toEqual([]);
    expect((await c.thirdStaff!.post(`/api/v1/joint-supervisions/${jointId}/accept`, {})).status).toBe(404);
    expect((await c.cityNpcStaff!.post(`/api/v1/joint-supervisions/${jointId}/accept`, {})).status).toBe(404);
    // The county cannot accept its own invitation.
    expect((await c.countyStaff!.post(`/api/v1/joint-supervisions/${jointId}/accept`, {})).status).toBe(404);
  });

  it('after acceptance both levels see it and record on it, every cross-tenant access audited in the county', async () => {
    const acc = await c.staff!.post(`/api/v1/joint-supervisions/${jointId}/accept`, { note: '同意' });
    expect(acc.status).toBe(200);
    expect(acc.body.status).toBe('accepted');
    expect((await c.staff!.post(`/api/v1/joint-supervisions/${jointId}/accept`, {})).status).toBe(409);
    // The city names its leader; only its own leaders.
    expect((await c.staff!.put(`/api/v1/joint-supervisions/${jointId}/leaders`, { leaderIds: [L.county] })).status).toBe(400);
    const led = await c.staff!.put(`/api/v1/joint-supervisions/${jointId}/leaders`, { leaderIds: [L.cityLeader] });
    expect(led.status).toBe(200);
    expect(led.body.leaders.map((l: { printName: string }) => l.printName).sort()).toEqual(['市政府领导陈副市长', '县政府领导海县长'].sort());
    // The county re-designating keeps the city's leader.
    const cur = (await db.select().from(proposals).where(eq(proposals.id, p.id)))[0]!;
    expect((await c.countyStaff!.post(`/api/v1/proposals/${p.id}/key`, { leaderIds: [L.county], version: cur.version })).status).toBe(200);
    expect((await c.countyStaff!.get(`/api/v1/joint-supervisions/${jointId}`)).body.leaders).toHaveLength(2);

    const before = await auditCount(w.otherTenantId, 'joint.read');
    const view = await c.staff!.get(`/api/v1/joint-supervisions/${jointId}`);
    expect(view.status).toBe(200);
    expect(view.body.proposal.title).toBe(p.title);
    expect(view.body.units[0].name).toBe('县教育局');
    expect(await auditCount(w.otherTenantId, 'joint.read')).toBe(before + 1);
    // The county's own read is not a cross-tenant one.
    await c.countyStaff!.get(`/api/v1/joint-supervisions/${jointId}`);
    expect(await auditCount(w.otherTenantId, 'joint.read')).toBe(before + 1);

    // The city's leader (named) records a meeting with both levels' leaders; the city staff and the county staff see it.
    const m = await c.leader!.post('/api/v1/supervision-meetings', meetingInput([p.id], {
      chairLeaderId: L.cityLeader,
      leaderIds: [L.county],
      instructions: [{ leaderId: L.cityLeader, content: '两级协同推进城际公交' }],
    }));
    expect(m.status).toBe(201);
    meetingId = m.body.id;
    expect(m.body.tenantId).toBe(w.otherTenantId);
    expect(await auditCount(w.otherTenantId, 'supervision.meeting_create')).toBe(1);
    const audit = (await db.select().from(auditLog).where(and(eq(auditLog.tenantId, w.otherTenantId), eq(auditLog.action, 'supervision.meeting_create'))))[0]!;
    expect(audit.actorId).toBe(w.users.leader.id);
    expect((audit.after as { viaTenantId: number }).viaTenantId).toBe(w.tenantId);
    // A third tenant's leader cannot be named.
    const [foreign] = await db.insert(leaders).values({ tenantId: third.tenantId, name: '外市长', title: '市长' }).returning();
    expect((await c.staff!.post('/api/v1/supervision-meetings', meetingInput([p.id], { leaderIds: [foreign!.id] }))).status).toBe(400);

    for (const who of ['staff', 'countyStaff', 'office', 'countyLeader'] as const) {
      const r = await c[who]!.get(`/api/v1/supervision-meetings?proposalId=${p.id}`);
      expect(r.status, who).toBe(200);
      expect(r.body.items.map((x: { id: number }) => x.id), who).toContain(meetingId);
    }
    // Minutes and photos: the city's leader uploads a file to the county's meeting; both levels download it; audited in the county.
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);
    const boundary = '----duban';
    const multipart = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="photo.png"\r\nContent-Type: image/png\r\n\r\n`),
      png,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const leaderCookie = await rawLogin('t_leader');
    const up = await app.inject({ method: 'POST', url: `/api/v1/supervision-meetings/${meetingId}/attachments/upload`, headers: { ...leaderCookie, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: multipart });
    expect(up.statusCode, up.body).toBe(201);
    const fileId = up.json().id;
    for (const who of ['countyStaff', 'staff'] as const) {
      const dl = await c[who]!.get(`/api/v1/supervision-meetings/${meetingId}/attachments/${fileId}`);
      expect(dl.status, who).toBe(200);
    }
    expect(await auditCount(w.otherTenantId, 'supervision.meeting_attachment_add')).toBe(1);
    // The county's own download (every download is audited) and the city's, in the county's chain.
    expect(await auditCount(w.otherTenantId, 'supervision.meeting_attachment_download')).toBe(2);
    const cityDl = (await db.select().from(auditLog).where(and(eq(auditLog.tenantId, w.otherTenantId), eq(auditLog.action, 'supervision.meeting_attachment_download'), eq(auditLog.actorId, w.users.staff.id))));
    expect(cityDl).toHaveLength(1);
    expect((await c.thirdStaff!.get(`/api/v1/supervision-meetings/${meetingId}/attachments/${fileId}`)).status).toBe(404);
    expect((await c.staff!.get(`/api/v1/supervision-meetings?proposalId=${p.id}`)).body.items[0].attachments[0].fileName).toBe('photo.png');

    // The city records an instruction and the county's unit follows it up; the city staff may follow up too.
    const ins = await c.staff!.post('/api/v1/supervision-instructions', { proposalId: p.id, leaderId: L.cityLeader, issuedOn: '2025-06-02', content: '请县交通局细化方案' });
    expect(ins.status).toBe(201);
    const fu = await c.countyUnit!.post(`/api/v1/supervision-instructions/${ins.body.id}/follow-up`, { response: '方案已细化' });
    expect(fu.status).toBe(200);
    // The city's leader page lists the county meeting.
    const page = await c.leader!.get(`/api/v1/leaders/${L.cityLeader}/supervision`);
    expect(page.body.meetings.map((x: { id: number }) => x.id)).toContain(meetingId);
    expect(page.body.proposals.map((x: { id: number }) => x.id)).toContain(p.id);
    // The joint is counted on both levels and names both levels' leaders.
    const cityF = await c.staff!.get(`/api/v1/sessions/${w.sessionId}/supervision-figures`);
    expect(cityF.body.joint.withChildren).toBe(1);
    expect(cityF.body.jointSentence).toBe('两级联合督办1件');
    const countyF = await c.countyStaff!.get(`/api/v1/sessions/${w.otherSessionId}/supervision-figures`);
    expect(countyF.body.joint.withParent).toBe(1);
    expect(countyF.body.joint.items[0].leaders.sort()).toEqual(['市政府领导陈副市长', '县政府领导海县长'].sort());

    // Both levels record supervision activities on it; the city's is the county's row, audited there.
    const act = { kind: 'site_visit', activityDate: '2025-06-05', place: '城际公交首末站', participants: '两级提案委', content: '实地察看站点选址' };
    const cityAct = await c.staff!.post(`/api/v1/joint-supervisions/${jointId}/activities`, act);
    expect(cityAct.status).toBe(201);
    expect((await c.countyStaff!.post(`/api/v1/joint-supervisions/${jointId}/activities`, act)).status).toBe(201);
    expect((await c.countyStaff!.get(`/api/v1/proposals/${p.id}/supervision-activities`)).body.items).toHaveLength(2);
    expect((await c.thirdStaff!.post(`/api/v1/joint-supervisions/${jointId}/activities`, act)).status).toBe(404);
    expect((await c.unit!.post(`/api/v1/joint-supervisions/${jointId}/activities`, act)).status).toBe(403);
    const actAudit = await db.select().from(auditLog).where(and(eq(auditLog.tenantId, w.otherTenantId), eq(auditLog.action, 'supervision.add'), eq(auditLog.actorId, w.users.staff.id)));
    expect(actAudit).toHaveLength(1);
    // The county's documents name both levels' leaders and mark it.
    const pub = await app.inject({ method: 'GET', url: `/api/v1/sessions/${w.otherSessionId}/documents/key-publicity.docx`, headers: await rawLogin('t_other_staff') });
    expect(pub.statusCode).toBe(200);
    expect((await readDocx(pub.rawPayload)).text).toMatch(/县政府领导海县长、市政府领导陈副市长（两级联合督办）|市政府领导陈副市长、县政府领导海县长（两级联合督办）/);

    // The city's 督办综述 tells the joint meeting: who chaired, who attended, what was reported, said and decided.
    const doc = await app.inject({ method: 'GET', url: `/api/v1/sessions/${w.sessionId}/documents/supervision-review.docx`, headers: await rawLogin('t_staff') });
    expect(doc.statusCode).toBe(200);
    const { text } = await readDocx(doc.rawPayload);
    expect(text).toContain('两级联合督办1件');
    expect(text).toContain('市委、市人大、市政府、市政协主要领导领衔督办4件');
    expect(text).toMatch(/市政府领导陈副市长主持召开专题协商会，在市行政中心第一会议室督办测试县第\d+号《关于海盐至嘉兴城际公交的建议》，县政府领导海县长出席/);
    expect(text).toContain('已完成方案编制。');
    expect(text).toContain('建议加快进度，加强资金保障。');
    expect(text).toContain('六月底前完成立项。');
    expect(text).toContain('市政府领导陈副市长要求：两级协同推进城际公交');
  });

  it('nothing else of the county becomes visible to the city, on any route', async () => {
    // The proposal's own routes stay the county's.
    for (const url of [`/api/v1/proposals/${p.id}`, `/api/v1/proposals/${p.id}/history`, `/api/v1/proposals/${p.id}/supervision-activities`, `/api/v1/sessions/${w.otherSessionId}/figures`]) {
      expect((await c.staff!.get(url)).status, url).toBe(404);
    }
    // The county's other key proposal: 404 on every supervision route.
    expect((await c.staff!.get(`/api/v1/supervision-meetings?proposalId=${other.id}`)).status).toBe(404);
    expect((await c.staff!.get(`/api/v1/supervision-instructions?proposalId=${other.id}`)).status).toBe(404);
    expect((await c.staff!.post('/api/v1/supervision-instructions', { proposalId: other.id, leaderId: L.cityLeader, issuedOn: '2025-06-02', content: 'x' })).status).toBe(404);
    expect((await c.staff!.post('/api/v1/supervision-meetings', meetingInput([other.id]))).status).toBe(404);
    // A county meeting covering the joint proposal and the other one shows the city only the joint one.
    const both = await c.countyStaff!.post('/api/v1/supervision-meetings', meetingInput([p.id, other.id]));
    expect(both.status).toBe(201);
    const seen = await c.staff!.get(`/api/v1/supervision-meetings/${both.body.id}`);
    expect(seen.body.proposals.map((x: { id: number }) => x.id)).toEqual([p.id]);
    // The city's unit, member and an unnamed leader see nothing; the third tenant nothing.
    const [unnamedUser] = await db.insert(users).values({ tenantId: w.tenantId, username: 't_unnamed_leader', displayName: 'x', passwordHash: await hashPassword(TEST_PASSWORD), roles: ['leader'] }).returning();
    await db.insert(leaders).values({ tenantId: w.tenantId, name: '未署名', title: '副市长', userId: unnamedUser!.id });
    const unnamed = await login(app, 't_unnamed_leader');
    for (const who of [c.unit!, unnamed, c.thirdStaff!, c.cityNpcStaff!]) {
      expect((await who.get(`/api/v1/supervision-meetings?proposalId=${p.id}`)).status).toBe(404);
      expect((await who.get(`/api/v1/supervision-meetings/${meetingId}`)).status).toBe(404);
      expect((await who.get(`/api/v1/supervision-instructions?proposalId=${p.id}`)).status).toBe(404);
    }
    for (const who of [unnamed, c.thirdStaff!, c.cityNpcStaff!]) {
      expect((await who.get(`/api/v1/joint-supervisions/${jointId}`)).status).toBe(404);
      expect((await who.post('/api/v1/supervision-meetings', meetingInput([p.id]))).status).toBe(404);
      expect((await who.post('/api/v1/supervision-instructions', { proposalId: p.id, issuedOn: '2025-06-02', content: 'x', leaderId: L.cityLeader })).status).toBe(404);
    }
    expect((await c.thirdStaff!.put(`/api/v1/joint-supervisions/${jointId}/leaders`, { leaderIds: [] })).status).toBe(404);
    expect((await c.thirdStaff!.post(`/api/v1/joint-supervisions/${jointId}/withdraw`, {})).status).toBe(404);
    expect((await c.staff!.post(`/api/v1/joint-supervisions/${jointId}/withdraw`, {})).status).toBe(404);
  });

  it('withdrawn, the city loses the proposal again', async () => {
    expect((await c.countyStaff!.post(`/api/v1/joint-supervisions/${jointId}/withdraw`, {})).status).toBe(200);
    expect((await c.staff!.get(`/api/v1/joint-supervisions/${jointId}`)).status).toBe(404);
    expect((await c.staff!.get(`/api/v1/supervision-meetings?proposalId=${p.id}`)).status).toBe(404);
    const page = await c.leader!.get(`/api/v1/leaders/${L.cityLeader}/supervision`);
    expect(page.body.meetings.map((x: { id: number }) => x.id)).not.toContain(meetingId);
  });
});

describe('a parent’s overview', () => {
  it('shows the children’s sessions and key proposals without personal data; a child sees nothing of its parent', async () => {
    const r = await c.staff!.get('/api/v1/oversight');
    expect(r.status).toBe(200);
    expect(r.body.children.map((x: { name: string }) => x.name)).toEqual(['测试县']);
    const s = r.body.children[0].sessions[0];
    expect(s.keyProposals).toBeGreaterThanOrEqual(2);
    expect(s.keyItems[0]).not.toHaveProperty('proposers');
    expect(JSON.stringify(r.body)).not.toMatch(/县委员甲|t_other|phone/);
    expect(await auditCount(w.otherTenantId, 'oversight.read')).toBeGreaterThanOrEqual(1);
    // The county has no children: an empty overview. The third tenant likewise.
    expect((await c.countyStaff!.get('/api/v1/oversight')).body.children).toEqual([]);
    expect((await c.thirdStaff!.get('/api/v1/oversight')).body.children).toEqual([]);
    // NPC staff see only NPC sessions of the children (the county has none).
    expect((await c.cityNpcStaff!.get('/api/v1/oversight')).body.children[0].sessions).toEqual([]);
    expect((await c.leader!.get('/api/v1/oversight')).status).toBe(403);
  });
});

describe('the platform’s tenants', () => {
  it('creates a tenant under a parent and its first administrators; tenant roles cannot', async () => {
    expect((await c.sysadmin!.get('/api/v1/platform/tenants')).status).toBe(403);
    const list = await c.platform!.get('/api/v1/platform/tenants');
    expect(list.status).toBe(200);
    expect(list.body.items.map((t: { code: string }) => t.code)).not.toContain('PLATFORM');
    expect((await c.platform!.post('/api/v1/platform/tenants', { name: '新县', code: 'T-NEW', level: 'county' })).status).toBe(400);
    expect((await c.platform!.post('/api/v1/platform/tenants', { name: '新县', code: 'T-NEW', level: 'county', parentId: w.otherTenantId })).status).toBe(400);
    const t = await c.platform!.post('/api/v1/platform/tenants', { name: '新县', code: 'T-NEW', level: 'county', parentId: w.tenantId });
    expect(t.status).toBe(201);
    expect(t.body.parentName).toBe('测试市');
    expect((await c.platform!.post('/api/v1/platform/tenants', { name: '重复', code: 'T-NEW', level: 'county', parentId: w.tenantId })).status).toBe(409);
    const a = await c.platform!.post(`/api/v1/platform/tenants/${t.body.id}/administrators`, { role: 'secadmin', username: 'new_secadmin', displayName: '新安全员' });
    expect(a.status).toBe(201);
    expect(a.body.password).toMatch(/.{16}/);
    expect((await c.platform!.post(`/api/v1/platform/tenants/${t.body.id}/administrators`, { role: 'secadmin', username: 'new_secadmin2', displayName: 'x' })).status).toBe(409);
    const [u] = await db.select().from(users).where(eq(users.username, 'new_secadmin'));
    expect(u).toMatchObject({ tenantId: t.body.id, mustChangePassword: true, secondFactorRequired: true, platformAdmin: false });
    expect(await auditCount(t.body.id, 'tenant.create')).toBe(1);
    const patched = await c.platform!.patch(`/api/v1/platform/tenants/${t.body.id}`, { name: '新县（改）' });
    expect(patched.body.name).toBe('新县（改）');
    // A parent cannot be its own descendant.
    expect((await c.platform!.patch(`/api/v1/platform/tenants/${w.tenantId}`, { parentId: t.body.id })).status).toBe(400);
    // The new county appears in the city's overview.
    expect((await c.staff!.get('/api/v1/oversight')).body.children.map((x: { name: string }) => x.name)).toContain('新县（改）');
    // The platform administrator reaches no tenant's data.
    expect((await c.platform!.get('/api/v1/key-proposals')).status).toBe(403);
    expect((await c.platform!.get('/api/v1/oversight')).status).toBe(403);
  });

  it('stops a tenant (停用): its people are signed out at once and cannot sign in; started again, they can', async () => {
    const t = await c.platform!.post('/api/v1/platform/tenants', { name: '停用县', code: 'T-OFF', level: 'county', parentId: w.tenantId });
    expect(t.status).toBe(201);
    await mkUser(t.body.id, 't_off_staff', ['staff'], { organ: 'cppcc' });
    const staff = await login(app, 't_off_staff');
    expect((await staff.get('/api/v1/auth/me')).status).toBe(200);
    expect((await c.platform!.patch(`/api/v1/platform/tenants/${t.body.id}`, { active: false })).status).toBe(200);
    expect((await staff.get('/api/v1/auth/me')).status).toBe(401);
    const refused = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 't_off_staff', password: TEST_PASSWORD } });
    expect(refused.statusCode).toBe(401);
    expect(refused.json().message).toMatch(/用户名或密码错误/);
    expect((await c.platform!.patch(`/api/v1/platform/tenants/${t.body.id}`, { active: true })).status).toBe(200);
    expect((await (await login(app, 't_off_staff')).get('/api/v1/auth/me')).status).toBe(200);
  });

  it('platform:create makes a platform administrator in the PLATFORM tenant; admin:create refuses that tenant', async () => {
    const now = new Date('2025-06-10T04:00:00Z');
    const r = await bootstrapPlatformAdmin(db, { username: 'pingtai_t', displayName: '平台管理员' }, now);
    const [u] = await db.select().from(users).where(eq(users.username, 'pingtai_t'));
    const [t] = await db.select().from(tenants).where(eq(tenants.id, u!.tenantId));
    expect(t!.code).toBe('PLATFORM');
    expect(u).toMatchObject({ platformAdmin: true, roles: [], mustChangePassword: true, secondFactorRequired: true });
    expect(r.password).toHaveLength(16);
    await expect(bootstrapAdministrator(db, { tenant: 'PLATFORM', role: 'sysadmin', username: 'bad_admin' }, now)).rejects.toBeInstanceOf(BootstrapError);
    await expect(bootstrapAdministrator(db, { tenant: 'T-X', tenantName: '某县', level: 'county', parent: 'PLATFORM', role: 'sysadmin', username: 'bad_admin' }, now)).rejects.toBeInstanceOf(BootstrapError);
    await expect(bootstrapPlatformAdmin(db, { username: 'pingtai_t' }, now)).rejects.toBeInstanceOf(BootstrapError);
  });
});
