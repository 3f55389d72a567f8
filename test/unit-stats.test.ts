import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from './helpers/db.js';
import { buildWorld, type World } from './helpers/world.js';
import { anonymous, login, type Client } from './helpers/api.js';
import { buildApp } from '../src/server/http/app.js';
import type { Database, Db } from '../src/server/db/client.js';
import type { App } from '../src/server/http/types.js';
import { assignments, proposals, replies, sessions } from '../src/server/db/schema.js';
import { computeFigures } from '../src/server/domain/compute-figures.js';
import type { UnitStats } from '../src/shared/schemas/figures.js';

// Per-unit statistics on a small session built row by row; every expected number is worked out by
// hand in the comments next to the data.

let database: Database;
let db: Db;
let app: App;
let w: World;
let staff: Client;
let sessionId: number;

const NOW = new Date('2025-08-01T04:00:00Z'); // 2025-08-01 in China
const TODAY = '2025-08-01';

type ProposalInsert = typeof proposals.$inferInsert;

beforeAll(async () => {
  database = await freshDatabase();
  db = database.db;
  w = await buildWorld(db);
  app = await buildApp({ db, now: () => NOW });
  staff = await login(app, w.users.staff.username);

  const [s] = await db.insert(sessions).values({ tenantId: w.tenantId, kind: 'proposal', name: '十一届九次会议', term: 11, meeting: 9, year: 2025 }).returning();
  sessionId = s!.id;
  const u = w.units;
  let n = 0;
  const filed = async (p: Partial<ProposalInsert>) => {
    const [r] = await db
      .insert(proposals)
      .values({
        tenantId: w.tenantId, sessionId, kind: 'proposal', title: '关于测试数据的建议', body: '正文', category: 'other',
        submittedDuring: 'plenary', status: 'handling', createdBy: w.users.member.id, submittedAt: new Date('2025-01-10T02:00:00Z'),
        reviewDecision: 'filed', number: ++n, ...p,
      })
      .returning();
    return r!.id;
  };
  const assign = (proposalId: number, unitId: number, role: 'lead' | 'co' | 'separate', position = 0, status: 'signed' | 'removed' = 'signed') =>
    db.insert(assignments).values({ tenantId: w.tenantId, proposalId, unitId, role, position, status, assignedAt: '2025-03-05' });
  const reply = (proposalId: number, unitId: number, isLead: boolean, sequence: number, resultClass: 'A' | 'B' | 'C', replyDate: string, dueDate: string) =>
    db.insert(replies).values({
      tenantId: w.tenantId, proposalId, unitId, isLead, sequence, resultClass, body: '答复', disclosure: 'public',
      signerName: '局长', signedAt: new Date(`${replyDate}T02:00:00Z`), dueDate, replyDate, createdBy: w.users.unit.id,
    });

  // P1 主办 农业农村局: replied on time, A.
  const p1 = await filed({ status: 'closed', deadline: '2025-06-05' });
  await assign(p1, u.nongye, 'lead');
  await reply(p1, u.nongye, true, 1, 'A', '2025-05-20', '2025-06-05');
  // P2 主办 教育局, 会办 卫生健康局: first reply late (C), second on time (B); the co-unit's reply is ignored.
  const p2 = await filed({ status: 'following_up', deadline: '2025-07-20', replySequence: 2 });
  await assign(p2, u.jiaoyu, 'lead');
  await assign(p2, u.weijian, 'co', 1);
  await reply(p2, u.jiaoyu, true, 1, 'C', '2025-06-10', '2025-06-05');
  await reply(p2, u.weijian, false, 1, 'A', '2025-06-20', '2025-06-05');
  await reply(p2, u.jiaoyu, true, 2, 'B', '2025-07-01', '2025-07-20');
  // P3 分办: 教育局 removed after its objection (does not count anywhere), 农业农村局 at position 0
  // replied B on its due day (on time), 卫生健康局 at position 1 replied late (not a lead reply).
  // Now re-handling with a deadline already past: overdue for 农业农村局.
  const p3 = await filed({ status: 'rehandling', deadline: '2025-07-15', assignmentMode: 'separate' });
  await assign(p3, u.jiaoyu, 'separate', 0, 'removed');
  await assign(p3, u.nongye, 'separate', 0);
  await assign(p3, u.weijian, 'separate', 1);
  await reply(p3, u.nongye, true, 1, 'B', '2025-06-05', '2025-06-05');
  await reply(p3, u.weijian, false, 1, 'A', '2025-06-30', '2025-06-05');
  // P4 主办 农业农村局, handling, past its deadline: overdue.
  const p4 = await filed({ status: 'handling', deadline: '2025-06-30' });
  await assign(p4, u.nongye, 'lead');
  // P5 主办 卫生健康局, assigned, due today: not overdue yet.
  const p5 = await filed({ status: 'assigned', deadline: TODAY });
  await assign(p5, u.weijian, 'lead');
  // P6 主办 卫生健康局, handling, due yesterday: overdue.
  const p6 = await filed({ status: 'handling', deadline: '2025-07-31' });
  await assign(p6, u.weijian, 'lead');
  // P7 filed and not yet assigned: no unit.
  await filed({ status: 'filed' });
  // Another session's assignment of 农业农村局 never counts here.
  const otherSession = (await db.insert(sessions).values({ tenantId: w.tenantId, kind: 'proposal', name: '十一届十次会议', term: 11, meeting: 10, year: 2026 }).returning())[0]!.id;
  const [elsewhere] = await db
    .insert(proposals)
    .values({ tenantId: w.tenantId, sessionId: otherSession, kind: 'proposal', title: '关于别届的建议', body: '正文', category: 'other', submittedDuring: 'plenary', status: 'handling', createdBy: w.users.member.id, submittedAt: new Date('2025-01-10T02:00:00Z'), reviewDecision: 'filed', number: 1, deadline: '2025-01-31' })
    .returning();
  await assign(elsewhere!.id, u.nongye, 'lead');
});
afterAll(async () => {
  await app.close();
  await database.close();
});

describe('GET /sessions/:id/unit-stats', () => {
  it('gives each unit its numbers, worked out by hand', async () => {
    const r = await staff.get<UnitStats>(`/api/v1/sessions/${sessionId}/unit-stats`);
    expect(r.status).toBe(200);
    expect(r.body.asOf).toBe(TODAY);
    expect(r.body.sessionName).toBe('十一届九次会议');
    const by = Object.fromEntries(r.body.units.map((x) => [x.name, x]));
    expect(Object.keys(by).sort()).toEqual(['农业农村局', '卫生健康局', '教育局'].sort());
    // 农业农村局: P1, P3, P4; leads all three; replies P1#1 and P3#1, both on time; overdue P3 and P4
    // → on time 2 / (2 + 2) = 50.0; classes A (P1) and B (P3).
    expect(by['农业农村局']).toMatchObject({
      unitId: w.units.nongye, assigned: 3, asLead: 3, replied: 2, onTime: 2, overdue: 2,
      onTimeRate: { value: 50, numerator: 2, denominator: 4 }, resultClasses: { A: 1, B: 1, C: 0 },
    });
    // 教育局: P2 only (its P3 assignment was removed); two lead replies, one on time → 1 / 2 = 50.0;
    // latest class B.
    expect(by['教育局']).toMatchObject({
      assigned: 1, asLead: 1, replied: 2, onTime: 1, overdue: 0,
      onTimeRate: { value: 50, numerator: 1, denominator: 2 }, resultClasses: { A: 0, B: 1, C: 0 },
    });
    // 卫生健康局: P2 (会办), P3 (second 分办), P5, P6; leads P5 and P6; no lead reply; P6 overdue
    // → 0 / (0 + 1) = 0.0.
    expect(by['卫生健康局']).toMatchObject({
      assigned: 4, asLead: 2, replied: 0, onTime: 0, overdue: 1,
      onTimeRate: { value: 0, numerator: 0, denominator: 1 }, resultClasses: { A: 0, B: 0, C: 0 },
    });
  });

  it('adds up to the session figures', async () => {
    const r = await staff.get<UnitStats>(`/api/v1/sessions/${sessionId}/unit-stats`);
    const f = await db.transaction((tx) => computeFigures(tx, w.tenantId, sessionId, TODAY));
    const sum = (pick: (x: UnitStats['units'][number]) => number) => r.body.units.reduce((a, x) => a + pick(x), 0);
    expect(sum((x) => x.onTimeRate.numerator)).toBe(f.onTimeRate.numerator); // 3
    expect(sum((x) => x.onTimeRate.denominator)).toBe(f.onTimeRate.denominator); // 4 replies + 3 overdue = 7
    expect(f.onTimeRate).toEqual({ value: 42.9, numerator: 3, denominator: 7 });
    expect(sum((x) => x.overdue)).toBe(f.overdue);
    expect({ A: sum((x) => x.resultClasses.A), B: sum((x) => x.resultClasses.B), C: sum((x) => x.resultClasses.C) }).toEqual(f.resultClasses);
  });

  it('answers an empty list for a session without assignments', async () => {
    const [s] = await db.insert(sessions).values({ tenantId: w.tenantId, kind: 'proposal', name: '十一届十一次会议', term: 11, meeting: 11, year: 2027 }).returning();
    const r = await staff.get<UnitStats>(`/api/v1/sessions/${s!.id}/unit-stats`);
    expect(r.status).toBe(200);
    expect(r.body.units).toEqual([]);
  });

  it('is open to staff, office and leaders of the tenant only', async () => {
    const url = `/api/v1/sessions/${sessionId}/unit-stats`;
    expect((await (await login(app, w.users.office.username)).get(url)).status).toBe(200);
    expect((await (await login(app, w.users.leader.username)).get(url)).status).toBe(200);
    expect((await (await login(app, w.users.unit.username)).get(url)).status).toBe(403);
    expect((await (await login(app, w.users.member.username)).get(url)).status).toBe(403);
    expect((await anonymous(app).get(url)).status).toBe(401);
    expect((await (await login(app, w.users.otherStaff.username)).get(url)).status).toBe(404);
  });
});
