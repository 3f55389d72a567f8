import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { freshDatabase } from './helpers/db.js';
import { buildWorld, type World } from './helpers/world.js';
import { anonymous, login, type Client } from './helpers/api.js';
import { buildApp } from '../src/server/http/app.js';
import type { Database, Db } from '../src/server/db/client.js';
import type { App } from '../src/server/http/types.js';
import { assignments, followUps, members, notifications, proposals, proposers, replies, tenants, units, users } from '../src/server/db/schema.js';
import type { State } from '../src/shared/lifecycle.js';

// Publication, and what the public portal shows: published proposals only, of the tenant asked
// for, and nothing personal (phone numbers, user names, ids of people).

let database: Database;
let db: Db;
let app: App;
let w: World;
let staff: Client;
let pub: Client;

const PHONE = '13912345678';

beforeAll(async () => {
  database = await freshDatabase();
  db = database.db;
  w = await buildWorld(db);
  app = await buildApp({ db, now: () => new Date('2025-07-01T04:00:00Z') });
  staff = await login(app, w.users.staff.username);
  pub = anonymous(app);
  // Personal data the portal must never echo.
  await db.update(members).set({ phone: PHONE, workplace: '某某公司' }).where(eq(members.id, w.members.wang));
  await db.update(users).set({ phone: PHONE }).where(eq(users.id, w.users.member.id));
  await db.update(units).set({ contactName: '张联络', contactPhone: PHONE }).where(eq(units.id, w.units.nongye));
});
afterAll(async () => {
  await app.close();
  await database.close();
});

let nextNumber = 100;
async function proposalIn(status: State, opts: { title?: string; disclosure?: 'public' | 'private' | 'on_request'; tenantId?: number; sessionId?: number } = {}) {
  const tenantId = opts.tenantId ?? w.tenantId;
  const [p] = await db
    .insert(proposals)
    .values({
      tenantId, sessionId: opts.sessionId ?? w.sessionId, kind: 'proposal', title: opts.title ?? '关于完善城乡公交网络的建议',
      body: '建议优化公交线路。', category: 'urban', submittedDuring: 'plenary', status, createdBy: tenantId === w.tenantId ? w.users.member.id : w.users.otherStaff.id,
      submittedAt: new Date(), reviewDecision: 'filed', number: nextNumber++, deadline: '2025-06-05',
    })
    .returning();
  if (tenantId !== w.tenantId) return p!;
  await db.insert(proposers).values([
    { tenantId, proposalId: p!.id, position: 0, memberId: w.members.wang, confirmation: 'lead' },
    { tenantId, proposalId: p!.id, position: 1, bodyId: w.bodyId, confirmation: 'confirmed' },
    // 赵志强 declined co-signing: not a proposer of record.
    { tenantId, proposalId: p!.id, position: 2, memberId: w.members.zhao, confirmation: 'declined' },
  ]);
  await db.insert(assignments).values({ tenantId, proposalId: p!.id, unitId: w.units.nongye, role: 'lead', status: 'signed', assignedAt: '2025-03-05' });
  if (opts.disclosure) {
    await db.insert(replies).values({
      tenantId, proposalId: p!.id, unitId: w.units.nongye, isLead: true, sequence: 1, resultClass: 'A', body: '已新增公交线路三条。',
      disclosure: opts.disclosure, contactPerson: '张联络', signerName: '李局长', signedAt: new Date(), dueDate: '2025-06-05',
      replyDate: '2025-06-01', createdBy: w.users.unit.id,
    });
  }
  return p!;
}

const FORBIDDEN_KEYS = /phone|username|userId|memberId|leaderId|bodyId|createdBy|idNumber|contact|signer|workplace|password/i;
function assertNoPersonalData(json: unknown) {
  const text = JSON.stringify(json);
  expect(text).not.toContain(PHONE);
  expect(text).not.toContain('t_member');
  expect(text).not.toContain('张联络');
  expect(text).not.toContain('李局长');
  expect(text).not.toContain('某某公司');
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        expect(k).not.toMatch(FORBIDDEN_KEYS);
        walk(x);
      }
    }
  };
  walk(json);
}

describe('publication', () => {
  it('publishes a replied proposal, refuses twice, and can take it back', async () => {
    const p = await proposalIn('replied', { disclosure: 'public' });
    const r = await staff.post(`/api/v1/proposals/${p.id}/publish`, { published: true, version: 1 });
    expect(r.status).toBe(200);
    expect(r.body.published).toBe(true);
    const twice = await staff.post(`/api/v1/proposals/${p.id}/publish`, { published: true, version: 2 });
    expect(twice.status).toBe(409);
    expect(twice.body.message).toContain('已经公开');
    expect((await pub.get(`/api/v1/public/proposals/${p.id}?tenantId=${w.tenantId}`)).status).toBe(200);
    const back = await staff.post(`/api/v1/proposals/${p.id}/publish`, { published: false, version: 2 });
    expect(back.status).toBe(200);
    expect((await pub.get(`/api/v1/public/proposals/${p.id}?tenantId=${w.tenantId}`)).status).toBe(404);
    const told = await db.select().from(notifications).where(eq(notifications.proposalId, p.id));
    expect(told.some((n) => n.userId === w.users.member.id && n.kind === 'proposal.publish')).toBe(true);
  });

  it('refuses to publish before the reply, and to anyone but staff', async () => {
    const p = await proposalIn('handling');
    const r = await staff.post(`/api/v1/proposals/${p.id}/publish`, { published: true, version: 1 });
    expect(r.status).toBe(409);
    expect(r.body.message).toContain('办理中');
    const q = await proposalIn('closed');
    const office = await login(app, w.users.office.username);
    expect((await office.post(`/api/v1/proposals/${q.id}/publish`, { published: true, version: 1 })).status).toBe(403);
    const other = await login(app, w.users.otherStaff.username);
    expect((await other.post(`/api/v1/proposals/${q.id}/publish`, { published: true, version: 1 })).status).toBe(404);
  });
});

describe('public portal', () => {
  let open: number;
  let privateReply: number;
  let hidden: number;
  let foreign: number;
  let key: number;
  beforeAll(async () => {
    open = (await proposalIn('closed', { title: '关于完善城乡公交网络的建议', disclosure: 'public' })).id;
    privateReply = (await proposalIn('following_up', { title: '关于推进垃圾分类的建议', disclosure: 'private' })).id;
    hidden = (await proposalIn('replied', { title: '关于未公开事项的建议', disclosure: 'public' })).id;
    key = (await proposalIn('closed', { title: '关于建设公交都市的建议', disclosure: 'public' })).id;
    foreign = (await proposalIn('closed', { title: '关于县里公交的建议', tenantId: w.otherTenantId, sessionId: w.otherSessionId })).id;
    await db.update(proposals).set({ published: true, publishedAt: new Date() }).where(eq(proposals.id, foreign));
    for (const id of [open, privateReply]) {
      const r = await staff.post(`/api/v1/proposals/${id}/publish`, { published: true, version: 1 });
      expect(r.status).toBe(200);
    }
    expect((await staff.post(`/api/v1/proposals/${key}/key`, { leaderIds: [w.leaderId], version: 1 })).status).toBe(200);
    const leader = await login(app, w.users.leader.username);
    const act = await leader.post(`/api/v1/proposals/${key}/supervision-activities`, {
      kind: 'site_visit', activityDate: '2025-05-10', place: '公交枢纽站', participants: '陈副市长、交通部门', content: '实地察看公交枢纽建设', instructions: '加快建设',
    });
    expect(act.status).toBe(201);
    await db.insert(followUps).values({ tenantId: w.tenantId, proposalId: key, unitId: w.units.nongye, body: '枢纽站已开工', completed: false, createdBy: w.users.unit.id });
    expect((await staff.post(`/api/v1/proposals/${key}/publish`, { published: true, version: 2 })).status).toBe(200);
  });

  it('requires the tenant and lists only its published proposals', async () => {
    const missing = await pub.get('/api/v1/public/proposals');
    expect(missing.status).toBe(400);
    expect(missing.body.details[0].path).toBe('querystring.tenantId');
    const r = await pub.get(`/api/v1/public/proposals?tenantId=${w.tenantId}&sessionId=${w.sessionId}`);
    expect(r.status).toBe(200);
    const ids = r.body.items.map((i: { id: number }) => i.id);
    expect(ids).toEqual(expect.arrayContaining([open, privateReply, key]));
    expect(ids).not.toContain(hidden);
    expect(ids).not.toContain(foreign);
    expect(r.body.total).toBe(ids.length);
    assertNoPersonalData(r.body);
    const other = await pub.get(`/api/v1/public/proposals?tenantId=${w.otherTenantId}`);
    expect(other.body.items.map((i: { id: number }) => i.id)).toEqual([foreign]);
  });

  it('searches and filters', async () => {
    const q = await pub.get(`/api/v1/public/proposals?tenantId=${w.tenantId}&q=${encodeURIComponent('垃圾分类')}`);
    expect(q.body.items.map((i: { id: number }) => i.id)).toEqual([privateReply]);
    const keys = await pub.get(`/api/v1/public/proposals?tenantId=${w.tenantId}&isKey=true`);
    expect(keys.body.items.map((i: { id: number }) => i.id)).toEqual([key]);
    const paged = await pub.get(`/api/v1/public/proposals?tenantId=${w.tenantId}&pageSize=1&page=2`);
    expect(paged.body.items).toHaveLength(1);
    expect(paged.body.total).toBe(3);
  });

  it('shows a published proposal with names and 界别 only, and the reply only when public', async () => {
    const r = await pub.get(`/api/v1/public/proposals/${open}?tenantId=${w.tenantId}`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      title: '关于完善城乡公交网络的建议',
      body: '建议优化公交线路。',
      category: 'urban',
      leadUnit: '农业农村局',
      resultClass: 'A',
      proposers: [{ name: '王建国', sector: '经济界' }, { name: '民盟测试市基层委', sector: '党派团体' }],
      reply: { body: '已新增公交线路三条。', resultClass: 'A' },
    });
    assertNoPersonalData(r.body);
    const priv = await pub.get(`/api/v1/public/proposals/${privateReply}?tenantId=${w.tenantId}`);
    expect(priv.status).toBe(200);
    expect(priv.body.reply).toBeNull();
    expect(priv.body.resultClass).toBe('A');
    expect(JSON.stringify(priv.body)).not.toContain('已新增公交线路三条');
  });

  it('answers 404 for unpublished proposals and for the wrong tenant', async () => {
    expect((await pub.get(`/api/v1/public/proposals/${hidden}?tenantId=${w.tenantId}`)).status).toBe(404);
    expect((await pub.get(`/api/v1/public/proposals/${open}?tenantId=${w.otherTenantId}`)).status).toBe(404);
    expect((await pub.get(`/api/v1/public/proposals/${foreign}?tenantId=${w.tenantId}`)).status).toBe(404);
    expect((await pub.get(`/api/v1/public/proposals/${open}`)).status).toBe(400);
  });

  it('shows key proposals with their leaders and what was done', async () => {
    const list = await pub.get(`/api/v1/public/key-proposals?tenantId=${w.tenantId}&sessionId=${w.sessionId}`);
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({ id: key, leaders: [{ name: '陈副市长', title: '副市长' }], leadUnit: '农业农村局', resultClass: 'A' });
    assertNoPersonalData(list.body);
    const d = await pub.get(`/api/v1/public/proposals/${key}?tenantId=${w.tenantId}`);
    expect(d.body.leaders).toEqual([{ name: '陈副市长', title: '副市长' }]);
    expect(d.body.supervisionActivities).toEqual([{ kind: 'site_visit', activityDate: '2025-05-10', place: '公交枢纽站', content: '实地察看公交枢纽建设' }]);
    expect(d.body.followUps).toMatchObject([{ body: '枢纽站已开工', completed: false }]);
    assertNoPersonalData(d.body);
  });

  it('lists the sessions of a tenant', async () => {
    const r = await pub.get(`/api/v1/public/sessions?tenantId=${w.tenantId}`);
    expect(r.status).toBe(200);
    expect(r.body.items.map((s: { id: number }) => s.id)).toEqual([w.sessionId]);
    const tenants = await pub.get('/api/v1/public/tenants');
    expect(tenants.body.items.map((t: { id: number }) => t.id)).toEqual(expect.arrayContaining([w.tenantId, w.otherTenantId]));
    assertNoPersonalData(r.body);
  });
});

describe('one portal (issue 16)', () => {
  const publish = (id: number) => db.update(proposals).set({ published: true, publishedAt: new Date('2025-06-20T02:00:00Z') }).where(eq(proposals.id, id));

  it('names the default region, the same for every page: the one with the most published content', async () => {
    const p = await proposalIn('closed', { disclosure: 'public' });
    await publish(p.id);
    const r = await pub.get('/api/v1/public/tenants');
    expect(r.status).toBe(200);
    const items = r.body.items as { id: number; hasPublished: boolean }[];
    expect(items.find((x) => x.id === w.tenantId)?.hasPublished).toBe(true);
    // Both test regions have published proposals; this one has more.
    expect(items.find((x) => x.id === w.otherTenantId)?.hasPublished).toBe(true);
    expect(r.body.defaultTenantId).toBe(w.tenantId);
    // A region with nothing published says so, and is never the default.
    const [empty] = await db.insert(tenants).values({ name: '空白县', level: 'county', code: 'T-EMPTY' }).returning();
    const again = await pub.get('/api/v1/public/tenants');
    expect(again.body.items.find((x: { id: number }) => x.id === empty!.id)).toMatchObject({ name: '空白县', hasPublished: false });
    expect(again.body.defaultTenantId).not.toBe(empty!.id);
  });

  it('shows the session (届次) of a public proposal, in the list and the detail', async () => {
    const p = await proposalIn('closed', { disclosure: 'public' });
    await publish(p.id);
    const d = await pub.get(`/api/v1/public/proposals/${p.id}?tenantId=${w.tenantId}`);
    expect(d.body).toMatchObject({ sessionName: '十一届四次会议', sessionYear: 2025, replyAvailability: 'public' });
    const list = await pub.get(`/api/v1/public/proposals?tenantId=${w.tenantId}&sessionId=${w.sessionId}&pageSize=100`);
    expect(list.body.items.find((i: { id: number }) => i.id === p.id)).toMatchObject({ sessionName: '十一届四次会议', sessionYear: 2025 });
  });

  it('says a reply is 依申请公开 without showing it, and does not tell a withheld reply from none', async () => {
    const onRequest = await proposalIn('closed', { disclosure: 'on_request' });
    const privateOne = await proposalIn('closed', { disclosure: 'private' });
    const unanswered = await proposalIn('handling');
    for (const p of [onRequest, privateOne, unanswered]) await publish(p.id);
    const get = (id: number) => pub.get(`/api/v1/public/proposals/${id}?tenantId=${w.tenantId}`);
    const a = await get(onRequest.id);
    expect(a.body).toMatchObject({ replyAvailability: 'on_request', reply: null });
    expect(JSON.stringify(a.body)).not.toContain('已新增公交线路三条');
    expect((await get(privateOne.id)).body).toMatchObject({ replyAvailability: 'withheld', reply: null });
    expect((await get(unanswered.id)).body).toMatchObject({ replyAvailability: 'withheld', reply: null });
  });

  it('gives 公开发布 its page in one request: publication day and the replies’ disclosure marks', async () => {
    const marked = await proposalIn('replied', { disclosure: 'on_request' });
    await publish(marked.id);
    const plain = await proposalIn('replied');
    const r = await staff.get(`/api/v1/proposals/publication?status=replied&pageSize=100`);
    expect(r.status).toBe(200);
    const byId = new Map((r.body.items as { id: number }[]).map((i) => [i.id, i]));
    expect(byId.get(marked.id)).toMatchObject({ published: true, publishedAt: '2025-06-20T02:00:00.000Z', replyDisclosures: [{ unitName: '农业农村局', disclosure: 'on_request' }] });
    expect(byId.get(plain.id)).toMatchObject({ published: false, publishedAt: null, replyDisclosures: [] });
    // Staff of another tenant do not see them; a member may not open the screen's list at all.
    const other = await login(app, w.users.otherStaff.username);
    const theirs = await other.get(`/api/v1/proposals/publication?status=replied&pageSize=100`);
    expect(theirs.body.items.map((i: { id: number }) => i.id)).not.toContain(marked.id);
    const member = await login(app, w.users.member.username);
    expect((await member.get('/api/v1/proposals/publication')).status).toBe(403);
  });
});
