import { eq, inArray } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { proposals } from '../src/server/db/schema.js';
import type { Figures, UnitStats } from '../src/shared/schemas/figures.js';
import { anonymous, login } from './helpers/api.js';
import {
  buildDocumentSession,
  cookieOf,
  CONTACT_PHONE,
  download,
  P1_TITLE,
  P2_TITLE,
  P3_TITLE,
  PHONE,
  readDocx,
  type DocFixture,
} from './documents-fixture.js';

// 答复函, the unit table (JSON and .xlsx), the proposal-list export and the open data, on the
// hand-made session of documents-fixture.ts.

let f: DocFixture;
const cookies: Record<string, Record<string, string>> = {};

beforeAll(async () => {
  f = await buildDocumentSession();
  for (const who of ['staff', 'office', 'unit', 'unit2', 'unit3', 'member', 'member2', 'group', 'leader', 'otherStaff'] as const) {
    cookies[who] = await cookieOf(f.app, f.w.users[who].username);
  }
}, 120_000);
afterAll(async () => f.close());

async function readSheet(content: Buffer): Promise<(string | number | null)[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(content as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const out: (string | number | null)[][] = [];
  ws.eachRow((row) => {
    out.push(Array.from({ length: ws.columnCount }, (_, i) => (row.getCell(i + 1).value ?? null) as string | number | null));
  });
  return out;
}

describe('答复函', () => {
  const letterUrl = () => `/api/v1/replies/${f.replyIds.p1}/letter.docx`;

  it('has the letterhead, number, addressees, proposal, reply, class, signer, date and contact', async () => {
    const r = await download(f.app, cookies.staff!, letterUrl());
    expect(r.status).toBe(200);
    expect(r.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('测试市农业农村局第1号、第2号提案答复函.docx')}`);
    const d = await readDocx(r.body);
    expect(d.paragraphs.slice(0, 6)).toEqual([
      '答复类别：A类', '公开属性：公开', '签发人：张局长', '测试市农业农村局', '测农函〔2025〕12号',
      '关于对测试市政协十一届五次会议第1号、第2号提案的答复',
    ]);
    // The merged №2's body is an addressee too; the declined co-signer is not.
    expect(d.paragraphs[6]).toBe('民盟测试市基层委，王建国、李秀英委员：');
    expect(d.text).not.toContain('赵志强');
    // The stored salutation 「王建国：」 and its typed 「…收悉。现答复如下：」 give way to the template's,
    // which cites the numbers: the letter greets once and says 收悉 once; the rest is kept paragraph by paragraph.
    expect(d.paragraphs).not.toContain('王建国：');
    expect(d.paragraphs).not.toContain(`您提出的《${P1_TITLE}》收悉。现答复如下：`);
    expect(d.paragraphs).toContain(`您提出的《${P1_TITLE}》（第1号、第2号提案）收悉，现答复如下：`);
    expect(d.paragraphs.filter((p) => p.includes('收悉'))).toHaveLength(1);
    expect(d.paragraphs).toContain('一、基本情况。今年新建农村污水处理终端42个。');
    const tail = d.paragraphs.slice(-4);
    expect(tail).toEqual(['测试市农业农村局', '2025年6月13日', `（联系人：刘联系 ${CONTACT_PHONE}）`, '抄送：测试市政协提案委员会，测试市人民政府办公室。']);
    // Letterhead in red 方正小标宋简体; the red rule under the document number.
    expect(d.xml).toMatch(/w:eastAsia="方正小标宋简体"[^>]*\/><w:color w:val="FF0000"\/>/);
    expect(d.xml).toMatch(/<w:bottom w:val="single" w:color="FF0000"/);
    expect(d.xml).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
  });

  it('cites the proposal when the reply text does not', async () => {
    const d = await readDocx((await download(f.app, cookies.staff!, `/api/v1/replies/${f.replyIds.p3second}/letter.docx`)).body);
    expect(d.paragraphs).toContain('关于对测试市政协十一届五次会议第3号、第4号提案的答复（重新办理）');
    // №3 was handled with the co-unit 卫生健康局: the letter says so.
    expect(d.paragraphs).toContain(`您提出的《${P3_TITLE}》（第3号、第4号提案）收悉。本件提案由测试市教育局主办，会同测试市卫生健康局办理，现答复如下：`);
    expect(d.paragraphs).toContain('答复类别：B类');
  });

  it('goes to the replying unit, staff, office and the proposers only', async () => {
    const get = (who: string, id = f.replyIds.p1) => download(f.app, cookies[who]!, `/api/v1/replies/${id}/letter.docx`).then((r) => r.status);
    expect(await get('staff')).toBe(200);
    expect(await get('office')).toBe(200);
    expect(await get('unit')).toBe(200); // 农业农村局 wrote it
    expect(await get('member')).toBe(200); // 王建国, lead proposer
    expect(await get('member2')).toBe(200); // 李秀英, co-proposer
    expect(await get('unit2')).toBe(404); // 教育局 has nothing to do with №1
    expect(await get('unit3', f.replyIds.p3first)).toBe(403); // 卫生健康局 is only 会办 on №3
    expect(await get('leader')).toBe(403);
    expect(await get('otherStaff')).toBe(404);
    expect((await download(f.app, null, letterUrl())).status).toBe(401);
    expect((await download(f.app, cookies.staff!, '/api/v1/replies/987654/letter.docx')).status).toBe(404);
  });
});

describe('承办单位办理情况', () => {
  it('adds average working days, satisfaction and 见面率 to each unit, adding up to the session', async () => {
    const staff = await login(f.app, f.w.users.staff.username);
    const r = await staff.get<UnitStats>(`/api/v1/sessions/${f.sessionId}/unit-stats`);
    expect(r.status).toBe(200);
    const by = Object.fromEntries(r.body.units.map((u) => [u.name, u]));
    // 农业农村局: №1 replied 8 working days after assignment (4–6, 9–13 June), 满意/满意, met face to
    // face; №5 overdue → on time 1 / (1 + 1).
    expect(by['农业农村局']).toMatchObject({
      assigned: 2, asLead: 2, replied: 1, onTime: 1, overdue: 1, handled: 1, avgReplyWorkingDays: 8,
      onTimeRate: { value: 50, numerator: 1, denominator: 2 },
      satisfaction: { evaluated: 1, attitude: { value: 100, numerator: 1, denominator: 1 }, result: { value: 100, numerator: 1, denominator: 1 } },
      faceToFaceRate: { value: 100, numerator: 1, denominator: 1 },
    });
    // 教育局: №3 first reply 5 working days after assignment (4–6, 9–10 June), latest 基本满意, phone only.
    expect(by['教育局']).toMatchObject({
      assigned: 1, replied: 2, onTime: 1, handled: 1, avgReplyWorkingDays: 5, resultClasses: { A: 0, B: 1, C: 0 },
      satisfaction: { evaluated: 1, attitude: { value: 100 } }, faceToFaceRate: { value: 0, numerator: 0, denominator: 1 },
    });
    // 卫生健康局: 会办 only, nothing to rate.
    expect(by['卫生健康局']).toMatchObject({ assigned: 1, asLead: 0, handled: 0, avgReplyWorkingDays: null, faceToFaceRate: { value: null } });
    const fig = (await staff.get<Figures>(`/api/v1/sessions/${f.sessionId}/figures`)).body;
    const sum = (pick: (u: UnitStats['units'][number]) => number) => r.body.units.reduce((a, u) => a + pick(u), 0);
    expect(sum((u) => u.handled)).toBe(fig.handled);
    expect(sum((u) => u.satisfaction.evaluated)).toBe(fig.satisfaction.evaluated);
    expect(sum((u) => u.satisfaction.result.numerator)).toBe(fig.satisfaction.result.rate.numerator);
    expect(sum((u) => u.faceToFaceRate.numerator)).toBe(fig.faceToFaceRate.numerator);
  });

  it('sorts by any column, units without a value last', async () => {
    const staff = await login(f.app, f.w.users.staff.username);
    const names = async (sort: string) => (await staff.get<UnitStats>(`/api/v1/sessions/${f.sessionId}/unit-stats?sort=${sort}`)).body.units.map((u) => u.name);
    expect(await names('faceToFaceRate:desc')).toEqual(['农业农村局', '教育局', '卫生健康局']);
    expect(await names('faceToFaceRate:asc')).toEqual(['教育局', '农业农村局', '卫生健康局']);
    expect(await names('avgReplyWorkingDays')).toEqual(['教育局', '农业农村局', '卫生健康局']);
    const bad = await staff.get(`/api/v1/sessions/${f.sessionId}/unit-stats?sort=phone:asc`);
    expect(bad.status).toBe(400);
    expect(bad.body.message).toContain('排序方式无效');
  });

  it('exports the same table, in the same order, as .xlsx', async () => {
    const r = await download(f.app, cookies.staff!, `/api/v1/sessions/${f.sessionId}/unit-stats.xlsx?sort=onTimeRate:desc`);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toContain('spreadsheetml');
    expect(r.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('十一届五次会议承办单位办理情况统计表.xlsx')}`);
    const rows = await readSheet(r.body);
    expect(rows[0]![0]).toBe('十一届五次会议承办单位办理情况统计表');
    expect(rows[1]).toEqual([
      '承办单位', '交办件数', '主办件数', '答复件次', '按时答复', '按时办复率（%）', '平均办复工作日', 'A类', 'B类', 'C类',
      '已测评', '办理态度满意率（%）', '办理结果满意率（%）', '见面率（%）', '当前逾期',
    ]);
    // onTimeRate desc: 教育局 50 and 农业农村局 50 tie (by name, in pinyin order), then 卫生健康局 without a rate.
    expect(rows.slice(2, 5).map((x) => x[0])).toEqual(['教育局', '农业农村局', '卫生健康局']);
    expect(rows[3]).toEqual(['农业农村局', 2, 2, 1, 1, 50, 8, 1, 0, 0, 1, 100, 100, 100, 1]);
    expect(rows[4]!.slice(0, 7)).toEqual(['卫生健康局', 1, 0, 0, 0, null, null]);
    expect(String(rows[5]![0])).toContain('统计截至2025年8月1日');
    expect((await download(f.app, cookies.unit!, `/api/v1/sessions/${f.sessionId}/unit-stats.xlsx`)).status).toBe(403);
  });
});

describe('提案列表导出', () => {
  const HEADER = ['编号', '类型', '届次', '案由/标题', '提案人/代表', '类别', '状态', '主办单位', '会办单位', '办理期限', '答复类别', '满意度', '重点提案', '超期'];

  it('uses the filters of GET /proposals and adds 答复类别 and 满意度', async () => {
    const q = `sessionId=${f.sessionId}&isKey=true&sort=number:asc`;
    const r = await download(f.app, cookies.staff!, `/api/v1/proposals/export.xlsx?${q}`);
    expect(r.status).toBe(200);
    const rows = await readSheet(r.body);
    expect(rows[1]).toEqual(HEADER);
    expect(rows.slice(2)).toEqual([
      [1, '政协提案', '十一届五次会议', P1_TITLE, '王建国、李秀英', '其他', '已办结', '农业农村局', null, '2025年9月3日', 'A类', '态度满意，结果满意', '是', null],
      [3, '政协提案', '十一届五次会议', P3_TITLE, '王建国', '其他', '跟踪落实', '教育局', '卫生健康局', '2025年7月20日', 'B类', '态度基本满意，结果基本满意', '是', null],
    ]);
    const list = await (await login(f.app, f.w.users.staff.username)).get(`/api/v1/proposals?${q}`);
    expect(list.body.items.map((i: { number: number }) => i.number)).toEqual([1, 3]);
  });

  it('gives a unit exactly what its list shows', async () => {
    const q = `sessionId=${f.sessionId}&sort=number:desc`;
    const rows = (await readSheet((await download(f.app, cookies.unit!, `/api/v1/proposals/export.xlsx?${q}`)).body)).slice(2);
    const list = await (await login(f.app, f.w.users.unit.username)).get(`/api/v1/proposals?${q}&pageSize=100`);
    expect(rows.map((x) => x[0])).toEqual(list.body.items.map((i: { number: number }) => i.number));
    expect(rows.map((x) => x[0])).toEqual([5, 1]);
    expect(rows[0]![12]).toBe(null); // №5's overdue flag is set by the deadline job, not yet run here
  });

  it('exports the whole filtered list past one page, and refuses bad filters like the list', async () => {
    const rows = (await readSheet((await download(f.app, cookies.staff!, `/api/v1/proposals/export.xlsx?sessionId=${f.sessionId}`)).body)).slice(2);
    expect(rows).toHaveLength(380);
    const bad = await download(f.app, cookies.staff!, '/api/v1/proposals/export.xlsx?status=nonsense');
    expect(bad.status).toBe(400);
    expect((await download(f.app, await cookieOf(f.app, f.w.users.auditor.username), '/api/v1/proposals/export.xlsx')).status).toBe(403);
  });
});

describe('开放数据', () => {
  beforeAll(async () => {
    await f.db.update(proposals).set({ published: true, publishedAt: new Date('2025-07-15T02:00:00Z') }).where(inArray(proposals.id, [f.ids.p1, f.ids.p3]));
  });

  it('lists the published proposals as the portal does, without personal data (CSV)', async () => {
    const r = await download(f.app, null, `/api/v1/public/sessions/${f.sessionId}/open-data.csv`);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toContain('text/csv');
    const text = r.body.toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe('编号,标题,类别,提案人,是否重点提案,主办单位,答复类别,状态,公开时间');
    expect(lines.slice(1)).toEqual([
      `1,${P1_TITLE},其他,王建国、李秀英,是,农业农村局,A,已办结,2025-07-15`,
      `3,${P3_TITLE},其他,王建国,是,教育局,B,跟踪落实,2025-07-15`,
    ]);
    expect(text).not.toContain(P2_TITLE); // not published
    expect(text).not.toContain(PHONE);
    expect(text).not.toMatch(/1[3-9]\d{9}|0\d{2,3}-\d{7,8}/);
  });

  it('gives the same in JSON with the public figures', async () => {
    const r = await download(f.app, null, `/api/v1/public/sessions/${f.sessionId}/open-data.json`);
    expect(r.status).toBe(200);
    const body = r.json();
    expect(body.count).toBe(2);
    expect(body.proposals.map((p: { number: number }) => p.number)).toEqual([1, 3]);
    expect(body.proposals[0].proposers).toEqual([{ name: '王建国', sector: '经济界' }, { name: '李秀英', sector: '经济界' }]);
    const pub = await anonymous(f.app).get(`/api/v1/public/sessions/${f.sessionId}/figures`);
    expect(body.figures).toEqual(pub.body);
    const raw = r.body.toString('utf8');
    expect(raw).not.toContain(PHONE);
    expect(raw).not.toContain(CONTACT_PHONE);
    expect(raw).not.toMatch(/phone|idNumber|address|username/i);
  });

  it('answers 404 for an unknown session', async () => {
    expect((await download(f.app, null, '/api/v1/public/sessions/987654/open-data.json')).status).toBe(404);
    // Unpublishing takes a proposal out at once.
    await f.db.update(proposals).set({ published: false }).where(eq(proposals.id, f.ids.p3));
    const again = (await download(f.app, null, `/api/v1/public/sessions/${f.sessionId}/open-data.json`)).json();
    expect(again.count).toBe(1);
  });
});
