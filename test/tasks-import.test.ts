import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { freshDatabase } from './helpers/db.js';
import { buildWorld, type World } from './helpers/world.js';
import { login, type Client } from './helpers/api.js';
import { TEST_PASSWORD } from './helpers/world.js';
import { buildApp } from '../src/server/http/app.js';
import type { Database, Db } from '../src/server/db/client.js';
import type { App } from '../src/server/http/types.js';
import { auditLog, taskReports, tasks, taskTargets, taskUnits, units } from '../src/server/db/schema.js';
import { parseTaskText } from '../src/shared/tasks/task-table.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const FIXTURE = readFileSync(path.join(here, 'fixtures/tasks-excerpt.txt'), 'utf8');
const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');

let database: Database;
let db: Db;
let app: App;
let w: World;
let office: Client;
let staff: Client;
let unit: Client;

beforeAll(async () => {
  database = await freshDatabase();
  db = database.db;
  w = await buildWorld(db);
  // Units named as in the fixture, so that only some names are unknown.
  await db.insert(units).values(['发改局', '生态环境分局', '公安局'].map((name) => ({ tenantId: w.tenantId, name })));
  app = await buildApp({ db, now: () => new Date('2025-04-01T02:00:00Z') });
  office = await login(app, w.users.office.username);
  staff = await login(app, w.users.staff.username);
  unit = await login(app, w.users.unit.username);
});
afterAll(async () => {
  await app.close();
  await database.close();
});

async function newList(title: string) {
  const r = await office.post('/api/v1/task-lists', { title, year: 2025 });
  expect(r.status).toBe(201);
  return r.body.id as number;
}
const countTasks = async (listId: number) =>
  (await db.select({ n: sql<number>`count(*)::int` }).from(tasks).where(eq(tasks.listId, listId)))[0]!.n;

describe('parsing the fixture table', () => {
  it('reads every row with its leader, 序号, progress and units as written', () => {
    const t = parseTaskText(FIXTURE);
    expect(t.errors).toEqual([]);
    expect(t.progressLabel).toBe('一季度重点工作完成情况');
    // The excerpt holds 张斌 1–4 and 周启程 1–3.
    expect(t.rows.map((r) => [r.leaderName, r.seq])).toEqual([
      ['张斌', 1], ['张斌', 2], ['张斌', 3], ['张斌', 4], ['周启程', 1], ['周启程', 2], ['周启程', 3],
    ]);
    expect(t.rows[0]!.text).toBe('固定资产投资增长5%。');
    expect(t.rows[0]!.progress).toBe('1-3月,全市完成固定资产投资115.01亿元,增长11.1%。');
    expect(t.rows[0]!.units).toEqual([{ name: '发改局', isLead: true }]);
    expect(t.rows[2]!.units).toEqual([{ name: '生态环境分局', isLead: true }, { name: '生态创建办', isLead: false }]);
    expect(t.rows[4]!.units).toEqual([{ name: '政法委', isLead: true }, { name: '平安建设领导小组成员单位', isLead: false }]);
    expect(t.rows[6]!.units).toEqual([{ name: '社会工作部', isLead: true }]);
    expect(t.rows[6]!.row).toBe(8);
  });

  it('treats a row without ★ as every unit leading', () => {
    const t = parseTaskText('分管市长 | 序号 | 主要工作任务 | 责任单位 |\n李四 | 1 | 某任务 | 教育局、卫生健康局 |');
    expect(t.errors).toEqual([]);
    expect(t.progressLabel).toBeNull();
    expect(t.rows[0]!.units).toEqual([{ name: '教育局', isLead: true }, { name: '卫生健康局', isLead: true }]);
  });
});

describe('import preview', () => {
  it('shows what would be created, the unknown units and the progress column, and saves nothing', async () => {
    const listId = await newList('2025年政府工作报告重点工作任务（预览）');
    const audits = (await db.select({ n: sql<number>`count(*)::int` }).from(auditLog))[0]!.n;
    const r = await office.post(`/api/v1/task-lists/${listId}/import/preview`, { fileName: '一季度.txt', contentBase64: b64(FIXTURE) });
    expect(r.status).toBe(200);
    expect(r.body.leaders).toEqual([{ name: '张斌', leaderId: null, tasks: 4 }, { name: '周启程', leaderId: null, tasks: 3 }]);
    expect(r.body.counts).toEqual({ tasks: 7, new: 7, existing: 0, withProgress: 7, targets: 1, uncertainTargets: 0 });
    expect(r.body.progressLabel).toBe('一季度重点工作完成情况');
    expect(r.body.unknownUnits.map((u: { name: string }) => u.name).sort()).toEqual(['平安建设领导小组成员单位', '政法委', '生态创建办', '社会工作部'].sort());
    expect(r.body.knownUnits.map((u: { name: string }) => u.name).sort()).toEqual(['公安局', '农业农村局', '发改局', '生态环境分局'].sort());
    expect(r.body.tasks[0].targets).toEqual([{ label: '固定资产投资增长', targetValue: 5, unit: '%', uncertain: false, reason: null }]);
    expect(await countTasks(listId)).toBe(0);
    expect((await db.select({ n: sql<number>`count(*)::int` }).from(auditLog))[0]!.n).toBe(audits);
  });

  it('is for the office only', async () => {
    const listId = await newList('预览权限');
    expect((await staff.post(`/api/v1/task-lists/${listId}/import/preview`, { fileName: 'a.txt', contentBase64: b64(FIXTURE) })).status).toBe(403);
    expect((await unit.post(`/api/v1/task-lists/${listId}/import/preview`, { fileName: 'a.txt', contentBase64: b64(FIXTURE) })).status).toBe(403);
  });
});

describe('bad files stop the whole import', () => {
  const header = '分管市长 | 序号 | 主要工作任务 | 一季度重点工作完成情况 | 责任单位 |';
  const cases: [string, string, RegExp][] = [
    ['missing task text', `${header}\n张斌 | 1 | 任务一 |  | 发改局 |\n2 |  |  | 发改局 |`, /第3行：缺少主要工作任务/],
    ['序号 out of order', `${header}\n张斌 | 1 | 任务一 |  | 发改局 |\n3 | 任务三 |  | 发改局 |`, /第3行：序号应为2，实际为3/],
    ['序号 not restarting at a new leader', `${header}\n张斌 | 1 | 任务一 |  | 发改局 |\n周启程 | 2 | 任务二 |  | 公安局 |`, /第3行：序号应为1，实际为2/],
    ['first row without a leader', `${header}\n1 | 任务一 |  | 发改局 |`, /第2行：第一行任务没有填写分管市长/],
  ];
  for (const [name, content, message] of cases) {
    it(`refuses ${name} with the row number, saving nothing`, async () => {
      const listId = await newList(`错误-${name}`);
      const body = { fileName: 'bad.txt', contentBase64: b64(content), unitMapping: {} };
      const p = await office.post(`/api/v1/task-lists/${listId}/import/preview`, body);
      expect(p.status).toBe(400);
      expect(p.body.message).toMatch(message);
      expect(p.body.details[0].message).toMatch(message);
      const c = await office.post(`/api/v1/task-lists/${listId}/import/commit`, body);
      expect(c.status).toBe(400);
      expect(await countTasks(listId)).toBe(0);
    });
  }

  it('refuses a file that is not a readable workbook', async () => {
    const listId = await newList('错误-坏文件');
    const bad = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from('not really a zip')]);
    const r = await office.post(`/api/v1/task-lists/${listId}/import/commit`, { fileName: '表.xlsx', contentBase64: b64(bad), unitMapping: {} });
    expect(r.status).toBe(400);
    expect(r.body.message).toMatch(/无法读取文件/);
    const r2 = await office.post(`/api/v1/task-lists/${listId}/import/preview`, { fileName: '表.xlsx', contentBase64: b64('hello') });
    expect(r2.status).toBe(400);
    expect(r2.body.message).toMatch(/不是有效的 Excel/);
    expect(await countTasks(listId)).toBe(0);
  });

  it('refuses a commit that leaves an unknown unit unmapped', async () => {
    const listId = await newList('错误-未对应单位');
    const r = await office.post(`/api/v1/task-lists/${listId}/import/commit`, { fileName: 'a.txt', contentBase64: b64(FIXTURE), unitMapping: { 政法委: 'create' } });
    expect(r.status).toBe(400);
    expect(r.body.message).toMatch(/生态创建办/);
    expect(await countTasks(listId)).toBe(0);
  });
});

const MAPPING = { 生态创建办: 'create', 政法委: 'create', 平安建设领导小组成员单位: 'create', 社会工作部: 'create' };

describe('import commit', () => {
  it('creates tasks, units, targets and the period report in one go, and adds nothing the second time', async () => {
    const listId = await newList('2025年政府工作报告重点工作任务');
    const period = await office.post(`/api/v1/task-lists/${listId}/periods`, { label: '一季度', kind: 'quarter', startDate: '2025-01-01', endDate: '2025-03-31', dueDate: '2025-04-10' });
    expect(period.status).toBe(201);
    const body = { fileName: '一季度.txt', contentBase64: b64(FIXTURE), periodId: period.body.id, unitMapping: { ...MAPPING, 社会工作部: w.units.weijian } };
    const first = await office.post(`/api/v1/task-lists/${listId}/import/commit`, body);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ created: 7, skipped: 0, unitsCreated: 3, reportsCreated: 7, reportsSkipped: 0 });
    expect(first.body.note).toMatch(/一季度/);
    const rows = await db.select().from(tasks).where(eq(tasks.listId, listId)).orderBy(tasks.groupOrder, tasks.seq);
    expect(rows.map((t) => `${t.leaderName}${t.seq}`)).toEqual(['张斌1', '张斌2', '张斌3', '张斌4', '周启程1', '周启程2', '周启程3']);
    expect(rows[0]!.dueDate).toBe('2025-12-31');
    const lead = await db.select({ name: units.name, isLead: taskUnits.isLead }).from(taskUnits).innerJoin(units, eq(units.id, taskUnits.unitId)).where(eq(taskUnits.taskId, rows[2]!.id)).orderBy(taskUnits.position);
    expect(lead).toEqual([{ name: '生态环境分局', isLead: true }, { name: '生态创建办', isLead: false }]);
    const social = await db.select().from(taskUnits).where(eq(taskUnits.taskId, rows[6]!.id));
    expect(social.map((u) => u.unitId)).toEqual([w.units.weijian]);
    const targets = await db.select().from(taskTargets).where(eq(taskTargets.taskId, rows[0]!.id));
    expect(targets.map((t) => [t.label, Number(t.targetValue), t.unit])).toEqual([['固定资产投资增长', 5, '%']]);
    const reports = await db.select().from(taskReports).where(eq(taskReports.taskId, rows[0]!.id));
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ isLead: true, state: 'submitted', status: 'on_track', progress: '1-3月,全市完成固定资产投资115.01亿元,增长11.1%。' });

    const second = await office.post(`/api/v1/task-lists/${listId}/import/commit`, { ...body, unitMapping: {} });
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ created: 0, skipped: 7, unitsCreated: 0, reportsCreated: 0, reportsSkipped: 7 });
    expect(await countTasks(listId)).toBe(7);
    const preview = await office.post(`/api/v1/task-lists/${listId}/import/preview`, { fileName: 'a.txt', contentBase64: b64(FIXTURE) });
    expect(preview.body.counts).toMatchObject({ new: 0, existing: 7 });
    expect(preview.body.unknownUnits.map((u: { name: string }) => u.name)).toEqual(['社会工作部']);
    const audit = await db.select().from(auditLog).where(and(eq(auditLog.action, 'task_list.import'), eq(auditLog.entityId, listId)));
    expect(audit).toHaveLength(2);
  });

  it('without a period keeps the progress column out and says so', async () => {
    const listId = await newList('无报告期导入');
    const r = await office.post(`/api/v1/task-lists/${listId}/import/commit`, { fileName: 'a.txt', contentBase64: b64(FIXTURE), unitMapping: MAPPING });
    expect(r.status).toBe(200);
    expect(r.body.reportsCreated).toBe(0);
    expect(r.body.note).toMatch(/未指定报告期/);
  });

  it('imports 2000 rows quickly', async () => {
    const listId = await newList('大表');
    const lines = ['分管市长 | 序号 | 主要工作任务 | 一季度重点工作完成情况 | 责任单位 |'];
    for (let l = 0; l < 10; l++) for (let i = 1; i <= 200; i++) lines.push(`${i === 1 ? `领导${l} | ` : ''}${i} | 第${l}组第${i}项任务，新增就业${i}人 |  | ★农业农村局、教育局 |`);
    const t0 = Date.now();
    const r = await office.post(`/api/v1/task-lists/${listId}/import/commit`, { fileName: 'big.txt', contentBase64: b64(lines.join('\n')), unitMapping: {} });
    expect(r.status).toBe(200);
    expect(r.body.created).toBe(2000);
    expect(Date.now() - t0).toBeLessThan(20_000);
    const page = await office.get(`/api/v1/task-lists/${listId}/tasks?pageSize=100&page=20`);
    expect(page.body.total).toBe(2000);
    expect(page.body.items).toHaveLength(100);
    expect(page.body.items.at(-1).seq).toBe(200);
  });
});

/** Downloads a file as a signed-in user: the JSON client does not keep binary bodies. */
async function download(username: string, url: string) {
  const li = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: TEST_PASSWORD } });
  const cookie = li.cookies.find((c) => c.name === 'duban_sid')!;
  return app.inject({ method: 'GET', url, headers: { cookie: `duban_sid=${cookie.value}` } });
}

describe('export and import round trip', () => {
  it('exports the period table as xlsx in the original layout and imports it back to the same tasks', async () => {
    const listId = await newList('往返');
    const period = await office.post(`/api/v1/task-lists/${listId}/periods`, { label: '一季度', kind: 'quarter', startDate: '2025-01-01', endDate: '2025-03-31', dueDate: '2025-04-10' });
    const withAllLead = `${FIXTURE.trimEnd()}\n4 | 共同推进的任务。 |  | 教育局、卫生健康局 |\n`;
    const imp = await office.post(`/api/v1/task-lists/${listId}/import/commit`, { fileName: 'a.txt', contentBase64: b64(withAllLead), periodId: period.body.id, unitMapping: MAPPING });
    expect(imp.body.created).toBe(8);

    const res = await download(w.users.office.username, `/api/v1/task-periods/${period.body.id}/export?format=xlsx`);
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['content-type'])).toMatch(/spreadsheetml/);
    const file = res.rawPayload;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    const row = (n: number) => [1, 2, 3, 4, 5].map((c) => ws.getRow(n).getCell(c).text);
    expect(row(1)).toEqual(['分管市长', '序号', '主要工作任务', '一季度重点工作完成情况', '责任单位']);
    expect(row(2)).toEqual(['张斌', '1', '固定资产投资增长5%。', '1-3月,全市完成固定资产投资115.01亿元,增长11.1%。', '发改局']);
    expect(row(4)[4]).toBe('★生态环境分局、生态创建办');
    expect(row(9)[4]).toBe('教育局、卫生健康局');
    expect(row(9)[0]).toBe('周启程');
    expect(row(6)[0]).toBe('周启程');
    expect(ws.getRow(7).getCell(1).isMerged).toBe(true);

    // Into a fresh list: the same tasks, leaders, numbers, units and lead flags.
    const again = await newList('往返-导回');
    const back = await office.post(`/api/v1/task-lists/${again}/import/commit`, { fileName: '导出.xlsx', contentBase64: file.toString('base64'), unitMapping: {} });
    expect(back.status).toBe(200);
    expect(back.body.created).toBe(8);
    const shape = async (id: number) => {
      const ts = await db.select().from(tasks).where(eq(tasks.listId, id)).orderBy(tasks.groupOrder, tasks.seq);
      const out = [];
      for (const t of ts) {
        const us = await db.select({ name: units.name, isLead: taskUnits.isLead }).from(taskUnits).innerJoin(units, eq(units.id, taskUnits.unitId)).where(eq(taskUnits.taskId, t.id)).orderBy(taskUnits.position);
        out.push({ leader: t.leaderName, seq: t.seq, text: t.text, units: us });
      }
      return out;
    };
    expect(await shape(again)).toEqual(await shape(listId));
    // And into the original list: nothing new.
    const same = await office.post(`/api/v1/task-lists/${listId}/import/commit`, { fileName: '导出.xlsx', contentBase64: file.toString('base64'), unitMapping: {} });
    expect(same.body).toMatchObject({ created: 0, skipped: 8 });
  });

  it('exports the same table as docx', async () => {
    const listId = await newList('导出word');
    const period = await office.post(`/api/v1/task-lists/${listId}/periods`, { label: '一季度', kind: 'quarter', startDate: '2025-01-01', endDate: '2025-03-31', dueDate: '2025-04-10' });
    await office.post(`/api/v1/task-lists/${listId}/import/commit`, { fileName: 'a.txt', contentBase64: b64(FIXTURE), periodId: period.body.id, unitMapping: MAPPING });
    const res = await download(w.users.staff.username, `/api/v1/task-periods/${period.body.id}/export?format=docx`);
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['content-type'])).toMatch(/wordprocessingml/);
    const { default: JSZip } = await import('jszip');
    const xml = await (await JSZip.loadAsync(res.rawPayload)).file('word/document.xml')!.async('string');
    expect(xml).toContain('一季度重点工作完成情况');
    expect(xml).toContain('★生态环境分局、生态创建办');
    expect(xml.match(/张斌/g)).toHaveLength(1);
  });
});
