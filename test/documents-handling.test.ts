import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assignments, proposers, replies, units } from '../src/server/db/schema.js';
import type { Figures } from '../src/shared/schemas/figures.js';
import { login } from './helpers/api.js';
import { stripTypedOpening } from '../src/server/documents/reply-letter.js';
import { buildDocumentSession, cookieOf, download, readDocx, P1_TITLE, P3_TITLE, type DocFixture } from './documents-fixture.js';

// Documents that carry every printed figure (issue 11): the 答复函 names its co-units and opens
// once, its 落款 never splits; the figures report the merge as printed (4 into 2); the 公示 states
// the 满意率; the 综述 states each key proposal's class; leaders print by organ and name.

let f: DocFixture;
let staff: Record<string, string>;
const CO_NAMES = ['发展和改革局', '司法局', '财政局', '自然资源和规划局', '生态环境局', '住房和城乡建设局', '交通运输局', '水利局', '商务局', '市场监督管理局'];
let letterId: number;

beforeAll(async () => {
  f = await buildDocumentSession();
  staff = await cookieOf(f.app, f.w.users.staff.username);
  // №5 (主办 农业农村局) handled with ten co-units, as the real 市经信局 proposal was; the unit typed
  // the salutation and the 收悉 sentence the template writes itself.
  await f.db.insert(proposers).values({ tenantId: f.w.tenantId, proposalId: f.ids.p5, position: 0, memberId: f.w.members.wang, confirmation: 'lead' });
  const coUnits = await f.db.insert(units).values(CO_NAMES.map((name) => ({ tenantId: f.w.tenantId, name }))).returning();
  await f.db.insert(assignments).values(
    coUnits.map((u, i) => ({ tenantId: f.w.tenantId, proposalId: f.ids.p5, unitId: u.id, role: 'co' as const, position: i + 1, status: 'signed' as const, assignedAt: '2025-03-05' })),
  );
  const [r] = await f.db
    .insert(replies)
    .values({
      tenantId: f.w.tenantId, proposalId: f.ids.p5, unitId: f.w.units.nongye, isLead: true, sequence: 1, resultClass: 'B',
      body: '王建国委员：\n您提出的关于测试事项的提案收悉，现将办理情况答复如下：\n一、已完成的工作。全市已建成示范点12个。\n二、下一步打算。明年再建设20个。',
      disclosure: 'public', signerName: '张局长', signedAt: new Date('2025-07-30T02:00:00Z'), dueDate: '2025-06-30', replyDate: '2025-07-30',
      createdBy: f.w.users.unit.id,
    })
    .returning();
  letterId = r!.id;
}, 120_000);
afterAll(async () => f.close());

const sessionDoc = (doc: string) => `/api/v1/sessions/${f.sessionId}/documents/${doc}.docx`;
/** The XML of each paragraph of document.xml, with its text. */
const paragraphsOf = (xml: string) =>
  xml.split('</w:p>').map((p) => ({ xml: p, text: [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('') }));

describe('答复函', () => {
  it('names all ten co-units: 「…会同××、××办理」', async () => {
    const d = await readDocx((await download(f.app, staff, `/api/v1/replies/${letterId}/letter.docx`)).body);
    const opening = d.paragraphs.find((p) => p.includes('收悉'))!;
    expect(opening).toBe(`您提出的《关于测试事项第5项的建议》（第5号提案）收悉。本件提案由测试市农业农村局主办，会同${CO_NAMES.map((n) => `测试市${n}`).join('、')}办理，现答复如下：`);
  });

  it('greets once and says 收悉 once, whatever the unit typed', async () => {
    const d = await readDocx((await download(f.app, staff, `/api/v1/replies/${letterId}/letter.docx`)).body);
    expect(d.paragraphs.filter((p) => p.includes('收悉'))).toHaveLength(1);
    // The template's salutation is the same words as the typed one: it must stand once.
    expect(d.paragraphs.filter((p) => p === '王建国委员：')).toHaveLength(1);
    const opening = d.paragraphs.findIndex((p) => p.includes('收悉'));
    expect(d.paragraphs[opening - 1]).toBe('王建国委员：');
    expect(d.paragraphs[opening + 1]).toBe('一、已完成的工作。全市已建成示范点12个。');
  });

  it('drops what the template says itself from a typed opening, keeping the rest', () => {
    expect(
      stripTypedOpening([
        '曹子涵：',
        '您提出的《关于加强中小学劳动教育实践基地建设的建议》收悉。感谢您对劳动教育工作的关心和支持。我单位会同农业农村局进行了认真研究，现答复如下：',
        '一、基本情况。',
      ]),
    ).toEqual(['感谢您对劳动教育工作的关心和支持。我单位会同农业农村局进行了认真研究。', '一、基本情况。']);
    expect(stripTypedOpening(['王建国委员：您提出的关于测试的提案收悉，现将办理情况答复如下：一、已完成。'])).toEqual(['一、已完成。']);
    // A text that does not open with 收悉 is left alone.
    expect(stripTypedOpening(['一、关于收悉后的办理流程，我局已于3月启动。'])).toEqual(['一、关于收悉后的办理流程，我局已于3月启动。']);
  });

  it('keeps the 落款 (issuing unit and date) together and with the text before it', async () => {
    const d = await readDocx((await download(f.app, staff, `/api/v1/replies/${letterId}/letter.docx`)).body);
    const ps = paragraphsOf(d.xml);
    const date = ps.findIndex((p) => p.text === '2025年7月30日');
    const issuer = ps[date - 1]!;
    expect(issuer.text).toBe('测试市农业农村局');
    expect(issuer.xml).toContain('<w:keepNext/>');
    expect(issuer.xml).toContain('<w:keepLines/>');
    expect(ps[date]!.xml).toContain('<w:keepLines/>');
    // The blank line and the last paragraph of the text stay with it, so it is never alone on a page.
    expect(ps[date - 2]!.text).toBe('');
    expect(ps[date - 2]!.xml).toContain('<w:keepNext/>');
    expect(ps[date - 3]!.text).toBe('二、下一步打算。明年再建设20个。');
    expect(ps[date - 3]!.xml).toContain('<w:keepNext/>');
  });
});

describe('the session documents', () => {
  it('the figures endpoint reports how many proposals were merged into how many', async () => {
    const figures = (await f.staff.get<Figures>(`/api/v1/sessions/${f.sessionId}/figures`)).body;
    expect(figures.merged).toEqual({ proposals: 4, groups: 2 });
    expect(figures.keySatisfaction).toEqual({
      evaluated: 2,
      attitude: { value: 100, numerator: 2, denominator: 2 },
      result: { value: 100, numerator: 2, denominator: 2 },
    });
  });

  it('leaders print by organ and name, edited in the leader admin', async () => {
    const sysadmin = await login(f.app, f.w.users.sysadmin.username);
    const list = (await sysadmin.get('/api/v1/leaders')).body as { id: number; name: string; organ: string | null }[];
    expect(list.every((l) => l.organ === null)).toBe(true);
    const liu = list.find((l) => l.name === '刘明')!;
    expect((await sysadmin.patch(`/api/v1/leaders/${f.w.leaderId}`, { organ: 'cppcc' })).body.organ).toBe('cppcc');
    expect((await sysadmin.patch(`/api/v1/leaders/${liu.id}`, { organ: 'government' })).status).toBe(200);
    expect((await sysadmin.patch(`/api/v1/leaders/${liu.id}`, { organ: 'army' })).status).toBe(400);
    const publicity = await readDocx((await download(f.app, staff, sessionDoc('key-publicity'))).body);
    expect(publicity.paragraphs).toContain('督办领导：市政协领导陈副市长、市政府领导刘明');
    const review = await readDocx((await download(f.app, staff, sessionDoc('key-review'))).body);
    expect(review.paragraphs).toContain('督办领导：市政府领导刘明');
  });

  it('督办综述 states the merge as printed and each key proposal’s class with its sections', async () => {
    const d = await readDocx((await download(f.app, staff, sessionDoc('key-review'))).body);
    expect(d.paragraphs[1]).toContain('经并案处理，其中4件合并为2件');
    const i1 = d.paragraphs.indexOf(`一、${P1_TITLE}（第1号）`);
    const i3 = d.paragraphs.indexOf(`二、${P3_TITLE}（第3号）`);
    const first = d.paragraphs.slice(i1, i3);
    const second = d.paragraphs.slice(i3);
    expect(first).toContain('答复类别：A类 所提问题已经解决或基本解决/采纳');
    expect(second).toContain('答复类别：B类 正在解决或列入计划逐步解决');
    // The class comes with the proposal's sections, before 【提案主要内容】 and 【办理工作成效】.
    expect(first.indexOf('答复类别：A类 所提问题已经解决或基本解决/采纳')).toBeLessThan(first.indexOf('【提案主要内容】'));
    expect(first.indexOf('【提案主要内容】')).toBeLessThan(first.indexOf('【办理工作成效】'));
  });

  it('重点提案公示 states the satisfaction rate and each key proposal’s evaluation', async () => {
    const d = await readDocx((await download(f.app, staff, sessionDoc('key-publicity'))).body);
    expect(d.paragraphs[1]).toContain('重点提案已测评2件，委员满意率达100%');
    expect(d.paragraphs).toContain('测评意见：办理态度满意，办理结果满意');
  });
});
