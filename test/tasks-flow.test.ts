import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, like } from 'drizzle-orm';
import { freshDatabase } from './helpers/db.js';
import { buildWorld, type World } from './helpers/world.js';
import { anonymous, login, type Client } from './helpers/api.js';
import { buildApp } from '../src/server/http/app.js';
import type { Database, Db } from '../src/server/db/client.js';
import type { App } from '../src/server/http/types.js';
import { leaders, notifications, proposals, tasks } from '../src/server/db/schema.js';
import { scanTenantTasks } from '../src/server/jobs/scan-task-deadlines.js';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const TABLE = [
  '分管市长 | 序号 | 主要工作任务 | 责任单位 |',
  '陈副市长 | 1 | 新增城镇就业8000人以上。 | ★农业农村局、教育局 |',
  '2 | 推进高标准农田建设。 | 农业农村局 |',
  '刘副市长 | 1 | 新建义务教育学校3所。 | 教育局、卫生健康局 |',
  '2 | 提升基层医疗服务能力。 | ★卫生健康局 |',
].join('\n');

let database: Database;
let db: Db;
let app: App;
let late: App;
let w: World;
let office: Client;
let staff: Client;
let leader: Client;
let nongye: Client;
let jiaoyu: Client;
let weijian: Client;
let listId: number;
let periodId: number;
let t: { jobs: number; farmland: number; schools: number; clinics: number };

beforeAll(async () => {
  database = await freshDatabase();
  db = database.db;
  w = await buildWorld(db);
  app = await buildApp({ db, now: () => new Date('2025-04-01T02:00:00Z') });
  // The same database seen after the period's due date.
  late = await buildApp({ db, now: () => new Date('2025-04-15T02:00:00Z') });
  office = await login(app, w.users.office.username);
  staff = await login(app, w.users.staff.username);
  leader = await login(app, w.users.leader.username);
  nongye = await login(app, w.users.unit.username);
  jiaoyu = await login(app, w.users.unit2.username);
  weijian = await login(app, w.users.unit3.username);
  await db.insert(leaders).values({ tenantId: w.tenantId, name: '刘副市长', title: '副市长' });
  listId = (await office.post('/api/v1/task-lists', { title: '2025年政府工作报告重点工作任务', year: 2025 })).body.id;
  const imp = await office.post(`/api/v1/task-lists/${listId}/import/commit`, { fileName: 't.txt', contentBase64: b64(TABLE), unitMapping: {} });
  expect(imp.body.created).toBe(4);
  const rows = await db.select().from(tasks).where(eq(tasks.listId, listId)).orderBy(tasks.groupOrder, tasks.seq);
  t = { jobs: rows[0]!.id, farmland: rows[1]!.id, schools: rows[2]!.id, clinics: rows[3]!.id };
  expect(rows[0]!.leaderId).toBe(w.leaderId);
});
afterAll(async () => {
  await app.close();
  await late.close();
  await database.close();
});

const report = (c: Client, taskId: number, body: object) => c.put(`/api/v1/tasks/${taskId}/periods/${periodId}/report`, body);

describe('a reporting period', () => {
  it('is opened by the office with a due date, and the lead units hear of it', async () => {
    expect((await staff.post(`/api/v1/task-lists/${listId}/periods`, { label: '一季度', kind: 'quarter', startDate: '2025-01-01', endDate: '2025-03-31', dueDate: '2025-04-10' })).status).toBe(403);
    const r = await office.post(`/api/v1/task-lists/${listId}/periods`, { label: '一季度', kind: 'quarter', startDate: '2025-01-01', endDate: '2025-03-31', dueDate: '2025-04-10' });
    expect(r.status).toBe(201);
    expect(r.body.status).toBe('open');
    periodId = r.body.id;
    const notes = await db.select().from(notifications).where(and(eq(notifications.kind, 'task.period_open')));
    const users = new Set(notes.map((n) => n.userId));
    // 农业农村局, 教育局 and 卫生健康局 lead something; 教育局 leads the all-lead school task.
    expect(users).toEqual(new Set([w.users.unit.id, w.users.unit2.id, w.users.unit3.id]));
    expect(notes[0]!.message).toContain('2025年4月10日');
    const dup = await office.post(`/api/v1/task-lists/${listId}/periods`, { label: '一季度', kind: 'quarter', startDate: '2025-01-01', endDate: '2025-03-31', dueDate: '2025-04-10' });
    expect(dup.status).toBe(409);
  });

  it('lets the lead unit write, submit, get returned, edit and resubmit; the office accepts', async () => {
    const detail = await nongye.get(`/api/v1/tasks/${t.jobs}`);
    expect(detail.status).toBe(200);
    expect(detail.body.targets).toEqual([{ id: expect.any(Number), label: '新增城镇就业', targetValue: 8000, unit: '人' }]);
    const targetId = detail.body.targets[0].id;
    const saved = await report(nongye, t.jobs, { progress: '一季度新增城镇就业2100人。', status: 'on_track', figures: [{ targetId, value: 2100 }] });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ isLead: true, state: 'draft', version: 1, figures: [{ targetId, value: 2100 }] });

    const stale = await report(nongye, t.jobs, { progress: '改', status: 'on_track', version: 7 });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('STALE_VERSION');
    const noVersion = await report(nongye, t.jobs, { progress: '改', status: 'on_track' });
    expect(noVersion.body.code).toBe('STALE_VERSION');

    const sub = await nongye.post(`/api/v1/task-reports/${saved.body.id}/submit`, { version: 1 });
    expect(sub.status).toBe(200);
    expect(sub.body.state).toBe('submitted');
    const officeNote = await db.select().from(notifications).where(and(eq(notifications.userId, w.users.office.id), eq(notifications.kind, 'task.report_submitted')));
    expect(officeNote).toHaveLength(1);
    const locked = await report(nongye, t.jobs, { progress: '再改', status: 'on_track', version: 2 });
    expect(locked.status).toBe(409);
    expect(locked.body.code).toBe('CONFLICT');

    expect((await office.post(`/api/v1/task-reports/${saved.body.id}/review`, { decision: 'return', version: 2 })).status).toBe(400);
    const ret = await office.post(`/api/v1/task-reports/${saved.body.id}/review`, { decision: 'return', comment: '请补充重点群体就业数据', version: 2 });
    expect(ret.body).toMatchObject({ state: 'returned', officeComment: '请补充重点群体就业数据' });
    const unitNote = await db.select().from(notifications).where(and(eq(notifications.userId, w.users.unit.id), eq(notifications.kind, 'task.report_returned')));
    expect(unitNote[0]!.message).toContain('请补充重点群体就业数据');
    const staleReview = await office.post(`/api/v1/task-reports/${saved.body.id}/review`, { decision: 'accept', version: 2 });
    expect(staleReview.body.code).toBe('STALE_VERSION');

    const edited = await report(nongye, t.jobs, { progress: '一季度新增城镇就业2100人，其中高校毕业生600人。', status: 'on_track', figures: [{ targetId, value: 2100 }], version: 3 });
    expect(edited.body).toMatchObject({ state: 'returned', version: 4 });
    expect((await nongye.post(`/api/v1/task-reports/${saved.body.id}/submit`, { version: 4 })).body.state).toBe('submitted');
    const acc = await office.post(`/api/v1/task-reports/${saved.body.id}/review`, { decision: 'accept', version: 5 });
    expect(acc.body.state).toBe('accepted');
  });

  it('lets a helping unit add its own part, and nobody report for another unit', async () => {
    const help = await report(jiaoyu, t.jobs, { progress: '组织校园招聘会3场。', figures: [] });
    expect(help.status).toBe(200);
    expect(help.body).toMatchObject({ isLead: false, unitName: '教育局' });
    // 教育局 has nothing to do with the farmland task: it does not even see it.
    expect((await report(jiaoyu, t.farmland, { progress: 'x', status: 'done' })).status).toBe(404);
    expect((await weijian.get(`/api/v1/tasks/${t.jobs}`)).status).toBe(404);
    // A helping unit cannot submit the lead unit's report.
    const lead = (await nongye.get(`/api/v1/tasks/${t.jobs}`)).body.periods[0].reports.find((r: { isLead: boolean }) => r.isLead);
    expect((await jiaoyu.post(`/api/v1/task-reports/${lead.id}/submit`, { version: lead.version })).status).toBe(403);
    // Office and staff do not write reports.
    expect((await office.put(`/api/v1/tasks/${t.jobs}/periods/${periodId}/report`, { progress: 'x' })).status).toBe(403);
  });

  it('reminds (催办) only the lead units that still owe their report', async () => {
    const r = await office.post(`/api/v1/task-periods/${periodId}/remind`, { message: '请于本周内报送' });
    expect(r.status).toBe(200);
    const names = r.body.units.map((u: { name: string }) => u.name).sort();
    expect(names).toEqual(['农业农村局', '卫生健康局', '教育局'].sort());
    expect(r.body.units.find((u: { name: string }) => u.name === '卫生健康局').tasks).toBe(2);
    const notes = await db.select().from(notifications).where(and(eq(notifications.userId, w.users.unit3.id), eq(notifications.kind, 'task.remind')));
    expect(notes[0]!.message).toContain('请于本周内报送');
    expect((await staff.post(`/api/v1/task-periods/${periodId}/remind`, {})).status).toBe(403);
  });
});

describe('traffic lights and roll-ups', () => {
  it('counts lights before and after the due date', async () => {
    const farm = await report(nongye, t.farmland, { progress: '受天气影响进度滞后。', status: 'behind' });
    await nongye.post(`/api/v1/task-reports/${farm.body.id}/submit`, { version: 1 });
    const school = await report(jiaoyu, t.schools, { progress: '已完成。', status: 'done' });
    await jiaoyu.post(`/api/v1/task-reports/${school.body.id}/submit`, { version: 1 });

    // 2025-04-01: the period is due in 6 working days (清明 off), within the warning window.
    const before = await office.get(`/api/v1/task-lists/${listId}/stats?periodId=${periodId}`);
    expect(before.status).toBe(200);
    expect(before.body.overall).toEqual({ green: 1, yellow: 3, red: 0, total: 4 });
    expect(before.body.byStatus).toEqual({ done: 0, on_track: 1, behind: 1, not_started: 0, unreported: 2 });
    const list = await office.get(`/api/v1/task-lists/${listId}/tasks?light=yellow`);
    expect(list.body.items.map((i: { id: number; lightReason: string }) => [i.id, i.lightReason])).toEqual([
      [t.farmland, 'behind'], [t.schools, 'period_due_soon'], [t.clinics, 'period_due_soon'],
    ]);

    // 2025-04-15: behind after the due date, and missing reports, are red.
    const after = await login(late, w.users.office.username);
    const s = await after.get(`/api/v1/task-lists/${listId}/stats`);
    expect(s.body.periodId).toBe(periodId);
    expect(s.body.overall).toEqual({ green: 1, yellow: 0, red: 3, total: 4 });
    expect(s.body.byLeader).toEqual([
      { leaderName: '陈副市长', green: 1, yellow: 0, red: 1, total: 2 },
      { leaderName: '刘副市长', green: 0, yellow: 0, red: 2, total: 2 },
    ]);
    const weijianRow = s.body.byUnit.find((u: { unitName: string }) => u.unitName === '卫生健康局');
    expect(weijianRow).toMatchObject({ red: 2, total: 2 });
    const reds = await after.get(`/api/v1/task-lists/${listId}/tasks?light=red&unitId=${w.units.weijian}`);
    expect(reds.body.items.map((i: { id: number }) => i.id)).toEqual([t.schools, t.clinics]);
    expect(reds.body.items[0].lightReason).toBe('report_overdue');
  });
});

describe('who sees what', () => {
  it('shows a leader only their own group, and a unit only its tasks', async () => {
    const mine = await leader.get(`/api/v1/task-lists/${listId}/tasks`);
    expect(mine.body.items.map((i: { id: number }) => i.id)).toEqual([t.jobs, t.farmland]);
    expect((await leader.get(`/api/v1/tasks/${t.schools}`)).status).toBe(404);
    const lists = await leader.get('/api/v1/task-lists');
    expect(lists.body.items[0].taskCount).toBe(2);
    const edu = await jiaoyu.get(`/api/v1/task-lists/${listId}/tasks`);
    expect(edu.body.items.map((i: { id: number }) => i.id)).toEqual([t.jobs, t.schools]);
    const stats = await leader.get(`/api/v1/task-lists/${listId}/stats`);
    expect(stats.body.overall.total).toBe(2);
  });

  it('refuses the period export to units and other tenants', async () => {
    expect((await nongye.get(`/api/v1/task-periods/${periodId}/export?format=xlsx`)).status).toBe(403);
    const other = await login(app, w.users.otherStaff.username);
    expect((await other.get(`/api/v1/task-periods/${periodId}/export?format=xlsx`)).status).toBe(404);
    expect((await other.get(`/api/v1/tasks/${t.jobs}`)).status).toBe(404);
  });
});

describe('task edits', () => {
  it('changes targets and due date with the version, and refuses a stale one', async () => {
    const d = await office.get(`/api/v1/tasks/${t.jobs}`);
    const target = d.body.targets[0];
    const r = await office.patch(`/api/v1/tasks/${t.jobs}`, { version: d.body.version, dueDate: '2025-11-30', targets: [{ ...target, targetValue: 8500 }, { label: '城镇调查失业率', targetValue: 5.5, unit: '%' }] });
    expect(r.status).toBe(200);
    expect(r.body.dueDate).toBe('2025-11-30');
    expect(r.body.targets.map((x: { id: number; targetValue: number }) => x.targetValue)).toEqual([8500, 5.5]);
    expect(r.body.targets[0].id).toBe(target.id);
    // The figure reported against the kept target still shows.
    expect(r.body.periods[0].reports.find((x: { isLead: boolean }) => x.isLead).figures).toEqual([{ targetId: target.id, value: 2100 }]);
    const stale = await office.patch(`/api/v1/tasks/${t.jobs}`, { version: d.body.version, dueDate: '2025-10-31' });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('STALE_VERSION');
  });
});

describe('publication', () => {
  it('shows the table publicly only once published, without comments or people', async () => {
    const anon = anonymous(app);
    expect((await anon.get(`/api/v1/public/task-periods/${periodId}`)).status).toBe(404);
    const p = (await office.get(`/api/v1/task-lists/${listId}/periods`)).body.items[0];
    const pub = await office.patch(`/api/v1/task-periods/${periodId}`, { status: 'published', version: p.version });
    expect(pub.body.status).toBe('published');
    const r = await anon.get(`/api/v1/public/task-periods/${periodId}`);
    expect(r.status).toBe(200);
    expect(r.body.progressHeader).toBe('一季度重点工作完成情况');
    expect(r.body.rows.map((x: { leaderName: string; firstOfGroup: boolean; seq: number }) => [x.firstOfGroup, x.seq])).toEqual([[true, 1], [false, 2], [true, 1], [false, 2]]);
    expect(r.body.rows[0]).toMatchObject({ units: '★农业农村局、教育局', status: 'on_track', progress: '一季度新增城镇就业2100人，其中高校毕业生600人。' });
    expect(r.body.rows[2].units).toBe('教育局、卫生健康局');
    const json = JSON.stringify(r.body);
    expect(json).not.toContain('请补充');
    expect(json).not.toContain('t_unit');
    const listed = await anon.get(`/api/v1/public/task-periods?tenantId=${w.tenantId}`);
    expect(listed.body.items.map((i: { id: number }) => i.id)).toEqual([periodId]);
    // Published: no more reports.
    expect((await report(weijian, t.clinics, { progress: 'x', status: 'done' })).status).toBe(409);
  });
});

describe('links between tasks and proposals', () => {
  it('are made and removed by staff or office and readable from both sides', async () => {
    const [p] = await db
      .insert(proposals)
      .values({ tenantId: w.tenantId, sessionId: w.sessionId, kind: 'proposal', title: '关于促进高校毕业生就业的建议', body: '正文', category: 'social', submittedDuring: 'plenary', status: 'handling', createdBy: w.users.member.id, number: 9 })
      .returning();
    expect((await nongye.post(`/api/v1/tasks/${t.jobs}/proposals`, { proposalId: p!.id })).status).toBe(403);
    expect((await staff.post(`/api/v1/tasks/${t.jobs}/proposals`, { proposalId: p!.id })).status).toBe(200);
    expect((await office.post(`/api/v1/tasks/${t.jobs}/proposals`, { proposalId: p!.id })).status).toBe(409);
    const fromProposal = await staff.get(`/api/v1/proposals/${p!.id}/tasks`);
    expect(fromProposal.body.items).toEqual([{ id: t.jobs, listId, listTitle: '2025年政府工作报告重点工作任务', leaderName: '陈副市长', seq: 1, text: '新增城镇就业8000人以上。' }]);
    const fromTask = await office.get(`/api/v1/tasks/${t.jobs}`);
    expect(fromTask.body.proposals).toEqual([{ id: p!.id, number: 9, title: '关于促进高校毕业生就业的建议', status: 'handling' }]);
    // A unit not assigned to the proposal does not see it.
    expect((await nongye.get(`/api/v1/proposals/${p!.id}/tasks`)).status).toBe(404);
    expect((await staff.delete(`/api/v1/tasks/${t.jobs}/proposals/${p!.id}`)).status).toBe(200);
    expect((await staff.get(`/api/v1/proposals/${p!.id}/tasks`)).body.items).toEqual([]);
    expect((await staff.delete(`/api/v1/tasks/${t.jobs}/proposals/${p!.id}`)).status).toBe(404);
  });
});

describe('automatic reminders', () => {
  it('remind N working days before the due date across the National Day holiday, once, then flag overdue once', async () => {
    const l = (await office.post('/api/v1/task-lists', { title: '提醒测试', year: 2025 })).body.id;
    await office.post(`/api/v1/task-lists/${l}/import/commit`, { fileName: 'r.txt', contentBase64: b64('分管市长 | 序号 | 主要工作任务 | 责任单位 |\n陈副市长 | 1 | 提升基层医疗服务能力。 | 卫生健康局 |'), unitMapping: {} });
    await office.post(`/api/v1/task-lists/${l}/periods`, { label: '三季度', kind: 'quarter', startDate: '2025-07-01', endDate: '2025-09-30', dueDate: '2025-10-10' });
    const notes = async (kind: string) =>
      (await db.select().from(notifications).where(and(eq(notifications.userId, w.users.unit3.id), eq(notifications.kind, kind), like(notifications.message, '%提醒测试%')))).length;
    const scan = (day: string) => db.transaction((tx) => scanTenantTasks(tx, w.tenantId, day));
    // 9月28日 (a worked Sunday) is 4 working days before 10月10日: the 1–8 October holiday does not count.
    await scan('2025-09-28');
    expect(await notes('task.due_soon')).toBe(0);
    const r = await scan('2025-09-29');
    expect(r.dueSoon).toBe(1);
    expect(await notes('task.due_soon')).toBe(1);
    await scan('2025-09-30');
    await scan('2025-10-10');
    expect(await notes('task.due_soon')).toBe(1);
    expect(await notes('task.overdue')).toBe(0);
    await scan('2025-10-11');
    await scan('2025-10-13');
    expect(await notes('task.overdue')).toBe(1);
    const officeNotes = await db.select().from(notifications).where(and(eq(notifications.userId, w.users.office.id), eq(notifications.kind, 'task.overdue'), like(notifications.message, '%提醒测试%')));
    expect(officeNotes).toHaveLength(1);
    expect(officeNotes[0]!.message).toContain('卫生健康局（1项）');
  });
});
