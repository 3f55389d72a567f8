import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from './helpers/db.js';
import { buildWorld, type World } from './helpers/world.js';
import { anonymous, login, type Client } from './helpers/api.js';
import { buildApp } from '../src/server/http/app.js';
import type { Database, Db } from '../src/server/db/client.js';
import type { App } from '../src/server/http/types.js';
import {
  assignments,
  contacts,
  evaluations,
  keyProposalLeaders,
  leaders,
  proposals,
  replies,
  sessions,
} from '../src/server/db/schema.js';
import { computeFigures } from '../src/server/domain/compute-figures.js';

// Figures on sessions built row by row, with every expected number worked out by hand below.

let database: Database;
let db: Db;
let app: App;
let w: World;
let staff: Client;

const NOW = new Date('2025-08-01T04:00:00Z'); // 2025-08-01 in China
const TODAY = '2025-08-01';

beforeAll(async () => {
  database = await freshDatabase();
  db = database.db;
  w = await buildWorld(db);
  app = await buildApp({ db, now: () => NOW });
  staff = await login(app, w.users.staff.username);
});
afterAll(async () => {
  await app.close();
  await database.close();
});

async function newSession(meeting: number, tenantId = w.tenantId) {
  const [s] = await db
    .insert(sessions)
    .values({ tenantId, kind: 'proposal', name: `十一届${meeting}次会议`, term: 11, meeting, year: 2020 + meeting })
    .returning();
  return s!.id;
}

type ProposalInsert = typeof proposals.$inferInsert;
function row(sessionId: number, p: Partial<ProposalInsert>): ProposalInsert {
  return {
    tenantId: w.tenantId,
    sessionId,
    kind: 'proposal',
    title: '关于测试数据的建议',
    body: '正文',
    category: 'other',
    submittedDuring: 'plenary',
    status: 'submitted',
    createdBy: w.users.member.id,
    submittedAt: new Date('2025-01-10T02:00:00Z'),
    ...p,
  };
}
async function insert(sessionId: number, p: Partial<ProposalInsert>) {
  const [r] = await db.insert(proposals).values(row(sessionId, p)).returning();
  return r!.id;
}

describe('filing figures (380 received, 353 filed)', () => {
  let sessionId: number;
  beforeAll(async () => {
    sessionId = await newSession(5);
    const filed = Array.from({ length: 353 }, (_, i) =>
      row(sessionId, { status: 'assigned', reviewDecision: 'filed', number: i + 1, deadline: '2025-09-30' }),
    );
    const letters = Array.from({ length: 27 }, () =>
      row(sessionId, { status: 'not_filed', reviewDecision: 'not_filed', conversion: 'letter', reviewReason: 'not_in_scope' }),
    );
    const inserted = await db.insert(proposals).values([...filed, ...letters]).returning({ id: proposals.id, number: proposals.number });
    const byNumber = new Map(inserted.map((r) => [r.number, r.id]));
    // 4 filed proposals merged into 2: №2 into №1 and №4 into №3.
    const { eq } = await import('drizzle-orm');
    await db.update(proposals).set({ status: 'merged', mergedInto: byNumber.get(1)! }).where(eq(proposals.id, byNumber.get(2)!));
    await db.update(proposals).set({ status: 'merged', mergedInto: byNumber.get(3)! }).where(eq(proposals.id, byNumber.get(4)!));
    // Not received: a draft, a withdrawn submission, a draft that was never submitted.
    await insert(sessionId, { status: 'draft', submittedAt: null });
    await insert(sessionId, { status: 'withdrawn' });
    // Another tenant's proposals never count.
    await db.insert(proposals).values(row(w.otherSessionId, { tenantId: w.otherTenantId, reviewDecision: 'filed', status: 'filed', number: 1 }));
  });

  it('gives filing rate 92.9 and 351 after merging', async () => {
    const f = await db.transaction((tx) => computeFigures(tx, w.tenantId, sessionId, TODAY));
    expect(f.received).toBe(380);
    expect(f.filed).toBe(353);
    expect(f.notFiled).toEqual({ total: 27, letter: 27, socialReport: 0 });
    expect(f.filingRate).toEqual({ value: 92.9, numerator: 353, denominator: 380 });
    expect(f.mergedSecondaries).toBe(2);
    expect(f.afterMerge).toBe(351);
    expect(f.byStatus.find((s) => s.status === 'withdrawn')!.count).toBe(1);
    expect(f.byStatus.find((s) => s.status === 'merged')!.count).toBe(2);
    expect(f.byStatus.some((s) => s.status === 'draft')).toBe(false);
    // Nothing handled yet: the rates without a denominator are null, not 0.
    expect(f.faceToFaceRate).toEqual({ value: null, numerator: 0, denominator: 0 });
    expect(f.satisfaction.attitude.rate.value).toBeNull();
    expect(f.onTimeRate).toEqual({ value: null, numerator: 0, denominator: 0 });
  });

  it('counts pending co-signatures as received', async () => {
    const s = await newSession(8);
    await insert(s, { status: 'pending_cosign' });
    await insert(s, { status: 'submitted' });
    await insert(s, { status: 'filed', reviewDecision: 'filed', number: 1 });
    const f = await db.transaction((tx) => computeFigures(tx, w.tenantId, s, TODAY));
    expect(f.received).toBe(3);
    expect(f.filingRate).toEqual({ value: 33.3, numerator: 1, denominator: 3 });
  });

  it('refuses a session of another tenant', async () => {
    await expect(db.transaction((tx) => computeFigures(tx, w.tenantId, w.otherSessionId, TODAY))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('handling figures on a small session worked out by hand', () => {
  let sessionId: number;
  beforeAll(async () => {
    sessionId = await newSession(6);
    const u = w.units;
    const [leader2] = await db.insert(leaders).values({ tenantId: w.tenantId, name: '刘副市长', title: '副市长' }).returning();
    const filed = (n: number, p: Partial<ProposalInsert>) => insert(sessionId, { reviewDecision: 'filed', number: n, ...p });
    const assign = (proposalId: number, unitId: number, role: 'lead' | 'co' | 'separate', position = 0, status: 'signed' | 'removed' = 'signed') =>
      db.insert(assignments).values({ tenantId: w.tenantId, proposalId, unitId, role, position, status, assignedAt: '2025-03-05' });
    const reply = (proposalId: number, unitId: number, isLead: boolean, sequence: number, resultClass: 'A' | 'B' | 'C', replyDate: string, dueDate: string) =>
      db.insert(replies).values({
        tenantId: w.tenantId, proposalId, unitId, isLead, sequence, resultClass, body: '答复', disclosure: 'public',
        signerName: '局长', signedAt: new Date(`${replyDate}T02:00:00Z`), dueDate, replyDate, createdBy: w.users.unit.id,
      });
    const evaluate = (proposalId: number, sequence: number, attitude: 'satisfied' | 'basic' | 'unsatisfied', result: 'satisfied' | 'basic' | 'unsatisfied') =>
      db.insert(evaluations).values({ tenantId: w.tenantId, proposalId, sequence, attitude, result, evaluatedBy: w.users.member.id });
    const contact = (proposalId: number, unitId: number, method: 'face' | 'phone') =>
      db.insert(contacts).values({ tenantId: w.tenantId, proposalId, unitId, method, contactDate: '2025-04-01', participants: '王建国', summary: '沟通', createdBy: w.users.unit.id });

    // P1 主办 农业农村局: replied on time (A), evaluated 满意/满意, met face to face. Key, two leaders.
    const p1 = await filed(1, { status: 'closed', isKey: true, deadline: '2025-06-05' });
    await assign(p1, u.nongye, 'lead');
    await reply(p1, u.nongye, true, 1, 'A', '2025-05-20', '2025-06-05');
    await evaluate(p1, 1, 'satisfied', 'satisfied');
    await contact(p1, u.nongye, 'face');
    // P2 主办 教育局 会办 卫生健康局: first reply late (C), 不满意, re-handled, second reply on time (B),
    // evaluated 基本满意/基本满意. The co-unit's own reply row must be ignored. Phone contact only.
    const p2 = await filed(2, { status: 'following_up', isKey: true, deadline: '2025-07-20', replySequence: 2 });
    await assign(p2, u.jiaoyu, 'lead');
    await assign(p2, u.weijian, 'co', 1);
    await reply(p2, u.jiaoyu, true, 1, 'C', '2025-06-10', '2025-06-05');
    await reply(p2, u.weijian, false, 1, 'A', '2025-06-20', '2025-06-05');
    await reply(p2, u.jiaoyu, true, 2, 'B', '2025-07-01', '2025-07-20');
    await evaluate(p2, 1, 'unsatisfied', 'unsatisfied');
    await evaluate(p2, 2, 'basic', 'basic');
    await contact(p2, u.jiaoyu, 'phone');
    // P3 分办 农业农村局 (position 0) and 卫生健康局 (position 1): position 0 replied B on its due
    // day (on time), position 1 replied A late (ignored). Evaluated 满意/不满意 → 重新办理 with a
    // deadline already past. 卫生健康局 met the proposer face to face. 教育局 was removed and replaced.
    const p3 = await filed(3, { status: 'rehandling', deadline: '2025-07-15', assignmentMode: 'separate' });
    await assign(p3, u.jiaoyu, 'separate', 0, 'removed');
    await assign(p3, u.nongye, 'separate', 0); // replaced 教育局 after its objection, same position
    await assign(p3, u.weijian, 'separate', 1);
    await reply(p3, u.nongye, true, 1, 'B', '2025-06-05', '2025-06-05');
    await reply(p3, u.weijian, false, 1, 'A', '2025-06-30', '2025-06-05');
    await evaluate(p3, 1, 'satisfied', 'unsatisfied');
    await contact(p3, u.weijian, 'face');
    // P4 handling, deadline passed: overdue. Its face contact does not count (not handled).
    const p4 = await filed(4, { status: 'handling', deadline: '2025-06-30' });
    await assign(p4, u.nongye, 'lead');
    await contact(p4, u.nongye, 'face');
    // P5 assigned, deadline today: not overdue yet.
    const p5 = await filed(5, { status: 'assigned', deadline: TODAY });
    await assign(p5, u.weijian, 'lead');
    // P6 filed, not yet assigned. P7 not filed (社情民意). P8 awaiting review.
    await filed(6, { status: 'filed' });
    await insert(sessionId, { status: 'not_filed', reviewDecision: 'not_filed', conversion: 'social_report' });
    await insert(sessionId, { status: 'submitted' });
    // Not received: a draft and a withdrawn one.
    await insert(sessionId, { status: 'draft', submittedAt: null });
    await insert(sessionId, { status: 'withdrawn' });

    await db.insert(keyProposalLeaders).values([
      { tenantId: w.tenantId, proposalId: p1, leaderId: w.leaderId },
      { tenantId: w.tenantId, proposalId: p1, leaderId: leader2!.id },
      { tenantId: w.tenantId, proposalId: p2, leaderId: leader2!.id },
    ]);
  });

  it('computes every figure as defined', async () => {
    const f = await db.transaction((tx) => computeFigures(tx, w.tenantId, sessionId, TODAY));
    // Received P1–P8; filed P1–P6.
    expect(f.received).toBe(8);
    expect(f.filed).toBe(6);
    expect(f.notFiled).toEqual({ total: 1, letter: 0, socialReport: 1 });
    expect(f.filingRate).toEqual({ value: 75, numerator: 6, denominator: 8 });
    expect(f.afterMerge).toBe(6);
    expect(f.keyProposals).toBe(2);
    expect(f.keyLeaders).toBe(2);
    // Handled P1 (A), P2 (latest lead reply B), P3 (position-0 unit's B).
    expect(f.handled).toBe(3);
    expect(f.resultClasses).toEqual({ A: 1, B: 2, C: 0 });
    // Latest evaluations: P1 满意/满意, P2 基本满意/基本满意, P3 满意/不满意.
    expect(f.satisfaction.evaluated).toBe(3);
    expect(f.satisfaction.attitude).toEqual({ satisfied: 2, basic: 1, unsatisfied: 0, rate: { value: 100, numerator: 3, denominator: 3 } });
    expect(f.satisfaction.result).toEqual({ satisfied: 1, basic: 1, unsatisfied: 1, rate: { value: 66.7, numerator: 2, denominator: 3 } });
    // Lead replies: P1#1 on time, P2#1 late, P2#2 on time, P3#1 on its due day = 3 of 4;
    // still with the units past the deadline: P3 (re-handling) and P4 → 3 / (4 + 2).
    expect(f.onTimeRate).toEqual({ value: 50, numerator: 3, denominator: 6 });
    expect(f.overdue).toBe(2);
    // Face to face among handled: P1 and P3 of 3.
    expect(f.faceToFaceRate).toEqual({ value: 66.7, numerator: 2, denominator: 3 });
    const by = Object.fromEntries(f.byStatus.map((s) => [s.status, s.count]));
    expect(by).toMatchObject({ closed: 1, following_up: 1, rehandling: 1, handling: 1, assigned: 1, filed: 1, not_filed: 1, submitted: 1, withdrawn: 1 });
  });

  it('serves the same object to staff and to the public', async () => {
    const internal = await staff.get(`/api/v1/sessions/${sessionId}/figures`);
    const pub = await anonymous(app).get(`/api/v1/public/sessions/${sessionId}/figures`);
    expect(internal.status).toBe(200);
    expect(pub.status).toBe(200);
    expect(pub.body).toEqual(internal.body);
    expect(internal.body.asOf).toBe(TODAY);
    expect(internal.body.onTimeRate.value).toBe(50);
  });

  it('keeps figures within the tenant and the allowed roles', async () => {
    const other = await login(app, w.users.otherStaff.username);
    expect((await other.get(`/api/v1/sessions/${sessionId}/figures`)).status).toBe(404);
    const unit = await login(app, w.users.unit.username);
    expect((await unit.get(`/api/v1/sessions/${sessionId}/figures`)).status).toBe(403);
    const leader = await login(app, w.users.leader.username);
    expect((await leader.get(`/api/v1/sessions/${sessionId}/figures`)).status).toBe(200);
    expect((await anonymous(app).get('/api/v1/public/sessions/987654/figures')).status).toBe(404);
  });

  it('answers null rates for an empty session', async () => {
    const empty = await newSession(7);
    const r = await staff.get(`/api/v1/sessions/${empty}/figures`);
    expect(r.status).toBe(200);
    expect(r.body.received).toBe(0);
    expect(r.body.filingRate).toEqual({ value: null, numerator: 0, denominator: 0 });
    expect(r.body.satisfaction.result.rate.value).toBeNull();
  });
});
