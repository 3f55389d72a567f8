import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { setupHandling, type Fixture } from './handling-fixture.js';
import { assignments, auditLog, notifications, sessions } from '../src/server/db/schema.js';

// Batch work: one confirmation, one transaction, all or nothing; an Idempotency-Key makes a
// repeat harmless; the progress of a running batch is readable under its key.

let f: Fixture;
beforeAll(async () => {
  f = await setupHandling('2025-03-10');
});
afterAll(async () => f?.close());

const url = (id: number, action: string) => `/api/v1/proposals/${id}/${action}`;
const LONG = '经研究，该建议已纳入本年度工作计划并安排专项资金，预计年底前完成，届时将书面告知办理结果。';

/** A submission awaiting review (待审查). */
async function submitted(title: string) {
  const c = await f.c.member.post('/api/v1/proposals', { sessionId: f.w.sessionId, title, body: '正文', category: 'economy' });
  const s = await f.c.member.post(url(c.body.id, 'submit'), { version: 1 });
  expect(s.body.status).toBe('submitted');
  return { id: c.body.id as number, version: s.body.version as number };
}

/** A proposal assigned to 农业农村局 (lead), still to be signed. */
async function assigned(title: string) {
  const id = await f.filed(title);
  const r = await f.c.staff.post(url(id, 'assign'), { mode: 'single', leadUnitId: f.w.units.nongye, version: await f.version(id) });
  expect(r.body.status).toBe('assigned');
  return id;
}

async function replied(title: string) {
  const id = await assigned(title);
  await f.c.unit.post(url(id, 'sign'), {});
  const r = await f.c.unit.post(url(id, 'replies'), { resultClass: 'A', body: LONG, disclosure: 'public', signerName: '张局长', version: await f.version(id) });
  expect(r.body.status).toBe('replied');
  return { id, version: r.body.version as number };
}

describe('批量立案', () => {
  it('files in the order chosen on screen, numbering in that order, in one transaction', async () => {
    const a = await submitted('关于加快冷链物流体系建设的建议');
    const b = await submitted('关于扶持农村电商发展的建议');
    const c = await submitted('关于规范农产品质量追溯的建议');
    const [before] = await f.database.db.select().from(sessions).where(eq(sessions.id, f.w.sessionId));
    // The committee ordered them c, a, b on screen.
    const r = await f.c.staff.post('/api/v1/proposals/file-bulk', { items: [c, a, b], comment: '批量立案' });
    expect(r.status).toBe(200);
    const n = before!.lastNumber;
    expect(r.body.items.map((x: { id: number; number: number; status: string }) => [x.id, x.number, x.status])).toEqual([
      [c.id, n + 1, 'filed'],
      [a.id, n + 2, 'filed'],
      [b.id, n + 3, 'filed'],
    ]);
    // Each proposal has its own audit row and its proposer is told its number.
    const audits = await f.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'proposal.file'), inArray(auditLog.proposalId, [a.id, b.id, c.id])));
    expect(audits).toHaveLength(3);
    const notes = await f.database.db.select().from(notifications).where(and(eq(notifications.kind, 'proposal.file'), eq(notifications.proposalId, c.id)));
    expect(notes[0]!.message).toContain(`第${n + 1}号`);
  });

  it('saves nothing when one proposal is refused, and names it', async () => {
    const a = await submitted('关于建设智慧停车系统的建议');
    const b = await submitted('关于推进城市更新行动的建议');
    const [before] = await f.database.db.select().from(sessions).where(eq(sessions.id, f.w.sessionId));
    // b was withdrawn meanwhile: its version and state no longer match.
    await f.c.member.post(url(b.id, 'withdraw'), { version: b.version });
    const r = await f.c.staff.post('/api/v1/proposals/file-bulk', { items: [a, b] });
    expect(r.status).toBe(409);
    expect(r.body.message).toMatch(/^第2项（未编号「关于推进城市更新行动的建议」）立案失败：.*本批次均未立案$/);
    expect(r.body.details).toMatchObject({ proposalId: b.id, index: 1 });
    expect((await f.row(a.id)).status).toBe('submitted');
    expect((await f.row(a.id)).number).toBeNull();
    const [after] = await f.database.db.select().from(sessions).where(eq(sessions.id, f.w.sessionId));
    expect(after!.lastNumber).toBe(before!.lastNumber);
    expect(await f.audits(a.id, 'proposal.file')).toBe(0);
  });

  it('answers a repeated request with the same Idempotency-Key once, without filing twice', async () => {
    const a = await submitted('关于完善公共法律服务体系的建议');
    const key = 'file-bulk-test-0001';
    const first = await f.c.staff.post('/api/v1/proposals/file-bulk', { items: [a] }, { 'idempotency-key': key });
    expect(first.status).toBe(200);
    const again = await f.c.staff.post('/api/v1/proposals/file-bulk', { items: [a] }, { 'idempotency-key': key });
    expect(again.status).toBe(200);
    expect(again.headers['idempotent-replay']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await f.audits(a.id, 'proposal.file')).toBe(1);
    // The batch's progress stays readable under its key for a while after it ends.
    const progress = await f.c.staff.get(`/api/v1/batch-progress/${key}`);
    expect(progress.body).toEqual({ done: 1, total: 1, finished: true });
    expect((await f.c.member.get(`/api/v1/batch-progress/${key}`)).status).toBe(404);
  });

  it('checks the input: at least one, no duplicates, ids within int32, at most 200', async () => {
    const empty = await f.c.staff.post('/api/v1/proposals/file-bulk', { items: [] });
    expect(empty.body.details[0]).toMatchObject({ path: 'body.items', message: '请至少选择一件提案' });
    const dup = await f.c.staff.post('/api/v1/proposals/file-bulk', { items: [{ id: 1, version: 1 }, { id: 1, version: 1 }] });
    expect(dup.body.details[0]).toMatchObject({ path: 'body.items.1.id', message: '提案重复' });
    const huge = await f.c.staff.post('/api/v1/proposals/file-bulk', { items: [{ id: 2 ** 31, version: 1 }] });
    expect(huge.status).toBe(400);
    const many = await f.c.staff.post('/api/v1/proposals/file-bulk', { items: Array.from({ length: 201 }, (_, i) => ({ id: i + 1, version: 1 })) });
    expect(many.body.details[0].message).toBe('一次最多处理200件');
    expect((await f.c.office.post('/api/v1/proposals/file-bulk', { items: [{ id: 1, version: 1 }] })).status).toBe(403);
  });
});

describe('批量公开', () => {
  it('publishes every replied proposal, or none when one is not publishable', async () => {
    const a = await replied('关于建设数字乡村示范点的建议');
    const b = await replied('关于发展休闲农业的建议');
    const notYet = await assigned('关于加强耕地保护的建议');
    const refused = await f.c.staff.post('/api/v1/proposals/publish-bulk', { items: [a, { id: notYet, version: await f.version(notYet) }, b] });
    expect(refused.status).toBe(409);
    expect(refused.body.message).toContain('第2项');
    expect(refused.body.message).toContain('关于加强耕地保护的建议');
    expect((await f.row(a.id)).published).toBe(false);
    const ok = await f.c.staff.post('/api/v1/proposals/publish-bulk', { items: [a, b] });
    expect(ok.status).toBe(200);
    expect(ok.body.items.every((x: { published: boolean }) => x.published)).toBe(true);
    expect(await f.audits(a.id, 'proposal.publish')).toBe(1);
    const twice = await f.c.staff.post('/api/v1/proposals/publish-bulk', { items: [{ id: a.id, version: (await f.row(a.id)).version }] });
    expect(twice.status).toBe(409);
    expect(twice.body.message).toContain('该提案已经公开');
  });
});

describe('批量催办 and the overdue list', () => {
  it('exports the overdue list as .xlsx (with an audit row) and reminds every overdue proposal at once', async () => {
    const late1 = await assigned('关于推进农田水利设施建设的建议');
    const late2 = await assigned('关于完善农村垃圾分类的建议');
    // Three months later both are past their deadline (2025-06-10).
    await f.setDay('2025-06-16');
    const res = await f.app.inject({ method: 'GET', url: '/api/v1/proposals/overdue.xlsx', headers: { cookie: await cookieOf('t_office') } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain('逾期提案清单（2025年6月16日）.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(String(ws.getCell(1, 1).value)).toMatch(/^逾期未答复提案清单（截至2025年6月16日，共\d+件）$/);
    const titles: string[] = [];
    ws.eachRow((row, n) => {
      if (n > 2) titles.push(String(row.getCell(3).value));
    });
    expect(titles).toEqual(expect.arrayContaining(['关于推进农田水利设施建设的建议', '关于完善农村垃圾分类的建议']));
    const row = (() => {
      let found: ExcelJS.Row | undefined;
      ws.eachRow((r) => {
        if (String(r.getCell(3).value) === '关于推进农田水利设施建设的建议') found = r;
      });
      return found!;
    })();
    expect(row.getCell(8).value).toBe('2025年6月10日');
    expect(row.getCell(9).value).toBe(6);
    expect(row.getCell(10).value).toBe('农业农村局（主办）');
    const exports = await f.database.db.select().from(auditLog).where(eq(auditLog.action, 'proposal.export_overdue'));
    expect(exports).toHaveLength(1);

    const r = await f.c.office.post('/api/v1/proposals/remind-bulk', { items: [{ id: late1 }, { id: late2 }], message: '请于本周内答复' });
    expect(r.status).toBe(200);
    const rows = await f.database.db.select().from(assignments).where(inArray(assignments.proposalId, [late1, late2]));
    expect(rows.every((a) => a.remindedAt !== null)).toBe(true);
    expect(await f.notices(f.w.users.unit.id, 'proposal.remind', late1)).toHaveLength(1);
    expect(await f.audits(late2, 'proposal.remind')).toBe(1);
  });

  it('reminds none when one proposal has been answered meanwhile', async () => {
    await f.setDay('2025-03-10');
    const open = await assigned('关于提升乡镇卫生院服务能力的建议');
    const done = await replied('关于加强村医队伍建设的建议');
    const r = await f.c.staff.post('/api/v1/proposals/remind-bulk', { items: [{ id: open }, { id: done.id }] });
    expect(r.status).toBe(409);
    expect(r.body.message).toContain('关于加强村医队伍建设的建议');
    expect(await f.audits(open, 'proposal.remind')).toBe(0);
  });
});

describe('批量签收', () => {
  it('lets a unit sign several assignments at once, all or none', async () => {
    const a = await assigned('关于培育新型农业经营主体的建议');
    const b = await assigned('关于推广稻渔综合种养的建议');
    const other = await f.filed('关于加强中小学心理健康教育的建议');
    await f.c.staff.post(url(other, 'assign'), { mode: 'single', leadUnitId: f.w.units.jiaoyu, version: await f.version(other) });
    // 教育局's proposal is not 农业农村局's to sign: the whole batch is refused, naming it by id only.
    const refused = await f.c.unit.post('/api/v1/proposals/sign-bulk', { items: [{ id: a }, { id: other }] });
    expect(refused.status).toBe(404);
    expect(refused.body.message).toBe(`第2项（提案ID ${other}）签收失败：提案不存在或无权查看，本批次均未签收`);
    expect((await f.assignmentsOf(a))[0]!.status).toBe('pending');
    const ok = await f.c.unit.post('/api/v1/proposals/sign-bulk', { items: [{ id: a }, { id: b, version: await f.version(b) }] });
    expect(ok.status).toBe(200);
    expect(ok.body.items.map((x: { status: string }) => x.status)).toEqual(['handling', 'handling']);
    expect((await f.assignmentsOf(b))[0]).toMatchObject({ status: 'signed', signedBy: f.w.users.unit.id });
    expect((await f.c.staff.post('/api/v1/proposals/sign-bulk', { items: [{ id: a }] })).status).toBe(403);
  });
});

async function cookieOf(username: string): Promise<string> {
  const res = await f.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: 'Test@pass2026' } });
  return `duban_sid=${res.cookies.find((c) => c.name === 'duban_sid')!.value}`;
}


