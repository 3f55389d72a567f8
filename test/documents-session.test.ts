import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessions, proposals, replies, assignments } from '../src/server/db/schema.js';
import { sofficePath } from '../src/server/documents/pdf.js';
import type { Figures } from '../src/shared/schemas/figures.js';
import {
  buildDocumentSession,
  cookieOf,
  download,
  readDocx,
  P1_ACTIVITY,
  P1_FOLLOW_UP,
  P1_TITLE,
  P3_TITLE,
  TODAY,
  type DocFixture,
} from './documents-fixture.js';

// The session documents (公示, 综述, 汇编) generated from a hand-made session; every figure they
// print is checked against numbers worked out by hand AND against GET /sessions/:id/figures.

let f: DocFixture;
let staff: Record<string, string>;
let figures: Figures;

beforeAll(async () => {
  f = await buildDocumentSession();
  staff = await cookieOf(f.app, f.w.users.staff.username);
  figures = (await f.staff.get<Figures>(`/api/v1/sessions/${f.sessionId}/figures`)).body;
}, 120_000);
afterAll(async () => f.close());

const url = (doc: string, ext = 'docx') => `/api/v1/sessions/${f.sessionId}/documents/${doc}.${ext}`;

describe('the figures behind the documents', () => {
  it('are the hand-worked numbers', () => {
    // 380 received, 353 filed, 27 letters → 92.9; №2→№1 and №4→№3 merged → 351.
    expect(figures).toMatchObject({ received: 380, filed: 353, afterMerge: 351, keyProposals: 2, keyLeaders: 2, handled: 2, overdue: 1 });
    expect(figures.notFiled.letter).toBe(27);
    expect(figures.filingRate.value).toBe(92.9);
    // №1 A; №3 latest B.
    expect(figures.resultClasses).toEqual({ A: 1, B: 1, C: 0 });
    // Lead replies №1#1 on time, №3#1 late, №3#2 on time; №5 overdue → 2 / 4.
    expect(figures.onTimeRate).toEqual({ value: 50, numerator: 2, denominator: 4 });
    // Face to face: №1 of the 2 handled.
    expect(figures.faceToFaceRate.value).toBe(50);
    // Latest evaluations: №1 满意/满意, №3 基本满意/基本满意.
    expect(figures.satisfaction.attitude.rate.value).toBe(100);
    expect(figures.satisfaction.result.rate.value).toBe(100);
  });
});

describe('重点提案公示', () => {
  it('opens with the session figures and lists each key proposal', async () => {
    const r = await download(f.app, staff, url('key-publicity'));
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toContain('wordprocessingml');
    const name = encodeURIComponent('测试市政协十一届五次会议重点提案办理情况公示.docx');
    expect(r.headers['content-disposition']).toContain(`filename*=UTF-8''${name}`);
    const d = await readDocx(r.body);
    expect(d.paragraphs[0]).toBe('测试市政协十一届五次会议重点提案办理情况公示');
    // The merge as printed (4 proposals into 2) and the key proposals' 满意率 (№1 and №3, both rated 满意 or 基本满意).
    expect(d.text).toContain('测试市政协十一届五次会议共收到提案380件，经审查立案353件，作为来信处理27件，立案率92.9%；经并案处理，其中4件合并为2件，立案的353件提案并案后办理351件；确定重点提案2件，由2位领导领衔督办；重点提案已测评2件，委员满意率达100%。');
    // The same sentence from the endpoint's numbers: a document never counts on its own.
    expect(d.text).toContain(`共收到提案${figures.received}件，经审查立案${figures.filed}件，作为来信处理${figures.notFiled.letter}件，立案率${figures.filingRate.value}%`);
    expect(d.text).toContain(`确定重点提案${figures.keyProposals}件，由${figures.keyLeaders}位领导领衔督办`);
    const i1 = d.paragraphs.indexOf(`一、${P1_TITLE}`);
    const i3 = d.paragraphs.indexOf(`二、${P3_TITLE}`);
    expect(i1).toBeGreaterThan(0);
    expect(i3).toBeGreaterThan(i1);
    const first = d.paragraphs.slice(i1, i3);
    expect(first).toEqual(expect.arrayContaining([
      '编号：第1号', '提案人：王建国、李秀英', '督办领导：副市长陈副市长、副市长刘明', '主办单位：农业农村局',
      '办理结果：A类 所提问题已经解决或基本解决/采纳', P1_FOLLOW_UP, '目前已落实到位。',
    ]));
    expect(d.text).not.toContain('赵志强'); // declined co-signature
    const second = d.paragraphs.slice(i3);
    expect(second).toEqual(expect.arrayContaining(['编号：第3号', '督办领导：副市长刘明', '主办单位：教育局', '办理结果：B类 正在解决或列入计划逐步解决', '主办单位已答复（B类），落实情况待报送。']));
  });

  it('has the GB/T 9704 page and fonts', async () => {
    const d = await readDocx((await download(f.app, staff, url('key-publicity'))).body);
    // A4 and margins 37/35/28/26 mm in twips.
    expect(d.xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(d.xml).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/);
    // Body 仿宋_GB2312 三号 (16 pt = 32 half-points), title 方正小标宋简体 二号 (22 pt = 44).
    expect(d.xml).toMatch(/<w:rFonts w:ascii="Times New Roman" w:cs="Times New Roman" w:eastAsia="仿宋_GB2312" w:hAnsi="Times New Roman" w:hint="eastAsia"\/><w:sz w:val="32"\/>/);
    expect(d.xml).toMatch(/w:eastAsia="方正小标宋简体"[^>]*\/><w:sz w:val="44"\/>/);
    expect(d.styles).toContain('w:eastAsia="仿宋_GB2312"');
    // The fallbacks Word uses when the GB fonts are missing.
    expect(d.fontTable).toContain('<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>');
    expect(d.fontTable).toContain('<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/>');
  });
});

describe('年度重点提案督办工作综述', () => {
  it('has the figures paragraph and, per key proposal, its content and results', async () => {
    const r = await download(f.app, staff, url('key-review'));
    expect(r.status).toBe(200);
    const d = await readDocx(r.body);
    expect(d.paragraphs[0]).toBe('2025年度重点提案督办工作综述');
    const p = d.paragraphs[1]!;
    expect(p).toContain('共收到提案380件，经审查立案353件，作为来信处理27件，立案率92.9%');
    expect(p).toContain('截至2025年8月1日，已办复2件，其中A类1件、B类1件、C类0件；按时办复率50%；见面率50%；已测评2件，办理态度满意率100%，办理结果满意率100%');
    const c = figures.resultClasses;
    expect(p).toContain(`已办复${figures.handled}件，其中A类${c.A}件、B类${c.B}件、C类${c.C}件；按时办复率${figures.onTimeRate.value}%；见面率${figures.faceToFaceRate.value}%`);
    const i1 = d.paragraphs.indexOf(`一、${P1_TITLE}（第1号）`);
    const i3 = d.paragraphs.indexOf(`二、${P3_TITLE}（第3号）`);
    expect(i1).toBeGreaterThan(1);
    const first = d.paragraphs.slice(i1, i3);
    // The rich-text body becomes paragraphs without its tags.
    expect(first.slice(first.indexOf('【提案主要内容】'), first.indexOf('【办理工作成效】'))).toEqual([
      '【提案主要内容】', '农村生活污水治理是改善人居环境的重要内容。', '建议加大投入，完善运维。',
    ]);
    expect(first).toContain(`2025年6月20日，在新埭镇开展实地视察：${P1_ACTIVITY}`);
    expect(first).toContain(P1_FOLLOW_UP);
    // №3 has no follow-up yet: its latest reply stands for what was done.
    const second = d.paragraphs.slice(i3);
    expect(second).toEqual(expect.arrayContaining(['【提案主要内容】', '建议推进集团化办学。', '建议加强教师交流轮岗。', '【办理工作成效】', `答复正文${f.ids.p3}-2`]));
  });
});

describe('提案及答复汇编', () => {
  it('holds every filed proposal in number order with its reply', async () => {
    const r = await download(f.app, staff, url('compilation'));
    expect(r.status).toBe(200);
    const d = await readDocx(r.body);
    const numbers = d.paragraphs.map((p) => /^第(\d+)号\u3000/.exec(p)?.[1]).filter(Boolean).map(Number);
    expect(numbers).toEqual(Array.from({ length: 353 }, (_, i) => i + 1));
    expect(d.text).not.toContain('来信1'); // not filed
    expect(d.text).toContain('本件已并入第1号提案办理，答复见第1号。');
    expect(d.text).toContain('【农业农村局答复】（测农函〔2025〕12号，2025年6月13日，A类）');
    expect(d.text).toContain('【教育局答复】（2025年7月1日，B类，重新办理）');
    expect(d.text).toContain('会办单位：卫生健康局');
    // Each proposal from a new page but the first.
    expect(d.xml.match(/<w:pageBreakBefore\/>/g)?.length).toBe(352);
  });

  it('scales to a thousand proposals', { timeout: 120_000 }, async () => {
    const [s] = await f.db.insert(sessions).values({ tenantId: f.w.tenantId, kind: 'proposal', name: '十一届六次会议', term: 11, meeting: 6, year: 2026 }).returning();
    const body = '建议'.repeat(400);
    const rows = await f.db
      .insert(proposals)
      .values(Array.from({ length: 1000 }, (_, i) => ({
        tenantId: f.w.tenantId, sessionId: s!.id, kind: 'proposal' as const, title: `关于第${i + 1}件事的建议`, body, category: 'other' as const,
        submittedDuring: 'plenary' as const, status: 'replied' as const, createdBy: f.w.users.member.id, reviewDecision: 'filed' as const, number: 1000 - i,
      })))
      .returning({ id: proposals.id });
    await f.db.insert(assignments).values(rows.map((r) => ({ tenantId: f.w.tenantId, proposalId: r.id, unitId: f.w.units.nongye, role: 'lead' as const, status: 'signed' as const, assignedAt: '2026-03-05' })));
    await f.db.insert(replies).values(rows.map((r) => ({
      tenantId: f.w.tenantId, proposalId: r.id, unitId: f.w.units.nongye, isLead: true, sequence: 1, resultClass: 'A' as const, body: '答复'.repeat(500),
      disclosure: 'public' as const, signerName: '张局长', signedAt: new Date('2026-05-01T02:00:00Z'), dueDate: '2026-06-05', replyDate: '2026-05-01', createdBy: f.w.users.unit.id,
    })));
    const started = Date.now();
    const r = await download(f.app, staff, `/api/v1/sessions/${s!.id}/documents/compilation.docx`);
    expect(r.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(60_000);
    const d = await readDocx(r.body);
    const numbers = d.paragraphs.map((p) => /^第(\d+)号\u3000/.exec(p)?.[1]).filter(Boolean).map(Number);
    expect(numbers).toEqual(Array.from({ length: 1000 }, (_, i) => i + 1));
  });
});

describe('access and formats', () => {
  it('is open to staff, office and leaders of the tenant only', async () => {
    for (const who of ['office', 'leader'] as const) {
      expect((await download(f.app, await cookieOf(f.app, f.w.users[who].username), url('key-review'))).status).toBe(200);
    }
    expect((await download(f.app, await cookieOf(f.app, f.w.users.unit.username), url('key-review'))).status).toBe(403);
    expect((await download(f.app, await cookieOf(f.app, f.w.users.member.username), url('compilation'))).status).toBe(403);
    expect((await download(f.app, null, url('compilation'))).status).toBe(401);
    const other = await cookieOf(f.app, f.w.users.otherStaff.username);
    expect((await download(f.app, other, url('key-publicity'))).status).toBe(404);
  });

  it('answers PDF only when LibreOffice is installed, and says so in Chinese otherwise', { timeout: 120_000 }, async () => {
    const r = await download(f.app, staff, url('key-publicity', 'pdf'));
    if (sofficePath()) {
      expect(r.status).toBe(200);
      expect(r.body.subarray(0, 4).toString()).toBe('%PDF');
    } else {
      expect(r.status).toBe(501);
      expect(r.json()).toMatchObject({ code: 'NOT_IMPLEMENTED', message: expect.stringContaining('LibreOffice') });
      expect(r.json().message).toContain('.docx');
    }
  });

  it('dates the documents by the server clock', async () => {
    const d = await readDocx((await download(f.app, staff, url('key-publicity'))).body);
    expect(d.text).toContain('2025年8月1日');
    expect(figures.asOf).toBe(TODAY);
  });
});
