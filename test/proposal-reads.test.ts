import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { freshDatabase } from './helpers/db.js';
import { buildWorld, type World } from './helpers/world.js';
import { login, type Client } from './helpers/api.js';
import { buildApp } from '../src/server/http/app.js';
import type { Database } from '../src/server/db/client.js';
import type { App } from '../src/server/http/types.js';
import {
  assignments,
  attachments,
  keyProposalLeaders,
  members,
  proposals,
  proposers,
  replies,
} from '../src/server/db/schema.js';
import type { State } from '../src/shared/lifecycle.js';
import { appendAudit } from '../src/server/domain/audit-chain.js';
import { indexProposals } from '../src/server/search/index-proposals.js';
import type { Category, UnitRole, AssignmentStatus } from '../src/shared/domain.js';

// The lifecycle use cases are being written in parallel, so the data is inserted directly.

let database: Database;
let app: App;
let w: World;
const c = {} as Record<'member' | 'member2' | 'member3' | 'group' | 'staff' | 'office' | 'unit' | 'unit2' | 'unit3' | 'leader' | 'sysadmin' | 'otherStaff', Client>;
const P = {} as Record<'draft' | 'handling' | 'assigned' | 'submitted' | 'cosign' | 'other' | 'replied' | 'primary' | 'secondary', number>;

interface Seed {
  status: State;
  title: string;
  createdBy: number;
  proposers: { memberId?: number; bodyId?: number; confirmation?: 'lead' | 'pending' | 'confirmed' | 'declined' }[];
  body?: string;
  category?: Category;
  number?: number;
  isKey?: boolean;
  overdue?: boolean;
  deadline?: string;
  mergedInto?: number;
  tenantId?: number;
  sessionId?: number;
  units?: { unitId: number; role: UnitRole; status: AssignmentStatus }[];
  leaderIds?: number[];
}

async function seed(s: Seed): Promise<number> {
  const db = database.db;
  const tenantId = s.tenantId ?? w.tenantId;
  const [p] = await db
    .insert(proposals)
    .values({
      tenantId,
      sessionId: s.sessionId ?? w.sessionId,
      kind: 'proposal',
      title: s.title,
      body: s.body ?? '正文内容',
      category: s.category ?? 'economy',
      submittedDuring: 'plenary',
      status: s.status,
      number: s.number ?? null,
      createdBy: s.createdBy,
      submittedAt: s.status === 'draft' ? null : new Date('2025-01-10T02:00:00Z'),
      isKey: s.isKey ?? false,
      overdue: s.overdue ?? false,
      deadline: s.deadline ?? null,
      mergedInto: s.mergedInto ?? null,
    })
    .returning();
  const id = p!.id;
  if (s.proposers.length) await db.insert(proposers).values(
    s.proposers.map((x, i) => ({
      tenantId,
      proposalId: id,
      position: i,
      memberId: x.memberId ?? null,
      bodyId: x.bodyId ?? null,
      confirmation: x.confirmation ?? (i === 0 ? ('lead' as const) : ('confirmed' as const)),
    })),
  );
  if (s.units?.length) {
    await db.insert(assignments).values(
      s.units.map((u, i) => ({ tenantId, proposalId: id, unitId: u.unitId, role: u.role, position: i, status: u.status, assignedAt: '2025-03-05' })),
    );
  }
  for (const leaderId of s.leaderIds ?? []) await db.insert(keyProposalLeaders).values({ tenantId, proposalId: id, leaderId });
  // As every use case that writes a title or body does: the list's search box reads the search index.
  await indexProposals(db, [id]);
  return id;
}

const ids = (r: { body: { items: { id: number }[] } }) => r.body.items.map((i) => i.id).sort((a, b) => a - b);
const sorted = (...xs: number[]) => [...xs].sort((a, b) => a - b);

beforeAll(async () => {
  database = await freshDatabase();
  w = await buildWorld(database.db);
  app = await buildApp({ db: database.db });
  for (const k of Object.keys(w.users) as (keyof World['users'])[]) {
    if (k in { member: 1, member2: 1, member3: 1, group: 1, staff: 1, office: 1, unit: 1, unit2: 1, unit3: 1, leader: 1, sysadmin: 1, otherStaff: 1 }) {
      c[k as keyof typeof c] = await login(app, w.users[k].username);
    }
  }
  await database.db.update(members).set({ phone: '13800000001' }).where(eq(members.id, w.members.wang));
  const { wang, li, zhao } = w.members;
  const u = w.units;
  P.draft = await seed({ status: 'draft', title: '关于草稿事项的建议', createdBy: w.users.member.id, proposers: [{ memberId: wang }] });
  P.handling = await seed({
    status: 'handling', title: '关于加强农村饮用水安全保障的建议', createdBy: w.users.member.id, number: 1, category: 'agriculture',
    proposers: [{ memberId: wang }, { memberId: li }], isKey: true, deadline: '2025-06-10',
    units: [{ unitId: u.nongye, role: 'lead', status: 'signed' }, { unitId: u.jiaoyu, role: 'co', status: 'signed' }],
    leaderIds: [w.leaderId],
  });
  P.assigned = await seed({
    status: 'assigned', title: '关于推进校园食堂100%明厨亮灶的建议', createdBy: w.users.member2.id, number: 2, category: 'education',
    proposers: [{ memberId: li }], overdue: true, deadline: '2025-05-01',
    units: [{ unitId: u.jiaoyu, role: 'lead', status: 'pending' }, { unitId: u.weijian, role: 'co', status: 'removed' }],
  });
  P.submitted = await seed({
    status: 'submitted', title: '关于优化基层医疗_服务的建议', createdBy: w.users.group.id, category: 'health',
    proposers: [{ bodyId: w.bodyId }], body: '建议推广家庭医生签约服务',
  });
  P.cosign = await seed({
    status: 'pending_cosign', title: '关于完善养老服务体系的建议', createdBy: w.users.member3.id, category: 'social',
    proposers: [{ memberId: zhao }, { memberId: wang, confirmation: 'pending' }],
  });
  P.other = await seed({
    status: 'filed', title: '关于县域教育均衡发展的建议', createdBy: w.users.otherStaff.id, number: 1, tenantId: w.otherTenantId,
    sessionId: w.otherSessionId, proposers: [],
  });
  P.replied = await seed({
    status: 'replied', title: '关于发展设施农业的建议', createdBy: w.users.member2.id, number: 3, category: 'agriculture',
    proposers: [{ memberId: li }], deadline: '2025-06-20', units: [{ unitId: u.nongye, role: 'lead', status: 'signed' }],
  });
  P.primary = await seed({ status: 'filed', title: '关于城市停车难治理的建议', createdBy: w.users.member3.id, number: 5, category: 'urban', proposers: [{ memberId: zhao }] });
  P.secondary = await seed({
    status: 'merged', title: '关于缓解老城区停车难的建议', createdBy: w.users.member2.id, number: 6, category: 'urban',
    proposers: [{ memberId: li }, { memberId: wang }], mergedInto: P.primary,
  });
  await database.db.insert(replies).values({
    tenantId: w.tenantId, proposalId: P.replied, unitId: u.nongye, isLead: true, sequence: 1, resultClass: 'A', body: '答复正文',
    disclosure: 'public', signerName: '张局长', signedAt: new Date('2025-05-20T02:00:00Z'), dueDate: '2025-06-20', replyDate: '2025-05-20',
    createdBy: w.users.unit.id,
  });
  await database.db.insert(attachments).values({
    tenantId: w.tenantId, proposalId: P.handling, fileName: '调研报告.pdf', mimeType: 'application/pdf', size: 4,
    content: Buffer.from('%PDF'), uploadedBy: w.users.member.id,
  });
});
afterAll(async () => {
  await app.close();
  await database.close();
});

describe('visibility', () => {
  it('shows a member their own proposals and joint ones, not others\'', async () => {
    const r = await c.member.get('/api/v1/proposals');
    expect(r.status).toBe(200);
    const seen = ids(r);
    expect(seen).toEqual(expect.arrayContaining([P.draft, P.handling, P.cosign, P.secondary]));
    // P.primary may also appear: proposers of a merged secondary follow its primary (proposal-access).
    for (const hidden of [P.assigned, P.submitted, P.replied, P.other]) expect(seen).not.toContain(hidden);
  });

  it('shows a unit only the proposals assigned to it, and 404 on another unit\'s by id', async () => {
    expect(ids(await c.unit.get('/api/v1/proposals'))).toEqual(sorted(P.handling, P.replied));
    expect(ids(await c.unit2.get('/api/v1/proposals'))).toEqual(sorted(P.handling, P.assigned));
    // 卫生健康局 was removed from P.assigned: it no longer sees it.
    expect((await c.unit3.get('/api/v1/proposals')).body.total).toBe(0);
    expect((await c.unit3.get(`/api/v1/proposals/${P.assigned}`)).status).toBe(404);
    expect((await c.unit.get(`/api/v1/proposals/${P.assigned}`)).status).toBe(404);
    expect((await c.unit.get(`/api/v1/proposals/${P.assigned}/history`)).status).toBe(404);
  });

  it('shows staff and office the whole tenant except drafts', async () => {
    const all = sorted(P.handling, P.assigned, P.submitted, P.cosign, P.replied, P.primary, P.secondary);
    expect(ids(await c.staff.get('/api/v1/proposals'))).toEqual(all);
    expect(ids(await c.office.get('/api/v1/proposals'))).toEqual(all);
    expect((await c.staff.get(`/api/v1/proposals/${P.draft}`)).status).toBe(404);
  });

  it('shows a leader only the proposals they supervise', async () => {
    expect(ids(await c.leader.get('/api/v1/proposals'))).toEqual([P.handling]);
    expect((await c.leader.get(`/api/v1/proposals/${P.replied}`)).status).toBe(404);
  });

  it('keeps tenants apart: 404 across tenants', async () => {
    expect(ids(await c.otherStaff.get('/api/v1/proposals'))).toEqual([P.other]);
    expect((await c.otherStaff.get(`/api/v1/proposals/${P.handling}`)).status).toBe(404);
    expect((await c.otherStaff.get(`/api/v1/proposals/${P.handling}/history`)).status).toBe(404);
    expect((await c.staff.get(`/api/v1/proposals/${P.other}`)).status).toBe(404);
  });

  it('refuses the administrators', async () => {
    expect((await c.sysadmin.get('/api/v1/proposals')).status).toBe(403);
    expect((await c.sysadmin.get(`/api/v1/proposals/${P.handling}`)).status).toBe(403);
  });
});

describe('list filters, sort and paging', () => {
  const list = (qs: string) => c.staff.get(`/api/v1/proposals?${qs}`);

  it('filters by one or several states', async () => {
    expect(ids(await list('status=assigned,handling'))).toEqual(sorted(P.handling, P.assigned));
    expect(ids(await list('status=merged'))).toEqual([P.secondary]);
    const bad = await list('status=handling,bogus');
    expect(bad.status).toBe(400);
    expect(bad.body.details[0].path).toBe('querystring.status');
    expect(bad.body.message).toContain('状态无效');
  });

  it('filters by unit (ignoring removed assignments), key, overdue, category, session, kind', async () => {
    expect(ids(await list(`unitId=${w.units.jiaoyu}`))).toEqual(sorted(P.handling, P.assigned));
    expect((await list(`unitId=${w.units.weijian}`)).body.total).toBe(0);
    expect(ids(await list('isKey=true'))).toEqual([P.handling]);
    expect((await list('isKey=false')).body.total).toBe(6);
    expect(ids(await list('overdue=true'))).toEqual([P.assigned]);
    expect(ids(await list('category=health'))).toEqual([P.submitted]);
    expect((await list(`sessionId=${w.sessionId}&kind=proposal`)).body.total).toBe(7);
    expect((await list('kind=suggestion')).body.total).toBe(0);
    const bad = await list('isKey=yes');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('是否重点提案');
  });

  it('filters by proposer: a member or a body in any position', async () => {
    expect(ids(await list(`memberId=${w.members.li}`))).toEqual(sorted(P.handling, P.assigned, P.replied, P.secondary));
    expect(ids(await list(`bodyId=${w.bodyId}`))).toEqual([P.submitted]);
  });

  it('searches title and body, treating % and _ literally', async () => {
    expect(ids(await list(`q=${encodeURIComponent('100%')}`))).toEqual([P.assigned]);
    expect(ids(await list('q=_'))).toEqual([P.submitted]);
    expect(ids(await list(`q=${encodeURIComponent('家庭医生')}`))).toEqual([P.submitted]);
    expect(ids(await list(`q=${encodeURIComponent('停车')}`))).toEqual(sorted(P.primary, P.secondary));
  });

  it('finds a proposal by its number, typed as 3 or 第3号', async () => {
    const [third] = (await list('sort=number:asc&status=handling,assigned,replied,filed,merged')).body.items.filter((i: { number: number }) => i.number === 3);
    expect(third).toBeDefined();
    expect(ids(await list('q=3'))).toContain(third.id);
    const byLabel = ids(await list(`q=${encodeURIComponent('第3号')}`));
    expect(byLabel).toEqual([third.id]);
  });

  it('sorts by an allow-listed field only', async () => {
    const byNumber = await list('sort=number:asc&status=handling,assigned,replied,filed,merged');
    expect(byNumber.body.items.map((i: { number: number }) => i.number)).toEqual([1, 2, 3, 5, 6]);
    const byDeadline = await list('sort=deadline:desc');
    // Undated proposals go last whatever the direction.
    expect(byDeadline.body.items.slice(0, 3).map((i: { id: number }) => i.id)).toEqual([P.replied, P.handling, P.assigned]);
    for (const bad of ['body', 'number:up', 'title:asc:x', 'id']) {
      const r = await list(`sort=${bad}`);
      expect(r.status, bad).toBe(400);
      expect(r.body.message).toContain('排序方式无效');
    }
  });

  it('pages with at most 100 rows', async () => {
    const p1 = await list('pageSize=3&page=1&sort=number:asc');
    const p3 = await list('pageSize=3&page=3&sort=number:asc');
    expect(p1.body).toMatchObject({ total: 7, page: 1, pageSize: 3 });
    expect(p1.body.items).toHaveLength(3);
    expect(p3.body.items).toHaveLength(1);
    expect((await list('pageSize=101')).status).toBe(400);
    expect((await list('pageSize=0')).status).toBe(400);
    expect((await list('page=0')).status).toBe(400);
    expect((await list('page=9')).body).toMatchObject({ items: [], total: 7 });
  });

  it('gives each item the names a list shows', async () => {
    const r = await list('isKey=true');
    expect(r.body.items[0]).toMatchObject({
      id: P.handling,
      number: 1,
      status: 'handling',
      statusLabel: '办理中',
      sessionName: '十一届四次会议',
      leadProposerName: '王建国',
      proposerCount: 2,
      leadUnitName: '农业农村局',
      coUnitNames: ['教育局'],
      separateUnitNames: [],
      isKey: true,
    });
    expect(r.body.items[0].body).toBeUndefined();
    const bodyItem = (await list(`bodyId=${w.bodyId}`)).body.items[0];
    expect(bodyItem).toMatchObject({ leadProposerName: '民盟测试市基层委', leadUnitName: null, coUnitNames: [] });
  });
});

describe('detail', () => {
  it('shows the proposal with its proposers, units, leaders and attachments', async () => {
    const r = await c.staff.get(`/api/v1/proposals/${P.handling}`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      id: P.handling,
      body: '正文内容',
      statusLabel: '办理中',
      session: { id: w.sessionId, name: '十一届四次会议' },
      leaders: [{ leaderId: w.leaderId, name: '陈副市长', title: '副市长' }],
      mergeGroup: null,
    });
    expect(r.body.proposers.map((p: { name: string }) => p.name)).toEqual(['王建国', '李秀英']);
    expect(r.body.proposers[0]).toMatchObject({ kind: 'member', sector: '经济界', party: '民盟', confirmation: 'lead', phone: '13800000001' });
    expect(r.body.assignments.map((a: { unitName: string; role: string }) => [a.unitName, a.role])).toEqual([['农业农村局', 'lead'], ['教育局', 'co']]);
    expect(r.body.attachments).toEqual([expect.objectContaining({ fileName: '调研报告.pdf', size: 4 })]);
    expect(r.body.attachments[0].content).toBeUndefined();
  });

  it('hides phone numbers from everyone but staff', async () => {
    for (const client of [c.member, c.unit, c.leader, c.office]) {
      const r = await client.get(`/api/v1/proposals/${P.handling}`);
      expect(r.status).toBe(200);
      expect(r.body.proposers[0]).not.toHaveProperty('phone');
      expect(JSON.stringify(r.body)).not.toContain('13800000001');
    }
  });

  it('shows replies of a replied proposal', async () => {
    const r = await c.member2.get(`/api/v1/proposals/${P.replied}`);
    expect(r.body.replies).toEqual([expect.objectContaining({ unitName: '农业农村局', resultClass: 'A', sequence: 1, isLead: true })]);
  });

  it('shows the merge group from both sides', async () => {
    const primary = await c.staff.get(`/api/v1/proposals/${P.primary}`);
    expect(primary.body.mergeGroup).toEqual({
      role: 'primary',
      primary: { id: P.primary, number: 5, title: '关于城市停车难治理的建议', proposerNames: ['赵志强'] },
      secondaries: [{ id: P.secondary, number: 6, title: '关于缓解老城区停车难的建议', proposerNames: ['李秀英', '王建国'] }],
    });
    const secondary = await c.member.get(`/api/v1/proposals/${P.secondary}`);
    expect(secondary.body.mergeGroup).toMatchObject({ role: 'secondary', primary: { id: P.primary, number: 5 }, secondaries: [] });
  });
});

describe('availableActions', () => {
  const actions = async (client: Client, id: number) => {
    const r = await client.get(`/api/v1/proposals/${id}`);
    expect(r.status).toBe(200);
    return r.body.availableActions as string[];
  };

  it('lets the lead unit reply and a co-unit give its opinion', async () => {
    const lead = await actions(c.unit, P.handling);
    expect(lead).toEqual(expect.arrayContaining(['reply', 'record_contact']));
    expect(lead).not.toContain('add_co_opinion');
    expect(lead).not.toContain('sign');
    const co = await actions(c.unit2, P.handling);
    expect(co).toContain('add_co_opinion');
    expect(co).not.toContain('reply');
  });

  it('offers sign only to a unit with a pending assignment', async () => {
    // Assigned on 2025-03-05: the 申请调整 window (5 working days) closed on 2025-03-12, so 申请调整 is
    // shown disabled with its last day rather than offered (the server would refuse it).
    const r = await c.unit2.get(`/api/v1/proposals/${P.assigned}`);
    expect(r.body.availableActions).toContain('sign');
    expect(r.body.availableActions).not.toContain('object');
    expect(r.body.unavailableActions).toEqual([{ action: 'object', reason: '申请调整期限至2025年3月12日，已截止' }]);
    expect(r.body.objectionWindow).toEqual({ lastDay: '2025-03-12', open: false });
    expect(await actions(c.unit, P.handling)).not.toContain('sign');
  });

  it('gives staff, office and leaders their own actions', async () => {
    const staff = await actions(c.staff, P.handling);
    expect(staff).toEqual(expect.arrayContaining(['extend_deadline', 'remind', 'designate_key', 'add_supervision']));
    expect(staff).not.toContain('reply');
    expect(await actions(c.leader, P.handling)).toEqual(['add_supervision']);
    expect(await actions(c.staff, P.submitted)).toEqual(['file', 'reject', 'return']);
    // Not a key proposal: nothing to supervise.
    expect(await actions(c.staff, P.replied)).not.toContain('add_supervision');
    expect(await actions(c.office, P.primary)).toEqual(['assign']);
  });

  it('narrows proposer actions to the actor\'s relation', async () => {
    expect(await actions(c.member, P.draft)).toEqual(['edit', 'submit', 'withdraw']);
    expect(await actions(c.member, P.cosign)).toEqual(['confirm_cosign', 'decline_cosign']);
    expect(await actions(c.member3, P.cosign)).toEqual(['withdraw']);
    expect(await actions(c.member2, P.replied)).toEqual(['evaluate']);
    // A co-proposer of a handled proposal has nothing to do.
    expect(await actions(c.member2, P.handling)).toEqual([]);
  });

  it('does not offer reply to a unit that has already answered', async () => {
    await database.db.update(proposals).set({ status: 'handling' }).where(eq(proposals.id, P.replied));
    expect(await actions(c.unit, P.replied)).not.toContain('reply');
    await database.db.update(proposals).set({ status: 'replied' }).where(eq(proposals.id, P.replied));
  });
});

describe('history', () => {
  it('lists the audit rows oldest first with the changed fields', async () => {
    const long = '长'.repeat(300);
    const base = { id: P.handling, status: 'assigned', title: 'T', body: '短', version: 3 };
    await appendAudit(database.db, [
      { tenantId: w.tenantId, actorId: w.users.member.id, action: 'proposal.create', entityType: 'proposal', entityId: P.handling, proposalId: P.handling, after: base, at: new Date('2025-01-01T01:00:00Z') },
      {
        tenantId: w.tenantId, actorId: w.users.unit.id, action: 'assignment.sign', entityType: 'assignment', entityId: 1, proposalId: P.handling,
        before: base, after: { ...base, status: 'handling', body: long, version: 4, extra: 1 }, at: new Date('2025-03-06T01:00:00Z'),
      },
      { tenantId: w.tenantId, actorId: null, action: 'proposal.overdue', entityType: 'proposal', entityId: P.handling, proposalId: P.handling, at: new Date('2025-02-01T01:00:00Z') },
      { tenantId: w.tenantId, actorId: w.users.staff.id, action: 'proposal.file', entityType: 'proposal', entityId: P.assigned, proposalId: P.assigned },
    ]);
    const r = await c.member.get(`/api/v1/proposals/${P.handling}/history`);
    expect(r.status).toBe(200);
    expect(r.body.items.map((i: { action: string }) => i.action)).toEqual(['proposal.create', 'proposal.overdue', 'assignment.sign']);
    const [create, overdue, sign] = r.body.items;
    expect(create).toMatchObject({ actorName: 't_member', changes: [] });
    expect(overdue.actorName).toBeNull();
    expect(sign).toMatchObject({ actorName: 't_unit', entityType: 'assignment', at: '2025-03-06T01:00:00.000Z' });
    // jsonb does not keep key order.
    const byField = Object.fromEntries(sign.changes.map((ch: { field: string }) => [ch.field, ch]));
    expect(Object.keys(byField).sort()).toEqual(['body', 'status']);
    expect(byField.status).toEqual({ field: 'status', before: 'assigned', after: 'handling' });
    expect(byField.body.before).toBe('短');
    expect(byField.body.after).toHaveLength(201);
  });

  it('answers 404 for a proposal the actor cannot see', async () => {
    expect((await c.member3.get(`/api/v1/proposals/${P.handling}/history`)).status).toBe(404);
    expect((await c.member.get('/api/v1/proposals/987654/history')).status).toBe(404);
  });
});
