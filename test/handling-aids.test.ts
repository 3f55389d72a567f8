import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { setupHandling, type Fixture } from './handling-fixture.js';
import { auditLog, proposals, replyDrafts, replyTemplates, sessions } from '../src/server/db/schema.js';
import { scanUnsignedAssignments } from '../src/server/jobs/scan-unsigned.js';

// Issue 16's handling aids: a unit's reply templates, the reply draft on the server, the lead unit
// suggested at 交办 and the assignments flagged 超期未签收.

let f: Fixture;
beforeAll(async () => {
  f = await setupHandling('2025-03-10');
}, 180_000);
afterAll(async () => f?.close());

const url = (id: number, action: string) => `/api/v1/proposals/${id}/${action}`;
const TEMPLATES = '/api/v1/units/me/reply-templates';
const audits = async (action: string) => (await f.database.db.select().from(auditLog).where(eq(auditLog.action, action))).length;

async function filedWith(title: string, body: string): Promise<number> {
  const created = await f.c.member.post('/api/v1/proposals', { sessionId: f.w.sessionId, title, body, category: 'social', coProposers: [] });
  expect(created.status).toBe(201);
  await f.database.db.update(proposals).set({ status: 'submitted', submittedAt: new Date() }).where(eq(proposals.id, created.body.id));
  const r = await f.c.staff.post(url(created.body.id, 'review'), { decision: 'file', version: created.body.version });
  expect(r.status).toBe(200);
  return created.body.id as number;
}

async function assign(id: number, body: Record<string, unknown>) {
  const r = await f.c.staff.post(url(id, 'assign'), { ...body, version: await f.version(id) });
  expect(r.status).toBe(200);
}

describe('reply templates (答复模板)', () => {
  it('are kept by the unit’s users, sanitised, named once per unit, audited', async () => {
    const made = await f.c.unit.post(TEMPLATES, { name: 'B类通用', body: '<p onclick="x()">经研究，<strong>已列入</strong>计划<script>alert(1)</script></p>' });
    expect(made.status).toBe(201);
    expect(made.body.body).toBe('<p>经研究，<strong>已列入</strong>计划</p>');
    expect((await f.c.unit.post(TEMPLATES, { name: 'B类通用', body: '<p>另一个</p>' })).status).toBe(409);
    // Another unit may use the same name: the names are per unit.
    expect((await f.c.unit2.post(TEMPLATES, { name: 'B类通用', body: '<p>教育局的</p>' })).status).toBe(201);
    const list = await f.c.unit.get(TEMPLATES);
    expect(list.body.items.map((t: { name: string }) => t.name)).toEqual(['B类通用']);
    const edited = await f.c.unit.patch(`${TEMPLATES}/${made.body.id}`, { name: 'B类（计划解决）', version: 1 });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ name: 'B类（计划解决）', version: 2 });
    expect((await f.c.unit.patch(`${TEMPLATES}/${made.body.id}`, { name: '旧版本', version: 1 })).status).toBe(409);
    expect(await audits('reply_template.create')).toBe(2);
    expect(await audits('reply_template.update')).toBe(1);
  });

  it('are invisible to another unit and closed to other roles', async () => {
    const [mine] = (await f.c.unit.get(TEMPLATES)).body.items;
    expect((await f.c.unit3.patch(`${TEMPLATES}/${mine.id}`, { name: '偷改', version: mine.version })).status).toBe(404);
    expect((await f.c.unit3.delete(`${TEMPLATES}/${mine.id}`)).status).toBe(404);
    expect((await f.c.otherUnit.delete(`${TEMPLATES}/${mine.id}`)).status).toBe(404);
    expect((await f.c.unit3.get(TEMPLATES)).body.items).toEqual([]);
    expect((await f.c.staff.get(TEMPLATES)).status).toBe(403);
    expect((await f.c.member.post(TEMPLATES, { name: 'x', body: 'y' })).status).toBe(403);
    expect((await f.c.unit.post(TEMPLATES, { name: '空', body: '<p> </p>' })).status).toBe(400);
    expect((await f.c.unit.post(TEMPLATES, { name: 'a\u0000', body: 'y' })).status).toBe(400);
    expect((await f.c.unit.delete(`${TEMPLATES}/${mine.id}`)).status).toBe(200);
    expect(await f.database.db.select().from(replyTemplates).where(eq(replyTemplates.id, mine.id))).toEqual([]);
    expect(await audits('reply_template.delete')).toBe(1);
  });
});

describe('the reply draft on the server', () => {
  let id: number;
  beforeAll(async () => {
    id = await f.filed('关于提升农村公路养护水平的建议');
    await assign(id, { mode: 'joint', leadUnitId: f.w.units.nongye, coUnitIds: [f.w.units.jiaoyu] });
    expect((await f.c.unit.post(url(id, 'sign'), {})).status).toBe(200);
    expect((await f.c.unit2.post(url(id, 'sign'), {})).status).toBe(200);
  });

  it('is saved with a version, read back, and not overwritten by a stale editor', async () => {
    expect((await f.c.unit.get(url(id, 'reply-draft'))).body).toEqual({ draft: null });
    const first = await f.c.unit.put(url(id, 'reply-draft'), { resultClass: 'B', body: '<p>经研究<img src=x onerror=alert(1)></p>', contactPerson: '张明 0573-85012345' });
    expect(first.status).toBe(200);
    expect(first.body.draft).toMatchObject({ resultClass: 'B', body: '<p>经研究</p>', contactPerson: '张明 0573-85012345', version: 1, updatedByName: expect.any(String) });
    // The phone number is encrypted at rest like the reply's.
    const [row] = await f.database.db.select().from(replyDrafts).where(eq(replyDrafts.proposalId, id));
    expect(row!.contactPerson).toBeTruthy();
    expect(row!.contactPerson).not.toContain('85012345');
    // Another tab that never saw version 1 cannot save over it.
    expect((await f.c.unit.put(url(id, 'reply-draft'), { body: '<p>另一个标签页</p>' })).status).toBe(409);
    const second = await f.c.unit.put(url(id, 'reply-draft'), { resultClass: 'B', body: '<p>经研究，已列入计划</p>', signerName: '王局长', version: 1 });
    expect(second.body.draft.version).toBe(2);
    expect((await f.c.unit.get(url(id, 'reply-draft'))).body.draft).toMatchObject({ body: '<p>经研究，已列入计划</p>', signerName: '王局长', version: 2 });
    expect(await f.audits(id, 'reply_draft.save')).toBe(2);
  });

  it('is the lead unit’s: a co-unit is refused, another unit does not see the proposal', async () => {
    expect((await f.c.unit2.put(url(id, 'reply-draft'), { body: 'x' })).status).toBe(403);
    expect((await f.c.unit3.get(url(id, 'reply-draft'))).status).toBe(404);
    expect((await f.c.otherUnit.get(url(id, 'reply-draft'))).status).toBe(404);
    expect((await f.c.staff.get(url(id, 'reply-draft'))).status).toBe(403);
  });

  it('is cleared when the reply is sent, and then cannot be saved again', async () => {
    expect((await f.c.unit2.post(url(id, 'co-opinions'), { body: '同意' })).status).toBeLessThan(300);
    const r = await f.c.unit.post(url(id, 'replies'), { resultClass: 'B', body: '<p>经研究，已列入计划逐步解决。</p>', disclosure: 'public', signerName: '王局长', version: await f.version(id) });
    expect(r.status).toBe(200);
    expect(await f.database.db.select().from(replyDrafts).where(eq(replyDrafts.proposalId, id))).toEqual([]);
    expect((await f.c.unit.get(url(id, 'reply-draft'))).body).toEqual({ draft: null });
    expect((await f.c.unit.put(url(id, 'reply-draft'), { body: '<p>晚了</p>' })).status).toBe(409);
  });

  it('counts the text of a rich-text C-class reply, not its tags', async () => {
    const other = await f.filed('关于建设乡村文化礼堂的建议');
    await assign(other, { mode: 'single', leadUnitId: f.w.units.nongye });
    await f.c.unit.post(url(other, 'sign'), {});
    const short = await f.c.unit.post(url(other, 'replies'), { resultClass: 'C', body: '<p><strong>经费不足</strong></p><p>暂缓</p>', disclosure: 'public', signerName: '王局长', version: await f.version(other) });
    expect(short.status).toBe(400);
    expect(short.body.details[0].path).toBe('body.body');
  });
});

describe('the lead unit suggested at 交办', () => {
  const CARE = '随着人口老龄化加深，居家养老服务需求快速增长。建议完善居家养老服务体系，扩大社区养老服务覆盖面，加强养老护理人员培训。';
  let fresh: number;
  beforeAll(async () => {
    const a = await filedWith('关于完善居家养老服务体系的建议', CARE);
    const b = await filedWith('关于推进社区居家养老服务的建议', '社区居家养老服务可以让老人在家门口享受照料。建议完善居家养老服务设施布局，加强养老护理人员培训。');
    const c = await filedWith('关于加强居家养老护理人员培训的建议', '居家养老护理人员不足，建议加强养老护理人员培训，完善居家养老服务体系。');
    await filedWith('关于深化河长制推动河湖长治的建议', '河长制实施以来，河湖面貌明显改善。建议深化河长制，压实各级河长责任。');
    await assign(a, { mode: 'single', leadUnitId: f.w.units.weijian });
    await assign(b, { mode: 'joint', leadUnitId: f.w.units.weijian, coUnitIds: [f.w.units.jiaoyu] });
    await assign(c, { mode: 'single', leadUnitId: f.w.units.jiaoyu });
    fresh = await filedWith('关于发展居家养老服务的建议', '建议完善居家养老服务体系，加强养老护理人员培训，扩大社区养老服务覆盖面。');
  }, 180_000);

  it('names the unit that led most of the similar proposals, weighted by similarity', async () => {
    const r = await f.c.staff.get(url(fresh, 'lead-suggestion'));
    expect(r.status).toBe(200);
    expect(r.body.suggestion).toMatchObject({ unitId: f.w.units.weijian, unitName: '卫生健康局', count: 2 });
    expect(r.body.candidates.map((c: { unitId: number }) => c.unitId)).toEqual([f.w.units.weijian, f.w.units.jiaoyu]);
    expect(r.body.considered).toBe(3);
    expect(r.body.candidates[0].weight).toBeGreaterThan(r.body.candidates[1].weight);
    expect((await f.c.office.get(url(fresh, 'lead-suggestion'))).body.suggestion.unitId).toBe(f.w.units.weijian);
  });

  it('suggests nothing without similar assigned proposals, and only to staff and the office of the tenant', async () => {
    const lone = await filedWith('关于规范共享单车停放秩序的建议', '共享单车乱停乱放影响市容。建议划定停放区域，加强企业管理责任。');
    expect((await f.c.staff.get(url(lone, 'lead-suggestion'))).body).toEqual({ suggestion: null, candidates: [], considered: 0 });
    expect((await f.c.unit.get(url(fresh, 'lead-suggestion'))).status).toBe(403);
    expect((await f.c.member.get(url(fresh, 'lead-suggestion'))).status).toBe(403);
    expect((await f.c.otherStaff.get(url(fresh, 'lead-suggestion'))).status).toBe(404);
  });
});

describe('超期未签收', () => {
  let id: number;
  const unsigned = async () => {
    const r = await f.c.office.get('/api/v1/assignments/unsigned');
    expect(r.status).toBe(200);
    return r.body as { items: { proposalId: number; unitId: number; workingDays: number; threshold: number }[]; total: number };
  };
  const mine = async () => (await unsigned()).items.filter((i) => i.proposalId === id);

  beforeAll(async () => {
    await f.setDay('2025-04-07'); // a Monday
    id = await f.filed('关于优化城乡公交线网的建议');
    await assign(id, { mode: 'joint', leadUnitId: f.w.units.nongye, coUnitIds: [f.w.units.jiaoyu] });
    expect((await f.c.unit2.post(url(id, 'sign'), {})).status).toBe(200);
  });

  it('flags an assignment unsigned more than the session’s working days (default 3), on the board and to the unit once', async () => {
    await f.setDay('2025-04-10'); // 3 working days after 交办
    expect(await mine()).toEqual([]);
    await scanUnsignedAssignments(f.database.db, '2025-04-10');
    expect(await f.notices(f.w.users.unit.id, 'assignment.unsigned', id)).toEqual([]);
    await f.setDay('2025-04-11'); // the 4th
    expect(await mine()).toEqual([expect.objectContaining({ unitId: f.w.units.nongye, workingDays: 4, threshold: 3 })]);
    await scanUnsignedAssignments(f.database.db, '2025-04-11');
    await scanUnsignedAssignments(f.database.db, '2025-04-14');
    const notices = await f.notices(f.w.users.unit.id, 'assignment.unsigned', id);
    expect(notices).toHaveLength(1);
    expect(notices[0]!.message).toContain('4个工作日仍未签收');
    expect(await f.notices(f.w.users.unit2.id, 'assignment.unsigned', id)).toEqual([]);
  });

  it('follows the session’s setting and the working-day calendar, and ends with the 签收', async () => {
    await f.database.db.update(sessions).set({ signAlertWorkingDays: 5 }).where(eq(sessions.id, f.w.sessionId));
    expect(await mine()).toEqual([]);
    await f.setDay('2025-04-14'); // Monday: the weekend did not count, 5 working days
    expect(await mine()).toEqual([]);
    await f.setDay('2025-04-15');
    expect((await mine()).map((i) => i.workingDays)).toEqual([6]);
    // Another tenant's staff sees none of it; a unit may not read the board.
    expect((await f.c.otherStaff.get('/api/v1/assignments/unsigned')).body.items.filter((i: { proposalId: number }) => i.proposalId === id)).toEqual([]);
    expect((await f.c.unit.get('/api/v1/assignments/unsigned')).status).toBe(403);
    expect((await f.c.unit.post(url(id, 'sign'), {})).status).toBe(200);
    expect(await mine()).toEqual([]);
    await f.database.db.update(sessions).set({ signAlertWorkingDays: 3 }).where(and(eq(sessions.id, f.w.sessionId)));
  });
});
