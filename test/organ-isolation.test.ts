import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { freshDatabase } from './helpers/db.js';
import { buildWorld, TEST_PASSWORD, type World } from './helpers/world.js';
import { login, type Client } from './helpers/api.js';
import { buildApp } from '../src/server/http/app.js';
import type { Database } from '../src/server/db/client.js';
import type { App } from '../src/server/http/types.js';
import { members, notifications, proposals, sessions, taskLists, tasks, users } from '../src/server/db/schema.js';
import { hashPassword } from '../src/server/auth/passwords.js';

// Two organs in one jurisdiction: the CPPCC committee's staff (提案委) and the NPC standing
// committee's staff (选联工委) each see and act only on their own organ's sessions and items. Every
// route that takes a proposal, session, reply, assignment or attachment id is walked with the other
// organ's item, both ways, and must answer 404 exactly as for another tenant's; lists, search,
// similar proposals, exports and notifications must not show the other organ's items either.

let database: Database;
let app: App;
let w: World;
const clock = new Date('2026-03-10T02:00:00Z');

interface Item {
  id: number;
  sessionId: number;
  replyId: number;
  assignmentId: number;
  attachmentId: number;
  title: string;
}
let cppcc: Item;
let npc: Item;
let cppccStaff: Client;
let npcStaff: Client;
let office: Client;
let taskId: number;

const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from('测试内容')]);

async function throughReply(author: Client, staff: Client, [unit, coUnit]: [Client, Client], sessionId: number, kind: 'proposal' | 'suggestion', title: string): Promise<Item> {
  const created = await author.post('/api/v1/proposals', { sessionId, kind, title, body: '关于农村饮用水安全保障的问题分析和具体建议', category: 'agriculture' });
  expect(created.status).toBe(201);
  const id = created.body.id as number;
  const att = await author.post(`/api/v1/proposals/${id}/attachments`, { fileName: '调研报告.pdf', mimeType: 'application/pdf', contentBase64: PDF.toString('base64') });
  expect(att.status).toBe(201);
  expect((await author.post(`/api/v1/proposals/${id}/submit`, { version: 1 })).status).toBe(200);
  const version = async () => (await database.db.select({ v: proposals.version }).from(proposals).where(eq(proposals.id, id)))[0]!.v;
  expect((await staff.post(`/api/v1/proposals/${id}/review`, { decision: 'file', version: await version() })).status).toBe(200);
  const assigned = await staff.post(`/api/v1/proposals/${id}/assign`, { mode: 'joint', leadUnitId: w.units.nongye, coUnitIds: [w.units.jiaoyu], version: await version() });
  expect(assigned.status).toBe(200);
  expect((await unit.post(`/api/v1/proposals/${id}/sign`, { version: await version() })).status).toBe(200);
  // The co-unit gives its 会办意见 (the lead may reply only after it), then asks to leave, so that
  // the item also has an objection waiting for a decision.
  expect((await coUnit.post(`/api/v1/proposals/${id}/sign`, { version: await version() })).status).toBe(200);
  expect((await coUnit.post(`/api/v1/proposals/${id}/co-opinions`, { body: '同意主办单位意见，教育部门将配合做好相关工作。', version: await version() })).status).toBe(201);
  expect((await coUnit.post(`/api/v1/proposals/${id}/object`, { reason: '不属于本单位职责范围', version: await version() })).status).toBe(200);
  const reply = await unit.post(`/api/v1/proposals/${id}/replies`, {
    resultClass: 'B', body: '已列入年度计划逐步解决。', disclosure: 'public', signerName: '张局长', version: await version(),
  });
  expect(reply.status).toBe(200);
  const detail = await staff.get(`/api/v1/proposals/${id}`);
  expect(detail.status).toBe(200);
  const replyId = detail.body.replies[0].id as number;
  const assignmentId = detail.body.assignments.find((a: { unitId: number }) => a.unitId === w.units.jiaoyu).id as number;
  return { id, sessionId, replyId, assignmentId, attachmentId: att.body.id, title };
}

beforeAll(async () => {
  database = await freshDatabase();
  const db = database.db;
  w = await buildWorld(db);
  app = await buildApp({ db, now: () => clock });
  // The NPC side of the same city: its session, two deputies and the 选联工委 staff account.
  const [npcSession] = await db.insert(sessions).values({ tenantId: w.tenantId, kind: 'suggestion', name: '十八届五次会议', term: 18, meeting: 5, year: 2026 }).returning();
  const hash = await hashPassword(TEST_PASSWORD);
  const [deputyUser, npcStaffUser] = await db
    .insert(users)
    .values([
      { tenantId: w.tenantId, username: 't_deputy', displayName: '钱代表', passwordHash: hash, roles: ['member'] },
      { tenantId: w.tenantId, username: 't_npc_staff', displayName: '选联工委', passwordHash: hash, roles: ['staff'], organ: 'npc' },
    ])
    .returning();
  await db.insert(members).values({ tenantId: w.tenantId, kind: 'suggestion', name: '钱代表', sector: '当湖代表团', userId: deputyUser!.id });
  expect(npcStaffUser!.organ).toBe('npc');

  cppccStaff = await login(app, w.users.staff.username);
  npcStaff = await login(app, 't_npc_staff');
  office = await login(app, w.users.office.username);
  const units: [Client, Client] = [await login(app, w.users.unit.username), await login(app, w.users.unit2.username)];
  cppcc = await throughReply(await login(app, w.users.member.username), cppccStaff, units, w.sessionId, 'proposal', '关于加强农村饮用水安全保障的建议');
  npc = await throughReply(await login(app, 't_deputy'), npcStaff, units, npcSession!.id, 'suggestion', '关于农村饮用水水源地保护的建议');

  const [list] = await db.insert(taskLists).values({ tenantId: w.tenantId, title: '2026年政府重点工作任务', year: 2026, createdBy: w.users.office.id }).returning();
  const [task] = await db
    .insert(tasks)
    .values({ tenantId: w.tenantId, listId: list!.id, leaderName: '陈副市长', groupOrder: 1, seq: 1, text: '保障农村饮用水安全', contentKey: 'k1', dueDate: '2026-12-31' })
    .returning();
  taskId = task!.id;
});
afterAll(async () => {
  await app.close();
  await database.close();
});

/** A body that passes each write route's validation, so that only visibility can stop the call. */
function bodyFor(method: string, url: string, it: Item): unknown {
  const v = { version: 1 };
  const bodies: Record<string, unknown> = {
    'POST /api/v1/proposals/:id/review': { decision: 'file', ...v },
    'POST /api/v1/proposals/:id/assign': { mode: 'single', leadUnitId: w.units.weijian, ...v },
    'POST /api/v1/proposals/:id/objections/:assignmentId/decide': { decision: 'rejected', comment: '不同意调整', ...v },
    'POST /api/v1/proposals/:id/extend': { deadline: '2026-12-31', reason: '情况复杂', ...v },
    'POST /api/v1/proposals/:id/remind': {},
    'POST /api/v1/proposals/:id/close': { ...v },
    'POST /api/v1/proposals/:id/key': { leaderIds: [w.leaderId], ...v },
    'POST /api/v1/proposals/:id/unkey': { ...v },
    'POST /api/v1/proposals/:id/publish': { published: true, ...v },
    'POST /api/v1/proposals/:id/supervision-activities': { kind: 'discussion', activityDate: '2026-05-01', place: '会议室', participants: '各方', content: '座谈' },
    'POST /api/v1/tasks/:id/proposals': { proposalId: it.id },
    'POST /api/v1/proposals/:id/reply-review/approve': { ...v },
    'POST /api/v1/proposals/:id/reply-review/return': { reason: '请补充办理措施', ...v },
    'POST /api/v1/proposals/:id/evaluations': { attitude: 'satisfied', result: 'satisfied', ...v },
    'POST /api/v1/proposals/:id/cosign/record': { memberId: w.members.li, ...v },
  };
  const key = `${method} ${url}`;
  if (!(key in bodies)) throw new Error(`organ isolation: no request body for ${key}; add one to bodyFor so that the route is walked`);
  return bodies[key];
}

/** The route's URL with the other organ's ids, or null when it takes no id of an organ's item. */
function fill(url: string, it: Item): string | null {
  if (!/:[A-Za-z]+/.test(url)) return null;
  const ids: Record<string, number> = { attachmentId: it.attachmentId, assignmentId: it.assignmentId, proposalId: it.id };
  let out = url;
  if (/^\/api\/v1\/(proposals|replies|sessions|tasks)\/:id/.test(url)) {
    const head = url.split('/')[3]!;
    ids.id = { proposals: it.id, replies: it.replyId, sessions: it.sessionId, tasks: taskId }[head]!;
  }
  for (const [name, value] of Object.entries(ids)) out = out.replace(`:${name}`, String(value));
  if (/:[A-Za-z]+/.test(out)) return null; // units, users, task lists … are not an organ's
  // /tasks/:id alone is the task, not the organ's item; only its proposal links are walked.
  if (/^\/api\/v1\/tasks\/:id(\/periods|$)/.test(url)) return null;
  return out;
}

async function walk(c: Client, other: Item) {
  const failures: string[] = [];
  let walked = 0;
  for (const r of app.apiRoutes) {
    if (r.access === 'public' || r.access === 'authenticated' || r.access === 'platform' || !r.access.includes('staff')) continue;
    const url = fill(r.url, other);
    if (!url) continue;
    walked++;
    const res =
      r.method === 'GET'
        ? await c.get(url)
        : r.method === 'DELETE'
          ? await c.delete(url)
          : r.method === 'POST'
            ? await c.post(url, bodyFor(r.method, r.url, other))
            : r.method === 'PATCH'
              ? await c.patch(url, bodyFor(r.method, r.url, other))
              : await c.put(url, bodyFor(r.method, r.url, other));
    if (res.status !== 404 || res.body?.code !== 'NOT_FOUND') failures.push(`${r.method} ${r.url} → ${res.status} ${JSON.stringify(res.body).slice(0, 100)}`);
  }
  return { failures, walked };
}

describe('organ isolation', () => {
  it('walks every staff route with the NPC item as the CPPCC staff: all 404, nothing changed', { timeout: 120_000 }, async () => {
    const before = (await database.db.select().from(proposals).where(eq(proposals.id, npc.id)))[0]!;
    const { failures, walked } = await walk(cppccStaff, npc);
    expect(failures).toEqual([]);
    expect(walked).toBeGreaterThan(20);
    const after = (await database.db.select().from(proposals).where(eq(proposals.id, npc.id)))[0]!;
    expect(after.version).toBe(before.version);
    expect(after.isKey).toBe(false);
  });

  it('walks every staff route with the CPPCC item as the NPC staff: all 404', { timeout: 120_000 }, async () => {
    const { failures } = await walk(npcStaff, cppcc);
    expect(failures).toEqual([]);
  });

  it('lets each organ’s staff and the office read the item the other staff cannot (the walk used live ids)', async () => {
    for (const [c, it] of [[npcStaff, npc], [cppccStaff, cppcc], [office, npc], [office, cppcc]] as const) {
      expect((await c.get(`/api/v1/proposals/${it.id}`)).status).toBe(200);
      expect((await c.get(`/api/v1/proposals/${it.id}/history`)).status).toBe(200);
      expect((await c.get(`/api/v1/proposals/${it.id}/attachments/${it.attachmentId}`)).status).toBe(200);
      expect((await c.get(`/api/v1/replies/${it.replyId}/letter.docx`)).status).toBe(200);
      expect((await c.get(`/api/v1/sessions/${it.sessionId}/figures`)).status).toBe(200);
      expect((await c.get(`/api/v1/sessions/${it.sessionId}/unit-stats.xlsx`)).status).toBe(200);
    }
  });

  it('lists, searches and exports only the staff’s organ; the office sees both', async () => {
    const ids = async (c: Client, url: string) => (await c.get(url)).body.items.map((i: { id: number }) => i.id) as number[];
    expect(await ids(cppccStaff, '/api/v1/proposals?pageSize=100')).toEqual([cppcc.id]);
    expect(await ids(npcStaff, '/api/v1/proposals?pageSize=100')).toEqual([npc.id]);
    expect((await ids(office, '/api/v1/proposals?pageSize=100')).sort()).toEqual([cppcc.id, npc.id].sort());
    expect(await ids(cppccStaff, `/api/v1/proposals?sessionId=${npc.sessionId}`)).toEqual([]);
    expect(await ids(cppccStaff, `/api/v1/search?q=${encodeURIComponent('饮用水')}`)).toEqual([cppcc.id]);
    expect(await ids(npcStaff, `/api/v1/search?q=${encodeURIComponent('饮用水')}`)).toEqual([npc.id]);

    const sessionsOf = async (c: Client) => ((await c.get('/api/v1/sessions')).body as { id: number }[]).map((s) => s.id);
    expect(await sessionsOf(cppccStaff)).toEqual([w.sessionId]);
    expect(await sessionsOf(npcStaff)).toEqual([npc.sessionId]);
    expect((await sessionsOf(office)).sort()).toEqual([w.sessionId, npc.sessionId].sort());

    const exported = await cppccStaff.get('/api/v1/proposals/export.xlsx');
    expect(exported.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await app.inject({ method: 'GET', url: '/api/v1/proposals/export.xlsx', headers: await headersOf(w.users.staff.username) })).rawPayload as never);
    const cells = book.worksheets.flatMap((s) => s.getSheetValues().flat().map(String));
    expect(cells.some((t) => t.includes(cppcc.title))).toBe(true);
    expect(cells.some((t) => t.includes(npc.title))).toBe(false);
  });

  it('offers no similar proposal, merge or bulk assignment across organs', async () => {
    const similar = await cppccStaff.get(`/api/v1/proposals/${cppcc.id}/similar`);
    expect(similar.status).toBe(200);
    expect(similar.body.proposals.map((p: { id: number }) => p.id)).not.toContain(npc.id);
    const draft = await cppccStaff.post('/api/v1/similar', { title: npc.title, body: '农村饮用水水源地保护' });
    expect(draft.status).toBe(200);
    expect(draft.body.proposals.map((p: { id: number }) => p.id)).not.toContain(npc.id);
    expect((await cppccStaff.post('/api/v1/similar', { title: npc.title, sessionId: npc.sessionId })).status).toBe(404);

    // A filed CPPCC proposal as the primary, the NPC item as the one merged into it: 404, not 409.
    const member = await login(app, w.users.member.username);
    const created = await member.post('/api/v1/proposals', { sessionId: w.sessionId, kind: 'proposal', title: '关于农村供水管网改造的建议', body: '正文', category: 'agriculture' });
    expect((await member.post(`/api/v1/proposals/${created.body.id}/submit`, { version: 1 })).status).toBe(200);
    const filed = await cppccStaff.post(`/api/v1/proposals/${created.body.id}/review`, { decision: 'file', version: 2 });
    expect(filed.status).toBe(200);
    const merge = await cppccStaff.post('/api/v1/proposals/merge', { primaryId: created.body.id, secondaryIds: [npc.id], versions: { [created.body.id]: filed.body.version, [npc.id]: 1 } });
    expect(merge.status).toBe(404);
    const bulk = await cppccStaff.post('/api/v1/proposals/assign-bulk', { mode: 'single', leadUnitId: w.units.weijian, items: [{ id: npc.id, version: 1 }] });
    expect(bulk.status).toBe(404);
    // The office's batch work carries the ids in the body: the other organ's item is not found and
    // stays as it was.
    const before = await database.db.select().from(proposals).where(eq(proposals.id, npc.id));
    for (const [url, body] of [
      ['/api/v1/proposals/file-bulk', { items: [{ id: npc.id, version: 1 }] }],
      ['/api/v1/proposals/publish-bulk', { items: [{ id: npc.id, version: 1 }] }],
      ['/api/v1/proposals/remind-bulk', { items: [{ id: npc.id }] }],
    ] as const) {
      const r = await cppccStaff.post(url, body);
      expect(r.status, url).toBe(404);
    }
    expect(await database.db.select().from(proposals).where(eq(proposals.id, npc.id))).toEqual(before);
    expect((await cppccStaff.get(`/api/v1/proposals/merge-check?primaryId=${created.body.id}&secondaryIds=${npc.id}`)).status).not.toBe(200);
  });

  it('keeps key proposals, objections and notifications within the organ', async () => {
    const key = await npcStaff.post(`/api/v1/proposals/${npc.id}/key`, { leaderIds: [w.leaderId], version: (await database.db.select().from(proposals).where(eq(proposals.id, npc.id)))[0]!.version });
    expect(key.status).toBe(200);
    const keyIds = async (c: Client, q = '') => (await c.get(`/api/v1/key-proposals${q}`)).body.items.map((k: { id: number }) => k.id);
    expect(await keyIds(cppccStaff)).toEqual([]);
    expect(await keyIds(npcStaff)).toEqual([npc.id]);
    expect(await keyIds(office)).toEqual([npc.id]);
    expect(await keyIds(cppccStaff, `?sessionId=${npc.sessionId}`)).toEqual([]);

    const objectionIds = async (c: Client) => (await c.get('/api/v1/objections')).body.items.map((o: { proposalId: number }) => o.proposalId);
    expect(await objectionIds(cppccStaff)).not.toContain(npc.id);
    expect(await objectionIds(npcStaff)).toEqual([npc.id]);
    expect(await objectionIds(cppccStaff)).toEqual([cppcc.id]);

    // The submission, the reply and the objection each told the NPC staff, and never the CPPCC staff.
    const noticesOf = async (userId: number) =>
      (await database.db.select().from(notifications).where(eq(notifications.userId, userId))).map((n) => n.proposalId);
    expect(await noticesOf(w.users.staff.id)).not.toContain(npc.id);
    const npcStaffId = (await database.db.select().from(users).where(eq(users.username, 't_npc_staff')))[0]!.id;
    expect(await noticesOf(npcStaffId)).toContain(npc.id);
    expect(await noticesOf(npcStaffId)).not.toContain(cppcc.id);
    const unread = await cppccStaff.get('/api/v1/notifications?pageSize=100');
    expect(unread.body.items.map((n: { proposalId: number | null }) => n.proposalId)).not.toContain(npc.id);
  });

  it('gives each organ its own numbering from 1', async () => {
    const rows = await database.db.select({ id: proposals.id, number: proposals.number }).from(proposals);
    expect(rows.find((r) => r.id === cppcc.id)!.number).toBe(1);
    expect(rows.find((r) => r.id === npc.id)!.number).toBe(1);
  });
});

async function headersOf(username: string) {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: TEST_PASSWORD } });
  const cookie = res.cookies.find((c) => c.name === 'duban_sid')!;
  return { cookie: `duban_sid=${cookie.value}` };
}
