import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { freshDatabase } from './helpers/db.js';
import { buildWorld, TEST_PASSWORD, type World } from './helpers/world.js';
import { anonymous, login, type Client } from './helpers/api.js';
import { buildApp } from '../src/server/http/app.js';
import type { Database, Db } from '../src/server/db/client.js';
import type { App } from '../src/server/http/types.js';
import { auditLog, taskReports, tasks, taskTargets, taskUnits, units, users } from '../src/server/db/schema.js';
import { hashPassword } from '../src/server/auth/passwords.js';
import { abbreviates, groupUnitNames, matchUnit, regionPrefixes, sameUnitName } from '../src/shared/tasks/unit-names.js';

// Key-task import fidelity (issue 11): progress of a row without ★ kept for the task, 新建 never
// making a twin of a unit, targets confirmed in the preview, the preview telling what will and
// will not be imported, and the template to download.

const here = path.dirname(fileURLToPath(import.meta.url));
const FIXTURE = readFileSync(path.join(here, 'fixtures/tasks-excerpt.txt'), 'utf8');
const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');
const HEADER = '分管市长 | 序号 | 主要工作任务 | 一季度重点工作完成情况 | 责任单位 |';
const MAPPING = { 生态创建办: 'create', 政法委: 'create', 平安建设领导小组成员单位: 'create', 社会工作部: 'create', 发改局: 'create' };
const SHARED_PROGRESS = '两部门联合印发实施方案，已完成年度任务的30%。';
/** The fixture with a row of two units and no ★, whose progress belongs to the task. */
const WITH_SHARED = `${FIXTURE.trimEnd()}\n4 | 推进医养结合，新增医养结合机构5家。 | ${SHARED_PROGRESS} | 教育局、卫生健康局 |\n`;

let database: Database;
let db: Db;
let app: App;
let w: World;
let office: Client;
let unit3: Client;

beforeAll(async () => {
  database = await freshDatabase();
  db = database.db;
  w = await buildWorld(db);
  await db
    .insert(units)
    .values(['发展和改革局', '生态环境分局', '公安局', '残疾人联合会', '应急管理局', '市场监督管理局', '大数据发展管理局'].map((name) => ({ tenantId: w.tenantId, name })));
  app = await buildApp({ db, now: () => new Date('2025-04-01T02:00:00Z') });
  office = await login(app, w.users.office.username);
  unit3 = await login(app, w.users.unit3.username);
});
afterAll(async () => {
  await app.close();
  await database.close();
});

let listNo = 0;
async function newList(withPeriod: 'open' | 'none' = 'none') {
  const r = await office.post('/api/v1/task-lists', { title: `导入核对${++listNo}`, year: 2025 });
  expect(r.status).toBe(201);
  if (withPeriod === 'none') return { listId: r.body.id as number, periodId: 0 };
  const p = await office.post(`/api/v1/task-lists/${r.body.id}/periods`, { label: '一季度', kind: 'quarter', startDate: '2025-01-01', endDate: '2025-03-31', dueDate: '2025-04-10' });
  expect(p.status).toBe(201);
  return { listId: r.body.id as number, periodId: p.body.id as number };
}
const unitCount = async () => (await db.select({ n: sql<number>`count(*)::int` }).from(units).where(eq(units.tenantId, w.tenantId)))[0]!.n;
const unitNamed = async (name: string) => (await db.select().from(units).where(and(eq(units.tenantId, w.tenantId), eq(units.name, name))))[0];

describe('progress of a row whose units all lead (no ★)', () => {
  it('is stored for every lead unit, so the task shows as reported, and is shown once in the list, the export and the public table', async () => {
    const { listId, periodId } = await newList('open');
    const r = await office.post(`/api/v1/task-lists/${listId}/import/commit`, { fileName: 'a.txt', contentBase64: b64(WITH_SHARED), periodId, unitMapping: MAPPING });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ created: 8, reportsCreated: 9, reportsSkipped: 0, progressTasks: 8 });
    const [task] = await db.select().from(tasks).where(and(eq(tasks.listId, listId), eq(tasks.leaderName, '周启程'), eq(tasks.seq, 4)));
    const reports = await db.select().from(taskReports).where(eq(taskReports.taskId, task!.id)).orderBy(taskReports.unitId);
    expect(reports.map((x) => [x.unitId, x.isLead, x.state, x.progress])).toEqual([
      [w.units.jiaoyu, true, 'submitted', SHARED_PROGRESS],
      [w.units.weijian, true, 'submitted', SHARED_PROGRESS],
    ]);

    // The list: reported (序时推进), the text once; no task of the file is left unreported.
    const page = await office.get(`/api/v1/task-lists/${listId}/tasks?periodId=${periodId}&pageSize=50`);
    const shared = page.body.items.find((t: { id: number }) => t.id === task!.id);
    expect(shared).toMatchObject({ status: 'on_track', reportState: 'submitted', progress: SHARED_PROGRESS });
    const stats = await office.get(`/api/v1/task-lists/${listId}/stats?periodId=${periodId}`);
    expect(stats.body.byStatus).toMatchObject({ on_track: 8, unreported: 0 });

    // The period table exported: the text once, not once per unit.
    const li = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: w.users.office.username, password: TEST_PASSWORD } });
    const cookie = li.cookies.find((c) => c.name === 'duban_sid')!;
    const xlsx = await app.inject({ method: 'GET', url: `/api/v1/task-periods/${periodId}/export?format=xlsx`, headers: { cookie: `duban_sid=${cookie.value}` } });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const row = wb.worksheets[0]!.getRow(9);
    expect([row.getCell(3).text, row.getCell(4).text, row.getCell(5).text]).toEqual(['推进医养结合，新增医养结合机构5家。', SHARED_PROGRESS, '教育局、卫生健康局']);

    // And the public table once the period is published.
    const periods = await office.get(`/api/v1/task-lists/${listId}/periods`);
    const pub = await office.patch(`/api/v1/task-periods/${periodId}`, { status: 'published', version: periods.body.items[0].version });
    expect(pub.status).toBe(200);
    const table = await anonymous(app).get(`/api/v1/public/task-periods/${periodId}`);
    expect(table.body.rows.find((x: { seq: number; leaderName: string }) => x.leaderName === '周启程' && x.seq === 4)).toMatchObject({ progress: SHARED_PROGRESS, status: 'on_track' });
  });

  it('keeps a unit’s own report and shows each text under its unit when they differ', async () => {
    const { listId, periodId } = await newList('open');
    const first = `${HEADER}\n李四 | 1 | 共同推进的任务。 |  | 教育局、卫生健康局 |\n`;
    expect((await office.post(`/api/v1/task-lists/${listId}/import/commit`, { fileName: 'a.txt', contentBase64: b64(first), unitMapping: {} })).status).toBe(200);
    const [task] = await db.select().from(tasks).where(eq(tasks.listId, listId));
    const own = await unit3.put(`/api/v1/tasks/${task!.id}/periods/${periodId}/report`, { progress: '卫健局自报：已完成摸底。', status: 'on_track' });
    expect(own.status).toBe(200);
    expect((await unit3.post(`/api/v1/task-reports/${own.body.id}/submit`, { version: own.body.version })).status).toBe(200);

    const again = `${HEADER}\n李四 | 1 | 共同推进的任务。 | 表中汇总：推进顺利。 | 教育局、卫生健康局 |\n`;
    const p = await office.post(`/api/v1/task-lists/${listId}/import/preview`, { fileName: 'a.txt', contentBase64: b64(again), periodId });
    expect(p.body.progress).toMatchObject({ import: 1, reports: 1, alreadyReported: 0, notImported: 0 });
    const c = await office.post(`/api/v1/task-lists/${listId}/import/commit`, { fileName: 'a.txt', contentBase64: b64(again), periodId, unitMapping: {} });
    expect(c.body).toMatchObject({ created: 0, reportsCreated: 1, reportsSkipped: 1, progressTasks: 1 });
    const page = await office.get(`/api/v1/task-lists/${listId}/tasks?periodId=${periodId}`);
    expect(page.body.items[0].progress).toBe('教育局：表中汇总：推进顺利。\n卫生健康局：卫健局自报：已完成摸底。');
    const p2 = await office.post(`/api/v1/task-lists/${listId}/import/preview`, { fileName: 'a.txt', contentBase64: b64(again), periodId });
    expect(p2.body.progress).toMatchObject({ import: 0, reports: 0, alreadyReported: 1 });
    expect(p2.body.tasks[0].progressFate).toBe('already_reported');
  });
});

describe('unit names that match after normalisation', () => {
  it('are recognised by the rules', () => {
    const prefixes = regionPrefixes('平湖市');
    expect(prefixes).toEqual(['平湖市', '平湖']);
    expect(sameUnitName('市 教育局', '教育局', prefixes)).toBe(true);
    expect(sameUnitName('平湖市教育局', '教育局', prefixes)).toBe(true);
    expect(sameUnitName('政法委员会', '政法委', prefixes)).toBe(true);
    expect(sameUnitName('新仓镇人民政府', '新仓镇', prefixes)).toBe(true);
    expect(sameUnitName('当湖街道办事处', '当湖街道', prefixes)).toBe(true);
    expect(sameUnitName('Ｒ＆Ｄ中心', 'R&D中心', prefixes)).toBe(true);
    expect(sameUnitName('市场监督管理局', '场监督管理局', [])).toBe(true); // only as a key; no table prints that
    expect(abbreviates('发改局', '发展和改革局')).toBe(true);
    expect(abbreviates('资规局', '自然资源和规划局')).toBe(true);
    expect(abbreviates('残联', '残疾人联合会')).toBe(true);
    expect(abbreviates('市监局', '市场监督管理局', prefixes)).toBe(true);
    expect(abbreviates('投促中心', '投资促进中心')).toBe(true);
    // Another kind of body, or another start with two characters only, is no short form.
    expect(abbreviates('水务局', '水务集团')).toBe(false);
    expect(abbreviates('卫健委', '卫生健康局')).toBe(false);
    expect(abbreviates('监局', '市场监督管理局')).toBe(false);
    const dir = [{ id: 1, name: '应急管理局' }, { id: 2, name: '市场监督管理局' }, { id: 3, name: '发展和改革局' }];
    expect(matchUnit('管理局', dir)).toEqual({ kind: 'abbreviation', units: [dir[0], dir[1]] });
    expect(matchUnit('市发改局', dir, prefixes)).toEqual({ kind: 'abbreviation', units: [dir[2]] });
    expect(groupUnitNames(['卫健委', '市卫健委', '卫生健康委员会', '社会工作部'], prefixes)).toEqual(
      new Map([['卫健委', '卫生健康委员会'], ['市卫健委', '卫生健康委员会'], ['卫生健康委员会', '卫生健康委员会'], ['社会工作部', '社会工作部']]),
    );
  });

  const TABLE = [
    HEADER,
    '张斌 | 1 | 任务一。 |  | 市 教育局 |',
    '2 | 任务二。 |  | 发改局、残联 |',
    '3 | 任务三。 |  | 卫健委 |',
    '4 | 任务四。 |  | 市卫健委、测试市统战部 |',
    '5 | 任务五。 |  | 统战部、Ｒ＆Ｄ中心 |',
    '6 | 任务六。 |  | R&D中心 |',
  ].join('\n');

  it('are proposed in the preview: known as written, an existing unit proposed, twins of the file shown as one', async () => {
    const { listId } = await newList();
    const p = await office.post(`/api/v1/task-lists/${listId}/import/preview`, { fileName: 'u.txt', contentBase64: b64(TABLE) });
    expect(p.status).toBe(200);
    expect(p.body.knownUnits).toEqual([{ name: '市教育局', unitId: w.units.jiaoyu, unitName: '教育局' }]);
    const byName = Object.fromEntries(p.body.unknownUnits.map((u: { name: string }) => [u.name, u]));
    expect(Object.keys(byName).sort()).toEqual(['R&D中心', '卫健委', '发改局', '市卫健委', '残联', '测试市统战部', '统战部', 'Ｒ＆Ｄ中心'].sort());
    const fagai = (await unitNamed('发展和改革局'))!;
    expect(byName['发改局']).toMatchObject({ match: 'abbreviation', suggestion: { unitId: fagai.id, name: '发展和改革局' }, candidates: [{ unitId: fagai.id, name: '发展和改革局' }] });
    expect(byName['残联']).toMatchObject({ match: 'abbreviation', suggestion: { name: '残疾人联合会' } });
    expect(byName['卫健委']).toMatchObject({ match: null, suggestion: null, createAs: '卫健委', sameAs: ['市卫健委'] });
    expect(byName['市卫健委']).toMatchObject({ createAs: '卫健委', sameAs: ['卫健委'] });
    expect(byName['测试市统战部']).toMatchObject({ createAs: '统战部', sameAs: ['统战部'] });
    expect(byName['Ｒ＆Ｄ中心']).toMatchObject({ createAs: 'R&D中心', sameAs: ['R&D中心'] });
    expect(p.body.tasks[0].units).toEqual([{ name: '市教育局', isLead: true, unitId: w.units.jiaoyu }]);
  });

  it('make 新建 map to the existing unit, and one unit of names that are the same', async () => {
    const { listId } = await newList();
    const before = await unitCount();
    const mapping = Object.fromEntries(['发改局', '残联', '卫健委', '市卫健委', '测试市统战部', '统战部', 'Ｒ＆Ｄ中心', 'R&D中心'].map((n) => [n, 'create']));
    const r = await office.post(`/api/v1/task-lists/${listId}/import/commit`, { fileName: 'u.txt', contentBase64: b64(TABLE), unitMapping: mapping });
    expect(r.status).toBe(200);
    const fagai = (await unitNamed('发展和改革局'))!;
    const canlian = (await unitNamed('残疾人联合会'))!;
    expect(r.body.unitsMatched).toEqual([
      { name: '发改局', unitId: fagai.id, unitName: '发展和改革局' },
      { name: '残联', unitId: canlian.id, unitName: '残疾人联合会' },
    ]);
    // Three units, not eight: 卫健委, 统战部, R&D中心; no 发改局 or 残联 beside the real ones.
    expect(r.body.unitsCreated).toBe(3);
    expect(await unitCount()).toBe(before + 3);
    for (const twin of ['发改局', '残联', '市卫健委', '测试市统战部', 'Ｒ＆Ｄ中心']) expect(await unitNamed(twin)).toBeUndefined();
    const weijian = (await unitNamed('卫健委'))!;
    const tongzhan = (await unitNamed('统战部'))!;
    const rows = await db.select().from(tasks).where(eq(tasks.listId, listId)).orderBy(tasks.seq);
    const unitsOf = async (i: number) => (await db.select({ unitId: taskUnits.unitId }).from(taskUnits).where(eq(taskUnits.taskId, rows[i]!.id)).orderBy(taskUnits.position)).map((x) => x.unitId);
    expect(await unitsOf(0)).toEqual([w.units.jiaoyu]);
    expect(await unitsOf(1)).toEqual([fagai.id, canlian.id]);
    expect(await unitsOf(2)).toEqual([weijian.id]);
    expect(await unitsOf(3)).toEqual([weijian.id, tongzhan.id]);
    const rd = (await unitNamed('R&D中心'))!;
    expect(await unitsOf(4)).toEqual([tongzhan.id, rd.id]);
    expect(await unitsOf(5)).toEqual([rd.id]);
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.action, 'task_list.import'), eq(auditLog.entityId, listId)));
    expect(audit!.after).toMatchObject({ createdUnits: ['卫健委', '统战部', 'R&D中心'], unitsMatched: r.body.unitsMatched });
  });

  it('follow another name of the file mapped to an existing unit', async () => {
    const { listId } = await newList();
    const table = `${HEADER}\n张斌 | 1 | 任务一。 |  | 住建委 |\n2 | 任务二。 |  | 市住建委 |\n`;
    const r = await office.post(`/api/v1/task-lists/${listId}/import/commit`, { fileName: 'u.txt', contentBase64: b64(table), unitMapping: { 住建委: w.units.weijian, 市住建委: 'create' } });
    expect(r.status).toBe(200);
    expect(r.body.unitsCreated).toBe(0);
    expect(r.body.unitsMatched).toEqual([{ name: '市住建委', unitId: w.units.weijian, unitName: '卫生健康局' }]);
  });

  it('refuse 新建 for a name close to several units, naming them', async () => {
    const { listId } = await newList();
    const table = `${HEADER}\n张斌 | 1 | 任务一。 |  | 管理局 |\n`;
    const p = await office.post(`/api/v1/task-lists/${listId}/import/preview`, { fileName: 'u.txt', contentBase64: b64(table) });
    expect(p.body.unknownUnits[0]).toMatchObject({ name: '管理局', match: 'ambiguous' });
    expect(p.body.unknownUnits[0].candidates.map((c: { name: string }) => c.name)).toEqual(['应急管理局', '市场监督管理局', '大数据发展管理局']);
    const before = await unitCount();
    const r = await office.post(`/api/v1/task-lists/${listId}/import/commit`, { fileName: 'u.txt', contentBase64: b64(table), unitMapping: { 管理局: 'create' } });
    expect(r.status).toBe(400);
    expect(r.body.message).toBe('「管理局」与已有单位「应急管理局」「市场监督管理局」「大数据发展管理局」相近，请选择其中之一，不能新建');
    expect(r.body.details[0].path).toBe('unitMapping.管理局');
    expect(await unitCount()).toBe(before);
    expect((await db.select().from(tasks).where(eq(tasks.listId, listId))).length).toBe(0);
  });
});

describe('targets in the preview', () => {
  const TABLE = [
    HEADER,
    '张斌 | 1 | 新增光伏装机6万千瓦。 |  | 教育局 |',
    '2 | 地区生产总值增长5.5%—6%。 |  | 教育局 |',
    '3 | 新建改扩建学校6所，新增学位3000个。 |  | 教育局 |',
    '4 | 全社会R&D经费支出占GDP比重达到3.3%。 |  | 教育局 |',
  ].join('\n');

  it('are listed with the uncertain ones marked and explained', async () => {
    const { listId } = await newList();
    const p = await office.post(`/api/v1/task-lists/${listId}/import/preview`, { fileName: 't.txt', contentBase64: b64(TABLE) });
    expect(p.body.tasks.map((t: { targets: unknown[] }) => t.targets)).toEqual([
      [{ label: '新增光伏装机', targetValue: 6, unit: '万千瓦', uncertain: false, reason: null }],
      [{ label: '地区生产总值增长', targetValue: 5.5, unit: '%', uncertain: true, reason: '目标为区间5.5—6%，已取下限，请确认' }],
      [
        { label: '新建改扩建学校', targetValue: 6, unit: '所', uncertain: false, reason: null },
        { label: '新增学位', targetValue: 3000, unit: '个', uncertain: false, reason: null },
      ],
      [{ label: '全社会R&D经费支出占GDP比重达到', targetValue: 3.3, unit: '%', uncertain: false, reason: null }],
    ]);
    expect(p.body.counts).toMatchObject({ targets: 5, uncertainTargets: 1 });
  });

  it('are stored as confirmed: accepted, edited or dropped per row; unconfirmed uncertain ones never', async () => {
    const { listId } = await newList();
    const r = await office.post(`/api/v1/task-lists/${listId}/import/commit`, {
      fileName: 't.txt',
      contentBase64: b64(TABLE),
      unitMapping: {},
      targets: {
        3: [{ label: '地区生产总值增长', targetValue: 6, unit: '%' }],
        4: [{ label: '新建改扩建学校', targetValue: 6, unit: '所' }],
        5: [],
      },
    });
    expect(r.status).toBe(200);
    expect(r.body.targetsCreated).toBe(3);
    const stored = await db
      .select({ seq: tasks.seq, label: taskTargets.label, value: taskTargets.targetValue, unit: taskTargets.unit })
      .from(taskTargets)
      .innerJoin(tasks, eq(tasks.id, taskTargets.taskId))
      .where(eq(tasks.listId, listId))
      .orderBy(tasks.seq, taskTargets.position);
    expect(stored).toEqual([
      { seq: 1, label: '新增光伏装机', value: 6, unit: '万千瓦' },
      { seq: 2, label: '地区生产总值增长', value: 6, unit: '%' },
      { seq: 3, label: '新建改扩建学校', value: 6, unit: '所' },
    ]);

    const { listId: other } = await newList();
    const plain = await office.post(`/api/v1/task-lists/${other}/import/commit`, { fileName: 't.txt', contentBase64: b64(TABLE), unitMapping: {} });
    expect(plain.body.targetsCreated).toBe(4);
    const labels = await db.select({ label: taskTargets.label }).from(taskTargets).innerJoin(tasks, eq(tasks.id, taskTargets.taskId)).where(eq(tasks.listId, other));
    expect(labels.map((l) => l.label)).not.toContain('地区生产总值增长');
  });

  it('refuse bad target input with the field named', async () => {
    const { listId } = await newList();
    const base = { fileName: 't.txt', contentBase64: b64(TABLE), unitMapping: {} };
    const cases: [unknown, RegExp][] = [
      [{ abc: [] }, /行号「abc」无效/],
      [{ 2: [{ label: '', targetValue: 1, unit: '%' }] }, /指标名称不能为空/],
      [{ 2: [{ label: 'a\u0000b', targetValue: 1, unit: '%' }] }, /指标名称含有无效字符/],
      [{ 2: [{ label: '指标', targetValue: 1e15, unit: '%' }] }, /目标值超出范围/],
      [{ 2: Array.from({ length: 21 }, () => ({ label: '指标', targetValue: 1, unit: '%' })) }, /指标最多20项/],
    ];
    for (const [targets, message] of cases) {
      const r = await office.post(`/api/v1/task-lists/${listId}/import/commit`, { ...base, targets });
      expect(r.status).toBe(400);
      expect(r.body.message).toMatch(message);
    }
    const big = await office.post(`/api/v1/task-lists/${listId}/import/commit`, { ...base, periodId: 2 ** 31 });
    expect(big.status).toBe(400);
    expect(await db.select().from(tasks).where(eq(tasks.listId, listId))).toEqual([]);
  });
});

describe('the preview tells what will and will not be imported', () => {
  it('for a new list without periods: the progress column is not imported, and why', async () => {
    const { listId } = await newList();
    const p = await office.post(`/api/v1/task-lists/${listId}/import/preview`, { fileName: 'a.txt', contentBase64: b64(FIXTURE) });
    expect(p.body.counts).toMatchObject({ withProgress: 7 });
    expect(p.body.progress).toEqual({ period: null, import: 0, reports: 0, alreadyReported: 0, notImported: 7, reason: '清单还没有报告期，完成情况不导入' });
    expect(p.body.tasks.every((t: { progressFate: string }) => t.progressFate === 'not_imported')).toBe(true);
  });

  it('for a list with a period not chosen, and with it chosen: which rows go into which period', async () => {
    const { listId, periodId } = await newList('open');
    const none = await office.post(`/api/v1/task-lists/${listId}/import/preview`, { fileName: 'a.txt', contentBase64: b64(WITH_SHARED) });
    expect(none.body.progress).toMatchObject({ period: null, notImported: 8, reason: '未选择报告期，完成情况不导入' });
    const chosen = await office.post(`/api/v1/task-lists/${listId}/import/preview`, { fileName: 'a.txt', contentBase64: b64(WITH_SHARED), periodId });
    expect(chosen.body.progress).toEqual({ period: { id: periodId, label: '一季度', status: 'open' }, import: 8, reports: 9, alreadyReported: 0, notImported: 0, reason: null });
    expect(chosen.body.tasks.map((t: { progressFate: string }) => t.progressFate)).toEqual(Array(8).fill('import'));
    const c = await office.post(`/api/v1/task-lists/${listId}/import/commit`, { fileName: 'a.txt', contentBase64: b64(WITH_SHARED), periodId, unitMapping: MAPPING });
    expect(c.body).toMatchObject({ reportsCreated: 9, progressTasks: 8 });
    expect(c.body.note).toBe('「一季度重点工作完成情况」已记为「一季度」8项任务各牵头单位的已报送报告（9份），状态记为「序时推进」，待督查室审核');
    const after = await office.post(`/api/v1/task-lists/${listId}/import/preview`, { fileName: 'a.txt', contentBase64: b64(WITH_SHARED), periodId });
    expect(after.body.counts).toMatchObject({ new: 0, existing: 8, targets: 0 });
    expect(after.body.progress).toMatchObject({ import: 0, reports: 0, alreadyReported: 8 });
  });

  it('refuses a published period, and a period of another list', async () => {
    const { listId, periodId } = await newList('open');
    const periods = await office.get(`/api/v1/task-lists/${listId}/periods`);
    expect((await office.patch(`/api/v1/task-periods/${periodId}`, { status: 'published', version: periods.body.items[0].version })).status).toBe(200);
    const body = { fileName: 'a.txt', contentBase64: b64(FIXTURE), periodId, unitMapping: MAPPING };
    for (const step of ['preview', 'commit']) {
      const r = await office.post(`/api/v1/task-lists/${listId}/import/${step}`, body);
      expect(r.status).toBe(409);
      expect(r.body.message).toBe('报告期「一季度」已公开，不能再导入完成情况；请先撤回公开，或选择其他报告期');
    }
    const { listId: other } = await newList();
    expect((await office.post(`/api/v1/task-lists/${other}/import/preview`, body)).status).toBe(404);
    expect(await db.select().from(tasks).where(inArray(tasks.listId, [listId, other]))).toEqual([]);
  });
});

describe('the import template', () => {
  it('is an .xlsx in the printed layout, with filled examples and the rules, that imports as it is filled', async () => {
    const li = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: w.users.office.username, password: TEST_PASSWORD } });
    const cookie = li.cookies.find((c) => c.name === 'duban_sid')!;
    const res = await app.inject({ method: 'GET', url: '/api/v1/task-lists/import-template', headers: { cookie: `duban_sid=${cookie.value}` } });
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['content-type'])).toMatch(/spreadsheetml/);
    expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent('重点工作任务导入模板.xlsx'));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['任务表', '填写示例', '填写说明']);
    const head = (n: number) => [1, 2, 3, 4, 5].map((c) => wb.worksheets[n]!.getRow(1).getCell(c).text);
    expect(head(0)).toEqual(['分管市长', '序号', '主要工作任务', '一季度重点工作完成情况', '责任单位']);
    expect(head(1)).toEqual(head(0));
    expect(wb.worksheets[0]!.rowCount).toBe(1);
    expect(wb.worksheets[2]!.getRow(1).getCell(1).text).toBe('一、表格格式');

    // The unfilled template imports nothing; the example sheet, moved first, imports as written.
    const { listId } = await newList();
    const empty = await office.post(`/api/v1/task-lists/${listId}/import/preview`, { fileName: '模板.xlsx', contentBase64: res.rawPayload.toString('base64') });
    expect(empty.status).toBe(400);
    expect(empty.body.message).toMatch(/没有任务行/);
    wb.removeWorksheet(wb.worksheets[0]!.id);
    const filled = Buffer.from(await wb.xlsx.writeBuffer());
    const p = await office.post(`/api/v1/task-lists/${listId}/import/preview`, { fileName: '示例.xlsx', contentBase64: filled.toString('base64') });
    expect(p.status).toBe(200);
    expect(p.body.leaders).toEqual([{ name: '张斌', leaderId: null, tasks: 3 }, { name: '周启程', leaderId: null, tasks: 2 }]);
    expect(p.body.tasks[2].targets.map((t: { label: string }) => t.label)).toEqual(['新建改扩建学校', '新增学位']);
    expect(p.body.tasks[4].targets.map((t: { label: string }) => t.label)).toEqual(['城镇居民人均可支配收入增长', '农村居民人均可支配收入增长']);
  });

  it('is for the office only', async () => {
    expect((await unit3.get('/api/v1/task-lists/import-template')).status).toBe(403);
    expect((await anonymous(app).get('/api/v1/task-lists/import-template')).status).toBe(401);
  });
});

describe('another tenant', () => {
  it('sees none of this tenant’s periods or units in its import', async () => {
    const { periodId } = await newList('open');
    await db.insert(users).values({ tenantId: w.otherTenantId, username: 't_other_office', displayName: '县督查室', passwordHash: await hashPassword(TEST_PASSWORD), roles: ['office'] });
    const county = await login(app, 't_other_office');
    const list = await county.post('/api/v1/task-lists', { title: '县清单', year: 2025 });
    expect(list.status).toBe(201);
    const table = `${HEADER}\n张斌 | 1 | 任务一。 | 已完成。 | 发改局、残联 |\n`;
    const stolen = await county.post(`/api/v1/task-lists/${list.body.id}/import/preview`, { fileName: 'a.txt', contentBase64: b64(table), periodId });
    expect(stolen.status).toBe(404);
    const commit = await county.post(`/api/v1/task-lists/${list.body.id}/import/commit`, { fileName: 'a.txt', contentBase64: b64(table), periodId, unitMapping: { 发改局: 'create', 残联: 'create' } });
    expect(commit.status).toBe(404);
    // The city's 发展和改革局 and 残疾人联合会 are not the county's: nothing proposed, 新建 creates the county's own.
    const p = await county.post(`/api/v1/task-lists/${list.body.id}/import/preview`, { fileName: 'a.txt', contentBase64: b64(table) });
    expect(p.body.unknownUnits.map((u: { name: string; suggestion: unknown; candidates: unknown[] }) => [u.name, u.suggestion, u.candidates])).toEqual([['发改局', null, []], ['残联', null, []]]);
    const c = await county.post(`/api/v1/task-lists/${list.body.id}/import/commit`, { fileName: 'a.txt', contentBase64: b64(table), unitMapping: { 发改局: 'create', 残联: 'create' } });
    expect(c.body).toMatchObject({ created: 1, unitsCreated: 2, unitsMatched: [] });
    const made = await db.select({ tenantId: units.tenantId }).from(units).where(inArray(units.name, ['发改局', '残联']));
    expect(made).toEqual([{ tenantId: w.otherTenantId }, { tenantId: w.otherTenantId }]);
    // And the city cannot import into the county's list.
    expect((await office.post(`/api/v1/task-lists/${list.body.id}/import/preview`, { fileName: 'a.txt', contentBase64: b64(table) })).status).toBe(404);
  });
});
