import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray } from 'drizzle-orm';
import { freshDatabase } from './helpers/db.js';
import { buildWorld, type World } from './helpers/world.js';
import { login, type Client } from './helpers/api.js';
import { readXlsx, xlsxBase64 } from './xlsx-fixture.js';
import { buildApp } from '../src/server/http/app.js';
import type { Database } from '../src/server/db/client.js';
import type { App } from '../src/server/http/types.js';
import { assignments, auditLog, evaluations, members, proposals, replies, sessions, units, users } from '../src/server/db/schema.js';
import { HISTORY_LAYOUT } from '../src/shared/imports/layouts.js';

// A county brings a past session from one .xlsx: numbers kept, units, replies, per-unit
// evaluations; the session is closed and its figures count like any other session's.

let database: Database;
let app: App;
let w: World;
let staff: Client;

beforeAll(async () => {
  database = await freshDatabase();
  w = await buildWorld(database.db);
  app = await buildApp({ db: database.db, now: () => new Date('2025-11-20T02:00:00Z') });
  staff = await login(app, w.users.staff.username);
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const S = '十一届三次会议';
const header = (i: number) => HISTORY_LAYOUT[i]!.columns.map((c) => c.header);

/** 2024's session: 7 submissions, 6 filed (第5号 merged into 第1号), one 来信, key 第1号, a 分办 and a 重新办理. */
function book(over: Partial<Record<'届次' | '提案' | '答复' | '测评', string[][]>> = {}) {
  return [
    { name: '届次', rows: [header(0), ...(over.届次 ?? [[S, '政协提案', '11', '3', '2024', '2024-01-15', '2024-01-18']])] },
    {
      name: '提案',
      rows: [
        header(1),
        ...(over.提案 ?? [
          [S, '1', '关于加快农村生活污水治理的建议', '王建国、李秀英', '生态环境', '大会期间', '立案', '', '是', '农业农村局', '卫生健康局、住房和城乡建设局', '2024-03-11', '2024-06-11'],
          [S, '2', '关于推进义务教育优质均衡的建议', '赵志强', '教育科技', '大会期间', '', '', '', '教育局', '', '2024-03-11', ''],
          [S, '3', '关于完善基层医疗服务体系的建议', '民盟测试市基层委', '医疗卫生', '平时', '立案', '', '', '卫生健康局、教育局', '', '2024-05-06', '2024-08-06'],
          [S, '4', '关于发展设施农业的建议', '周新民', '农业农村', '大会期间', '立案', '', '', '农业农村局', '', '2024-03-11', '2024-06-11'],
          [S, '5', '关于农村污水设施运维的建议', '李秀英', '生态环境', '大会期间', '立案', '1', '', '', '', '', ''],
          [S, '6', '关于建设城市书房的建议', '王建国', '文化旅游', '平时', '立案', '', '', '', '', '', ''],
          [S, '', '关于解决小区噪音扰民的建议', '赵志强', '社会民生', '平时', '作为来信处理', '', '', '', '', '', ''],
        ]),
      ],
    },
    {
      name: '答复',
      rows: [
        header(2),
        ...(over.答复 ?? [
          [S, '1', '农业农村局', 'A', '2024-05-30', '', '陈局长', '公开', '平农复〔2024〕3号', '已完成12个村的提标改造。'],
          [S, '2', '教育局', 'B', '2024-06-20', '', '', '', '', ''],
          [S, '3', '卫生健康局', 'A', '2024-07-30', '', '', '', '', ''],
          [S, '3', '教育局', 'C', '2024-08-10', '', '', '', '', ''],
          [S, '4', '农业农村局', 'B', '2024-06-05', '', '', '', '', ''],
          [S, '4', '农业农村局', 'A', '2024-07-01', '2', '', '', '', ''],
        ]),
      ],
    },
    {
      name: '测评',
      rows: [
        header(3),
        ...(over.测评 ?? [
          [S, '1', '农业农村局', '满意', '满意', '', ''],
          [S, '1', '卫生健康局', '满意', '满意', '', '会办积极'],
          [S, '1', '住房和城乡建设局', '满意', '满意', '', ''],
          [S, '4', '农业农村局', '不满意', '不满意', '1', '措施不具体'],
          [S, '4', '农业农村局', '满意', '基本满意', '2', ''],
        ]),
      ],
    },
  ];
}
const upload = async (sheets = book(), fileName = '2024年提案.xlsx') => ({ fileName, contentBase64: await xlsxBase64(sheets) });

describe('history import', () => {
  it('offers a template with the four sheets and a 填写说明, which previews without errors', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/history-import/template.xlsx', headers: { cookie: await cookieOf(w.users.staff.username) } });
    expect(res.statusCode).toBe(200);
    const sheets = await readXlsx(res.rawPayload);
    expect(sheets.map((s) => s.name)).toEqual(['届次', '提案', '答复', '测评', '填写说明']);
    expect(sheets[1]!.rows[0]!.slice(0, 4)).toEqual(['届次名称*', '编号', '案由*', '提案人*']);
    const preview = await staff.post('/api/v1/history-import/preview', { fileName: '模板.xlsx', contentBase64: res.rawPayload.toString('base64') });
    expect(preview.body.errors).toEqual([]);
    expect(preview.body.sessions[0]).toMatchObject({ name: '十一届三次会议', filed: 2, notFiled: 1, merged: 1, keyProposals: 1 });
  });

  it('lists every error by sheet and row and saves nothing', async () => {
    const bad = book({
      提案: [
        [S, '1', '关于加快农村生活污水治理的建议', '王建国', '生态环境', '', '', '', '', '农业农村局', '', '', ''],
        [S, '1', '关于重复编号的建议', '王建国', '其他', '', '', '', '', '', '', '', ''],
        [S, '', '关于立案却无编号的建议', '王建国', '', '', '立案', '', '', '', '', '', ''],
        ['十届一次会议', '3', '关于不存在届次的建议', '王建国', '', '', '', '', '', '', '', '', ''],
        [S, '4', '关于并入不存在编号的建议', '王建国', '', '', '', '9', '', '', '', '', ''],
      ],
      答复: [[S, '1', '教育局', 'D', '2024-13-01', '', '', '', '', '']],
      测评: [],
    });
    const preview = await staff.post('/api/v1/history-import/preview', await upload(bad));
    expect(preview.status).toBe(200);
    expect(preview.body.errors.map((e: { sheet: string; row: number; message: string }) => `${e.sheet}:${e.row}:${e.message}`)).toEqual([
      '提案:2:有承办单位时须填写交办日期',
      '提案:3:编号1在「十一届三次会议」中重复',
      '提案:4:立案的提案须填写编号',
      '提案:5:届次「十届一次会议」不在「届次」表中',
      '提案:6:并入编号9在「十一届三次会议」中不存在',
      '答复:2:答复类别「D」无效，应为A、B或C',
      '答复:2:答复日期「2024-13-01」无效',
      '答复:2:「教育局」不是该提案的主办或分办单位',
    ]);
    const commit = await staff.post('/api/v1/history-import/commit', await upload(bad));
    expect(commit.status).toBe(400);
    expect(commit.body.message).toMatch(/^文件有8处错误，未导入任何内容：「提案」表第2行：有承办单位时须填写交办日期/);
    expect(await database.db.select().from(sessions).where(eq(sessions.name, S))).toHaveLength(0);
    expect(await database.db.select().from(units).where(eq(units.name, '住房和城乡建设局'))).toHaveLength(0);
  });

  it('previews, then imports the session closed, keeping the printed numbers, units, replies and per-unit evaluations', async () => {
    const preview = await staff.post('/api/v1/history-import/preview', await upload());
    expect(preview.body.errors).toEqual([]);
    expect(preview.body.sessions).toEqual([
      { name: S, kind: 'proposal', year: 2024, existing: false, received: 7, filed: 6, notFiled: 1, merged: 1, keyProposals: 1, assigned: 4, replies: 6, evaluations: 5, classes: { A: 3, B: 1, C: 0 } },
    ]);
    expect(preview.body.newMembers).toEqual(['周新民']);
    expect(preview.body.newUnits).toEqual([{ name: '住房和城乡建设局', similar: null }]);

    const r = await staff.post('/api/v1/history-import/commit', await upload());
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ proposals: 7, replies: 6, evaluations: 5, membersCreated: 1, unitsCreated: 1 });
    const sessionId = r.body.sessions[0].id;
    const [s] = await database.db.select().from(sessions).where(eq(sessions.id, sessionId));
    expect(s).toMatchObject({ name: S, year: 2024, term: 11, meeting: 3, isCurrent: false, lastNumber: 6, plenaryStart: '2024-01-15' });

    const ps = await database.db.select().from(proposals).where(eq(proposals.sessionId, sessionId)).orderBy(proposals.number);
    const byNo = new Map(ps.map((p) => [p.number, p]));
    expect(ps.map((p) => [p.number, p.status])).toEqual([
      [1, 'closed'], [2, 'closed'], [3, 'closed'], [4, 'closed'], [5, 'merged'], [6, 'filed'], [null, 'not_filed'],
    ]);
    expect(byNo.get(5)!.mergedInto).toBe(byNo.get(1)!.id);
    expect(byNo.get(1)!.isKey).toBe(true);
    expect(byNo.get(3)!.assignmentMode).toBe('separate');
    expect(byNo.get(4)!.replySequence).toBe(2);
    expect(ps.find((p) => p.number === null)!.conversion).toBe('letter');

    const asg = await database.db.select().from(assignments).where(eq(assignments.proposalId, byNo.get(1)!.id)).orderBy(assignments.position);
    const [zhujian] = await database.db.select().from(units).where(eq(units.name, '住房和城乡建设局'));
    expect(asg.map((a) => [a.unitId, a.role, a.status])).toEqual([
      [w.units.nongye, 'lead', 'signed'], [w.units.weijian, 'co', 'signed'], [zhujian!.id, 'co', 'signed'],
    ]);
    const rep = await database.db.select().from(replies).where(eq(replies.proposalId, byNo.get(4)!.id)).orderBy(replies.sequence);
    expect(rep.map((x) => [x.sequence, x.resultClass, x.replyDate, x.dueDate])).toEqual([[1, 'B', '2024-06-05', '2024-06-11'], [2, 'A', '2024-07-01', '2024-07-05']]);
    // One evaluation row per evaluated unit, each with its unit.
    const ev = await database.db.select().from(evaluations).where(eq(evaluations.proposalId, byNo.get(1)!.id));
    expect(ev.map((e) => e.unitId).sort()).toEqual([w.units.nongye, w.units.weijian, zhujian!.id].sort());
    expect(ev.every((e) => e.sequence === 1 && e.recordedBy === w.users.staff.id)).toBe(true);

    // The session's figures, as the 2024 annual report would print them.
    const f = (await staff.get(`/api/v1/sessions/${sessionId}/figures`)).body;
    expect(f).toMatchObject({
      received: 7, filed: 6, notFiled: { total: 1, letter: 1, socialReport: 0 }, filingRate: { value: 85.7 }, mergedSecondaries: 1, afterMerge: 5,
      keyProposals: 1, handled: 4, resultClasses: { A: 3, B: 1, C: 0 }, overdue: 0,
    });
    // Each handled proposal counts its lead's latest reply: 第1号 A, 第2号 B, 第3号 (分办, first unit) A, 第4号 A after 重新办理.
    // 第2号 has no 办理期限 column: three months after 交办 is 2024-06-11, and it replied on 06-20.
    expect(f.onTimeRate).toMatchObject({ value: 80, numerator: 4, denominator: 5 });
    expect((await database.db.select().from(proposals).where(and(eq(proposals.sessionId, sessionId), eq(proposals.number, 2))))[0]!.deadline).toBe('2024-06-11');
    expect(f.satisfaction.evaluated).toBe(2);

    // The members see their past proposals; the history says who imported them.
    const member = await login(app, w.users.member.username);
    expect((await member.get(`/api/v1/proposals/${byNo.get(6)!.id}`)).status).toBe(200);
    const history = await member.get(`/api/v1/proposals/${byNo.get(1)!.id}/history`);
    expect(history.body.items).toMatchObject([{ action: 'proposal.import_history', actorName: 't_staff' }]);
    const [audit] = await database.db.select().from(auditLog).where(eq(auditLog.action, 'session.import_history'));
    expect(audit!.after).toMatchObject({ fileName: '2024年提案.xlsx', proposals: 7 });
    // A new proposer joins the roster without an account.
    const [zhou] = await database.db.select().from(members).where(eq(members.name, '周新民'));
    expect(zhou).toMatchObject({ kind: 'proposal', userId: null });
    // Year on year: last year's and this year's figures side by side.
    const current = (await staff.get(`/api/v1/sessions/${w.sessionId}/figures`)).body;
    expect([f.year, current.year]).toEqual([2024, 2025]);
    // Search finds the imported proposals.
    expect((await staff.get(`/api/v1/search?q=${encodeURIComponent('城市书房')}`)).body.items.map((i: { id: number }) => i.id)).toContain(byNo.get(6)!.id);
  });

  it('refuses the same session twice, and saves nothing', async () => {
    const before = await database.db.select().from(proposals);
    const again = await staff.post('/api/v1/history-import/commit', await upload());
    expect(again.status).toBe(400);
    expect(again.body.message).toContain(`届次「${S}」已有7件提案，不能重复导入`);
    expect(await database.db.select().from(proposals)).toHaveLength(before.length);
  });

  it('refuses the current session and another organ’s sessions; only staff import', async () => {
    const current = book({ 届次: [['十一届四次会议', '政协提案', '11', '4', '2025', '', '']], 提案: [['十一届四次会议', '', '关于某事的建议', '王建国', '', '', '转社情民意', '', '', '', '', '', '']], 答复: [], 测评: [] });
    const r = await staff.post('/api/v1/history-import/preview', await upload(current));
    expect(r.body.errors[0].message).toBe('届次「十一届四次会议」是当前届次，不能作为历史届次导入');
    await database.db.update(users).set({ organ: 'npc' }).where(eq(users.id, w.users.staff.id));
    try {
      const npc = await staff.post('/api/v1/history-import/preview', await upload(book({ 届次: [['十一届二次会议', '政协提案', '11', '2', '2023', '', '']], 提案: [], 答复: [], 测评: [] })));
      expect(npc.body.errors[0].message).toBe('您所在机关不办理政协提案，不能导入该届次');
    } finally {
      await database.db.update(users).set({ organ: 'cppcc' }).where(eq(users.id, w.users.staff.id));
    }
    const office = await login(app, w.users.office.username);
    expect((await office.post('/api/v1/history-import/preview', await upload())).status).toBe(403);
    const other = await login(app, w.users.otherStaff.username);
    // The county's staff import into their own tenant; the city's units are not theirs.
    const county = await other.post('/api/v1/history-import/preview', await upload());
    expect(county.body.newUnits.map((u: { name: string }) => u.name)).toEqual(expect.arrayContaining(['农业农村局', '教育局']));
  });

  it('matches the layout keys the parser reads', async () => {
    const ids = await database.db.select({ id: proposals.id }).from(proposals).where(and(eq(proposals.tenantId, w.tenantId), inArray(proposals.status, ['closed'])));
    expect(ids.length).toBeGreaterThan(0);
    expect(HISTORY_LAYOUT.map((s) => s.name)).toEqual(['届次', '提案', '答复', '测评']);
  });
});

async function cookieOf(username: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: 'Test@pass2026' } });
  return `duban_sid=${res.cookies.find((c) => c.name === 'duban_sid')!.value}`;
}
