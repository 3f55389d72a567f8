import { eq } from 'drizzle-orm';
import JSZip from 'jszip';
import { freshDatabase } from './helpers/db.js';
import { buildWorld, TEST_PASSWORD, type World } from './helpers/world.js';
import { login, type Client } from './helpers/api.js';
import { buildApp } from '../src/server/http/app.js';
import type { Database, Db } from '../src/server/db/client.js';
import type { App } from '../src/server/http/types.js';
import {
  assignments,
  contacts,
  evaluations,
  followUps,
  keyProposalLeaders,
  leaders,
  members,
  proposals,
  proposers,
  replies,
  sessions,
  supervisionActivities,
} from '../src/server/db/schema.js';

// A hand-made session for the document tests: 380 received, 353 filed (№1–№353), 27 handled as
// letters, №2 merged into №1 and №4 into №3 (351 after merging). Two key proposals, №1 and №3,
// led by two leaders. Every expected figure is worked out in documents-session.test.ts.

export const NOW = new Date('2025-08-01T04:00:00Z'); // 2025-08-01 in China
export const TODAY = '2025-08-01';

export const P1_TITLE = '关于加快推进农村生活污水治理的建议';
export const P2_TITLE = '关于完善农村污水设施运维机制的建议';
export const P3_TITLE = '关于推进义务教育优质均衡发展的建议';
export const P1_REPLY = '王建国：\n\n您提出的《关于加快推进农村生活污水治理的建议》收悉。现答复如下：\n\n一、基本情况。今年新建农村污水处理终端42个。\n\n二、下一步工作。将加强运维管理。';
export const P1_FOLLOW_UP = '42个处理终端已全部投入运行，出水达标率100%。';
export const P1_ACTIVITY = '督办领导带队察看了新埭镇污水处理终端运行情况。';
export const PHONE = '13800138000';
export const CONTACT_PHONE = '0573-85012345';

export interface DocFixture {
  database: Database;
  db: Db;
  app: App;
  w: World;
  sessionId: number;
  ids: { p1: number; p2: number; p3: number; p5: number };
  replyIds: { p1: number; p3first: number; p3second: number };
  staff: Client;
  close(): Promise<void>;
}

export async function buildDocumentSession(): Promise<DocFixture> {
  const database = await freshDatabase();
  const db = database.db;
  const w = await buildWorld(db);
  const app = await buildApp({ db, now: () => NOW });
  const [s] = await db.insert(sessions).values({ tenantId: w.tenantId, kind: 'proposal', name: '十一届五次会议', term: 11, meeting: 5, year: 2025 }).returning();
  const sessionId = s!.id;
  // A phone number on a proposer: it must never reach an export.
  await db.update(members).set({ phone: PHONE }).where(eq(members.id, w.members.wang));

  const base = {
    tenantId: w.tenantId, sessionId, kind: 'proposal' as const, body: '正文', category: 'other' as const, submittedDuring: 'plenary' as const,
    createdBy: w.users.member.id, submittedAt: new Date('2025-01-10T02:00:00Z'),
  };
  const filed = Array.from({ length: 353 }, (_, i) => ({
    ...base, title: `关于测试事项第${i + 1}项的建议`, status: 'assigned' as const, reviewDecision: 'filed' as const, number: i + 1, deadline: '2025-09-30',
  }));
  const letters = Array.from({ length: 27 }, (_, i) => ({
    ...base, title: `来信${i + 1}`, status: 'not_filed' as const, reviewDecision: 'not_filed' as const, conversion: 'letter' as const, reviewReason: 'not_in_scope' as const,
  }));
  const inserted = await db.insert(proposals).values([...filed, ...letters]).returning({ id: proposals.id, number: proposals.number });
  const byNumber = new Map(inserted.map((r) => [r.number, r.id]));
  const id = (n: number) => byNumber.get(n)!;
  const p1 = id(1), p2 = id(2), p3 = id(3), p4 = id(4), p5 = id(5);
  const set = (pid: number, v: Partial<typeof proposals.$inferInsert>) => db.update(proposals).set(v).where(eq(proposals.id, pid));
  await set(p1, { title: P1_TITLE, body: '<p>农村生活污水治理是改善人居环境的重要内容。</p><p>建议加大投入，<strong>完善运维</strong>。</p>', status: 'closed', isKey: true, deadline: '2025-09-03' });
  await set(p2, { title: P2_TITLE, status: 'merged', mergedInto: p1 });
  await set(p3, { title: P3_TITLE, body: '建议推进集团化办学。\n建议加强教师交流轮岗。', status: 'following_up', isKey: true, deadline: '2025-07-20', replySequence: 2 });
  await set(p4, { status: 'merged', mergedInto: p3 });
  await set(p5, { status: 'handling', deadline: '2025-06-30' }); // overdue on 2025-08-01

  // Proposers: №1 王建国 (lead) and 李秀英 (confirmed), 赵志强 declined; №2 by 民盟; №3 王建国.
  await db.insert(proposers).values([
    { tenantId: w.tenantId, proposalId: p1, position: 0, memberId: w.members.wang, confirmation: 'lead' },
    { tenantId: w.tenantId, proposalId: p1, position: 1, memberId: w.members.li, confirmation: 'confirmed' },
    { tenantId: w.tenantId, proposalId: p1, position: 2, memberId: w.members.zhao, confirmation: 'declined' },
    { tenantId: w.tenantId, proposalId: p2, position: 0, bodyId: w.bodyId, confirmation: 'lead' },
    { tenantId: w.tenantId, proposalId: p3, position: 0, memberId: w.members.wang, confirmation: 'lead' },
  ]);

  const u = w.units;
  const assign = (proposalId: number, unitId: number, role: 'lead' | 'co', assignedAt: string, position = 0) =>
    db.insert(assignments).values({ tenantId: w.tenantId, proposalId, unitId, role, position, status: 'signed', assignedAt });
  await assign(p1, u.nongye, 'lead', '2025-06-03');
  await assign(p3, u.jiaoyu, 'lead', '2025-06-03');
  await assign(p3, u.weijian, 'co', '2025-06-03', 1);
  await assign(p5, u.nongye, 'lead', '2025-03-05');

  const reply = async (proposalId: number, unitId: number, sequence: number, resultClass: 'A' | 'B' | 'C', replyDate: string, dueDate: string, extra: Partial<typeof replies.$inferInsert> = {}) =>
    (await db.insert(replies).values({
      tenantId: w.tenantId, proposalId, unitId, isLead: true, sequence, resultClass, body: `答复正文${proposalId}-${sequence}`, disclosure: 'public',
      signerName: '张局长', signedAt: new Date(`${replyDate}T02:00:00Z`), dueDate, replyDate, createdBy: w.users.unit.id, ...extra,
    }).returning())[0]!.id;
  // №1: A, on time, 8 working days after assignment (4–6, 9–13 June).
  const r1 = await reply(p1, u.nongye, 1, 'A', '2025-06-13', '2025-09-03', { body: P1_REPLY, documentNo: '测农函〔2025〕12号', contactPerson: `刘联系 ${CONTACT_PHONE}` });
  // №3: C late (5 working days after assignment), then B on time after 重新办理.
  const r3a = await reply(p3, u.jiaoyu, 1, 'C', '2025-06-10', '2025-06-05');
  const r3b = await reply(p3, u.jiaoyu, 2, 'B', '2025-07-01', '2025-07-20');

  const evaluate = (proposalId: number, sequence: number, attitude: 'satisfied' | 'basic' | 'unsatisfied', result: 'satisfied' | 'basic' | 'unsatisfied') =>
    db.insert(evaluations).values({ tenantId: w.tenantId, proposalId, sequence, attitude, result, evaluatedBy: w.users.member.id });
  await evaluate(p1, 1, 'satisfied', 'satisfied');
  await evaluate(p3, 1, 'unsatisfied', 'unsatisfied');
  await evaluate(p3, 2, 'basic', 'basic');
  await db.insert(contacts).values([
    { tenantId: w.tenantId, proposalId: p1, unitId: u.nongye, method: 'face', contactDate: '2025-06-05', participants: '王建国', summary: '面商', createdBy: w.users.unit.id },
    { tenantId: w.tenantId, proposalId: p3, unitId: u.jiaoyu, method: 'phone', contactDate: '2025-06-05', participants: '王建国', summary: '电话', createdBy: w.users.unit2.id },
  ]);

  const [leader2] = await db.insert(leaders).values({ tenantId: w.tenantId, name: '刘明', title: '副市长' }).returning();
  await db.insert(keyProposalLeaders).values([
    { tenantId: w.tenantId, proposalId: p1, leaderId: w.leaderId },
    { tenantId: w.tenantId, proposalId: p1, leaderId: leader2!.id },
    { tenantId: w.tenantId, proposalId: p3, leaderId: leader2!.id },
  ]);
  await db.insert(supervisionActivities).values({
    tenantId: w.tenantId, proposalId: p1, kind: 'site_visit', activityDate: '2025-06-20', place: '新埭镇', participants: '陈副市长、王建国', content: P1_ACTIVITY, createdBy: w.users.staff.id,
  });
  await db.insert(followUps).values({ tenantId: w.tenantId, proposalId: p1, unitId: u.nongye, body: P1_FOLLOW_UP, completed: true, createdBy: w.users.unit.id });

  const staff = await login(app, w.users.staff.username);
  return {
    database, db, app, w, sessionId, staff,
    ids: { p1, p2, p3, p5 },
    replyIds: { p1: r1, p3first: r3a, p3second: r3b },
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

/** Signs in and returns the cookie header for raw requests (the JSON client would mangle bytes). */
export async function cookieOf(app: App, username: string): Promise<Record<string, string>> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: TEST_PASSWORD } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode}`);
  return { cookie: `duban_sid=${res.cookies.find((c) => c.name === 'duban_sid')!.value}` };
}

/** GET a file: the raw bytes and the headers. */
export async function download(app: App, headers: Record<string, string> | null, url: string) {
  const res = await app.inject({ method: 'GET', url, headers: headers ?? {} });
  return { status: res.statusCode, body: res.rawPayload, headers: res.headers, json: () => res.json() };
}

export interface DocxParts {
  xml: string;
  text: string;
  paragraphs: string[];
  fontTable: string;
  styles: string;
}

/** Unzips a .docx and reads word/document.xml: the XML and its text, one line per paragraph. */
export async function readDocx(content: Buffer): Promise<DocxParts> {
  const zip = await JSZip.loadAsync(content);
  const xml = await zip.file('word/document.xml')!.async('string');
  const paragraphs = xml.split('</w:p>').map((p) => [...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => unescapeXml(m[1]!)).join(''));
  return {
    xml,
    paragraphs: paragraphs.filter((p) => p.length > 0),
    text: paragraphs.join('\n'),
    fontTable: await zip.file('word/fontTable.xml')!.async('string'),
    styles: await zip.file('word/styles.xml')!.async('string'),
  };
}

const unescapeXml = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
