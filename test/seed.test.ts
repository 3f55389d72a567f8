import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { freshDatabase } from './helpers/db.js';
import { login } from './helpers/api.js';
import { buildApp } from '../src/server/http/app.js';
import type { Database } from '../src/server/db/client.js';
import type { App } from '../src/server/http/types.js';
import {
  assignments, auditLog, coOpinions, contacts, evaluations, keyProposalLeaders, leaders, notifications, proposals, replies, sessions,
  supervisionActivities, tenants, units, users,
} from '../src/server/db/schema.js';
import { coOpinionStates } from '../src/server/domain/co-opinion-status.js';
import { computeFigures, computeFiguresExact } from '../src/server/domain/compute-figures.js';
import { computeUnitStats, computeUnitStatsExact } from '../src/server/domain/compute-unit-stats.js';
import { DEMO_DAY } from '../src/server/clock.js';
import { STATES } from '../src/shared/lifecycle.js';
import { DEMO_PASSWORD, seedDemoData, type SeedResult } from '../src/server/seed/demo-data.js';

let database: Database;
let app: App;
let first: SeedResult;
let seedMs: number;

beforeAll(async () => {
  database = await freshDatabase();
  // The seed's cost, not the machine's load: on PGlite the database runs in this process, so the
  // process's CPU time holds all of the seed's work and none of the waiting for a busy core (the
  // suite runs beside other test files). On a PostgreSQL server the work is split between two
  // processes, so the time on the clock is what there is.
  const t0 = Date.now();
  const cpu0 = process.cpuUsage();
  first = await seedDemoData(database.db);
  const cpu = process.cpuUsage(cpu0);
  seedMs = database.driver === 'pglite' ? (cpu.user + cpu.system) / 1000 : Date.now() - t0;
  app = await buildApp({ db: database.db });
}, 120_000);
afterAll(async () => {
  await app?.close();
  await database?.close();
});

const TABLES = { tenants, users, units, proposals, replies, evaluations, contacts, auditLog, notifications, keyProposalLeaders, supervisionActivities };
async function counts() {
  const out: Record<string, number> = {};
  for (const [name, t] of Object.entries(TABLES)) {
    const [r] = await database.db.select({ n: sql<number>`count(*)::int` }).from(t);
    out[name] = r!.n;
  }
  return out;
}

async function pinghu() {
  const [t] = await database.db.select().from(tenants).where(eq(tenants.name, '平湖市'));
  // The current CPPCC session (last year's, imported from .xlsx, is closed).
  const [s] = await database.db.select().from(sessions).where(and(eq(sessions.tenantId, t!.id), eq(sessions.kind, 'proposal'), eq(sessions.isCurrent, true)));
  return { tenant: t!, session: s! };
}

describe('demo data', () => {
  it('creates a city with its county, in under 15 s', async () => {
    expect(first.created).toBe(true);
    expect(first.password).toBe(DEMO_PASSWORD);
    expect(seedMs).toBeLessThan(15_000);
    const all = await database.db.select().from(tenants);
    const city = all.find((t) => t.name === '嘉兴市')!;
    const county = all.find((t) => t.name === '平湖市')!;
    expect(city.level).toBe('city');
    expect(county.level).toBe('county');
    expect(county.parentId).toBe(city.id);
    const [u] = await database.db.select({ n: sql<number>`count(*)::int` }).from(units).where(eq(units.tenantId, county.id));
    expect(u!.n).toBe(40);
  });

  it('has about 300 proposals in the CPPCC session, in every lifecycle state, most closed or following up', async () => {
    const { session } = await pinghu();
    const rows = await database.db.select({ status: proposals.status, n: sql<number>`count(*)::int` }).from(proposals).where(eq(proposals.sessionId, session.id)).groupBy(proposals.status);
    const by = Object.fromEntries(rows.map((r) => [r.status, r.n]));
    const total = rows.reduce((s, r) => s + r.n, 0);
    expect(total).toBeGreaterThanOrEqual(280);
    expect(total).toBeLessThanOrEqual(320);
    for (const s of STATES) expect(by[s], s).toBeGreaterThan(0);
    expect((by.closed ?? 0) + (by.following_up ?? 0)).toBeGreaterThan(total / 2);
    const conversions = await database.db.selectDistinct({ c: proposals.conversion }).from(proposals).where(and(eq(proposals.sessionId, session.id), eq(proposals.status, 'not_filed')));
    expect(conversions.map((c) => c.c).sort()).toEqual(['letter', 'social_report']);
  });

  it('numbers filed proposals 1..n per session and records the last number', async () => {
    const all = await database.db.select().from(sessions);
    for (const s of all) {
      const nums = (await database.db.select({ n: proposals.number }).from(proposals).where(and(eq(proposals.sessionId, s.id), isNotNull(proposals.number)))).map((r) => r.n!).sort((a, b) => a - b);
      expect(nums.length).toBeGreaterThan(0);
      expect(nums).toEqual(nums.map((_, i) => i + 1));
      expect(s.lastNumber).toBe(nums.length);
    }
  });

  it('keeps merged proposals with their number, pointing at a filed-and-handled primary', async () => {
    const merged = await database.db.select().from(proposals).where(eq(proposals.status, 'merged'));
    expect(merged.length).toBeGreaterThanOrEqual(3);
    for (const m of merged) {
      expect(m.number).not.toBeNull();
      const [primary] = await database.db.select().from(proposals).where(eq(proposals.id, m.mergedInto!));
      expect(primary!.number).not.toBeNull();
      expect(primary!.status).not.toBe('merged');
    }
  });

  it('has 8 key proposals with 14 leader links and 2–4 supervision activities each', async () => {
    const [ph] = await database.db.select().from(tenants).where(eq(tenants.code, '330482'));
    const current = await database.db.select({ id: sessions.id }).from(sessions).where(and(eq(sessions.isCurrent, true), eq(sessions.tenantId, ph!.id)));
    // This year's key proposals of 平湖市; the imported 2025 session brings its own (without leaders).
    const keys = await database.db.select().from(proposals).where(and(eq(proposals.isKey, true), inArray(proposals.sessionId, current.map((c) => c.id))));
    expect(keys).toHaveLength(8);
    const links = await database.db.select().from(keyProposalLeaders).where(eq(keyProposalLeaders.tenantId, ph!.id));
    expect(links).toHaveLength(14);
    for (const k of keys) {
      const n = links.filter((l) => l.proposalId === k.id).length;
      expect(n).toBeGreaterThanOrEqual(1);
      expect(n).toBeLessThanOrEqual(3);
      const acts = await database.db.select().from(supervisionActivities).where(eq(supervisionActivities.proposalId, k.id));
      expect(acts.length).toBeGreaterThanOrEqual(2);
      expect(acts.length).toBeLessThanOrEqual(4);
    }
  });

  it('answers with a realistic mix: mostly A, deadlines mostly kept, a few 不满意, every contact method', async () => {
    const latest = await database.db.execute<{ cls: string; n: number }>(sql`
      select result_class as cls, count(*)::int as n from ${replies} r
      where is_lead and sequence = (select max(sequence) from ${replies} r2 where r2.proposal_id = r.proposal_id and r2.is_lead)
      group by 1`);
    const rows = (latest as unknown as { rows?: { cls: string; n: number }[] }).rows ?? (latest as unknown as { cls: string; n: number }[]);
    const total = rows.reduce((s, r) => s + r.n, 0);
    const share = (c: string) => (rows.find((r) => r.cls === c)?.n ?? 0) / total;
    expect(share('A')).toBeGreaterThan(0.5);
    expect(share('B')).toBeGreaterThan(0.25);
    expect(share('C')).toBeGreaterThan(0.02);
    expect(share('C')).toBeLessThan(0.1);
    const all = await database.db.select().from(replies);
    const late = all.filter((r) => r.replyDate > r.dueDate).length;
    expect(late).toBeGreaterThan(0);
    expect(late / all.length).toBeLessThan(0.15);
    const evals = await database.db.select().from(evaluations);
    expect(evals.some((e) => e.result === 'unsatisfied')).toBe(true);
    const methods = new Set((await database.db.select().from(contacts)).map((c) => c.method));
    expect([...methods].sort()).toEqual(['face', 'meeting', 'phone', 'visit']);
    const overdue = await database.db.select().from(proposals).where(and(eq(proposals.overdue, true), eq(proposals.status, 'handling')));
    expect(overdue.length).toBeGreaterThan(0);
    for (const p of overdue) expect(p.deadline! < '2026-11-23').toBe(true);
    // …and replies due within the demo's next 3 working days, so 即将到期 on the deadline board has work.
    const dueSoon = await database.db.select().from(proposals).where(and(eq(proposals.dueSoon, true), eq(proposals.status, 'handling')));
    expect(dueSoon.length).toBeGreaterThanOrEqual(2);
    for (const p of dueSoon) expect(p.deadline! >= '2026-11-23' && p.deadline! <= '2026-11-26').toBe(true);
  });

  it('leaves an audit trail for every proposal, by a user, never after the demo day', async () => {
    const [missing] = await database.db.execute<{ n: number }>(sql`select count(*)::int as n from ${proposals} p where not exists (select 1 from ${auditLog} a where a.proposal_id = p.id)`).then((r) => (r as unknown as { rows?: { n: number }[] }).rows ?? (r as unknown as { n: number }[]));
    expect(missing!.n).toBe(0);
    const [late] = await database.db.select({ n: sql<number>`count(*)::int` }).from(auditLog).where(sql`${auditLog.proposalId} is not null and (${auditLog.at} > '2026-11-24T00:00:00+08:00' or ${auditLog.actorId} is null)`);
    expect(late!.n).toBe(0);
  });

  it('indexes every proposal for search, each vector with its own tenant\'s lexeme', async () => {
    const { rows } = (await database.db.execute(sql`select
      (select count(*)::int from proposals) as proposals, (select count(*)::int from proposal_search) as indexed,
      (select count(*)::int from proposal_search where not tsvector_to_array(document) @> array['~t' || tenant_id]) as without_lexeme,
      (select count(*)::int from proposal_search s join proposals p on p.id = s.proposal_id where p.tenant_id <> s.tenant_id) as wrong_tenant`)) as unknown as {
      rows: Record<string, number>[];
    };
    expect(rows[0]).toMatchObject({ indexed: rows[0]!.proposals, without_lexeme: 0, wrong_tenant: 0 });
    expect(Number(rows[0]!.indexed)).toBeGreaterThan(100);
  });

  it('lets every demo login sign in with the shared password, without a forced change', async () => {
    const names = first.logins.map((l) => l.username);
    expect(names).toEqual(expect.arrayContaining(['weiyuan', 'mengmin', 'tiweiban', 'ducha', 'nongye', 'jiaoyu', 'lingdao', 'xitong', 'anquan', 'shenji', 'jx_tiweiban']));
    for (const l of first.logins) {
      expect(l.description).toMatch(/[\u4e00-\u9fa5]/);
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: l.username, password: DEMO_PASSWORD } });
      expect(res.statusCode, l.username).toBe(200);
      expect(res.json().mustChangePassword).toBe(false);
    }
    const [jx] = await database.db.select().from(users).where(eq(users.username, 'jx_tiweiban'));
    const [city] = await database.db.select().from(tenants).where(eq(tenants.name, '嘉兴市'));
    expect(jx!.tenantId).toBe(city!.id);
  });

  it('gives the demo member a proposal awaiting evaluation and a pending co-sign invitation', async () => {
    const mine = await database.db.execute<{ status: string; confirmation: string }>(sql`
      select p.status, pr.confirmation from proposals p join proposers pr on pr.proposal_id = p.id
      join members m on m.id = pr.member_id join users u on u.id = m.user_id where u.username = 'weiyuan'`);
    const rows = (mine as unknown as { rows?: { status: string; confirmation: string }[] }).rows ?? (mine as unknown as { status: string; confirmation: string }[]);
    expect(rows.some((r) => r.status === 'replied' && r.confirmation === 'lead')).toBe(true);
    expect(rows.some((r) => r.status === 'pending_cosign' && r.confirmation === 'pending')).toBe(true);
    const [n] = await database.db.select({ n: sql<number>`count(*)::int` }).from(notifications).innerJoin(users, eq(users.id, notifications.userId)).where(and(eq(users.username, 'weiyuan'), sql`${notifications.readAt} is null`));
    expect(n!.n).toBeGreaterThan(0);
  });

  it('shows 会办 before 答复, per-unit evaluation, 代录 and 答复审核 (issue 11)', async () => {
    const { tenant, session } = await pinghu();
    const db = database.db;
    expect(session.replyReview).toBe(true);
    const [nongye] = await db.select().from(units).where(and(eq(units.tenantId, tenant.id), eq(units.name, '农业农村局')));
    // 农业农村局 leads a proposal whose reply waits for a co-unit: one opinion given, one window open on the demo's day.
    const gated = await db.select({ p: proposals }).from(proposals).innerJoin(assignments, eq(assignments.proposalId, proposals.id))
      .where(and(eq(proposals.sessionId, session.id), eq(proposals.status, 'handling'), eq(assignments.unitId, nongye!.id), eq(assignments.role, 'lead')));
    let found = false;
    for (const { p } of gated) {
      const states = await coOpinionStates(db, p, DEMO_DAY);
      if (states.some((x) => x.given) && states.some((x) => x.waiting)) {
        found = true;
        expect(states.find((x) => x.waiting)!.windowEnds).toBe('2026-12-10');
      }
    }
    expect(found).toBe(true);
    // Per-unit evaluations: in one round, a unit 满意 and another 不满意; the co-unit then sent a new opinion after the reply.
    const rows = await db.select().from(evaluations).innerJoin(proposals, eq(proposals.id, evaluations.proposalId)).where(eq(proposals.sessionId, session.id));
    const byRound = new Map<string, string[]>();
    for (const r of rows) byRound.set(`${r.evaluations.proposalId}:${r.evaluations.sequence}`, [...(byRound.get(`${r.evaluations.proposalId}:${r.evaluations.sequence}`) ?? []), r.evaluations.result]);
    expect([...byRound.values()].some((l) => l.includes('satisfied') && l.includes('unsatisfied'))).toBe(true);
    expect(rows.every((r) => r.evaluations.unitId !== null)).toBe(true);
    expect((await db.select().from(coOpinions).where(and(eq(coOpinions.round, 2), eq(coOpinions.afterReply, true)))).length).toBeGreaterThan(0);
    // 代录: a paper evaluation entered by the committee, in the history as such.
    const paper = rows.filter((r) => r.evaluations.recordedBy !== null);
    expect(paper.length).toBeGreaterThan(0);
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.proposalId, paper[0]!.evaluations.proposalId), eq(auditLog.action, 'proposal.evaluate_on_behalf')));
    expect(audit!.actorId).toBe(paper[0]!.evaluations.recordedBy);
    // 答复审核: a reply waits for the committee, another was returned with a reason; sent ones were approved.
    const rs = await db.select().from(replies).innerJoin(proposals, eq(proposals.id, replies.proposalId)).where(eq(proposals.sessionId, session.id));
    expect(rs.some((r) => r.replies.status === 'pending_review' && r.proposals.status === 'reply_review')).toBe(true);
    expect(rs.some((r) => r.replies.status === 'returned' && r.replies.reviewComment && r.proposals.status === 'handling')).toBe(true);
    expect(rs.filter((r) => r.replies.status === 'sent').every((r) => r.replies.reviewedBy !== null)).toBe(true);
    // Leaders print by organ; the figures from the rollups are the exact ones.
    expect((await db.select().from(leaders).where(eq(leaders.tenantId, tenant.id))).every((l) => l.organ !== null)).toBe(true);
    expect(await computeFigures(db, tenant.id, session.id, DEMO_DAY)).toEqual(await computeFiguresExact(db, tenant.id, session.id, DEMO_DAY));
    expect(await computeUnitStats(db, tenant.id, session.id, DEMO_DAY)).toEqual(await computeUnitStatsExact(db, tenant.id, session.id, DEMO_DAY));
  });

  it('has last year’s session imported from the .xlsx fixture, closed, with per-unit evaluations, and 代录 entries', async () => {
    const { tenant } = await pinghu();
    const [past] = await database.db.select().from(sessions).where(and(eq(sessions.tenantId, tenant.id), eq(sessions.name, '十一届四次会议')));
    expect(past).toMatchObject({ kind: 'proposal', year: 2025, isCurrent: false });
    const ps = await database.db.select().from(proposals).where(eq(proposals.sessionId, past!.id));
    expect(ps.length).toBeGreaterThanOrEqual(40);
    expect(ps.filter((p) => p.status === 'not_filed').length).toBeGreaterThan(0);
    expect(ps.filter((p) => p.status === 'merged').length).toBeGreaterThan(0);
    const evals = await database.db.select().from(evaluations).where(inArray(evaluations.proposalId, ps.map((p) => p.id)));
    expect(evals.length).toBeGreaterThan(ps.length);
    expect(evals.every((e) => e.unitId !== null && e.recordedBy !== null)).toBe(true);
    const imported = await database.db.select().from(auditLog).where(eq(auditLog.action, 'session.import_history'));
    expect(imported).toHaveLength(1);
    // 代录: a paper proposal entered by the committee in a member's name, and paper co-signatures.
    const paper = await database.db.select().from(proposals).where(isNotNull(proposals.enteredBy));
    expect(paper.filter((p) => p.sessionId !== past!.id).map((p) => p.status)).toEqual(['submitted']);
    const recorded = await database.db.execute(sql`select count(*)::int as n from proposers where recorded_by is not null`);
    expect(((recorded as unknown as { rows: { n: number }[] }).rows ?? (recorded as unknown as { n: number }[]))[0]!.n).toBeGreaterThanOrEqual(3);
  });

  it('writes nothing on a second start', async () => {
    const before = await counts();
    const again = await seedDemoData(database.db);
    expect(again.created).toBe(false);
    expect(again.logins.length).toBe(first.logins.length);
    // Logins above added audit rows; compare after them.
    expect(await counts()).toEqual(before);
  });
  // Last: its cross-tenant reads write audit rows of today, which the audit-trail test above would count.
  it('has leaders by organ, meetings with minutes and a jointly supervised 海盐 key proposal (issue 15)', async () => {
    const [jx] = await database.db.select().from(tenants).where(eq(tenants.code, '330400'));
    const [hy] = await database.db.select().from(tenants).where(eq(tenants.code, '330424'));
    expect(hy!.parentId).toBe(jx!.id);
    expect((await database.db.select().from(tenants).where(eq(tenants.parentId, jx!.id))).map((t) => t.name).sort()).toEqual(['平湖市', '海盐县'].sort());
    const jxc = await login(app, 'jx_tiweiban', DEMO_PASSWORD);
    const [session] = await database.db.select().from(sessions).where(eq(sessions.tenantId, jx!.id));
    const f = (await jxc.get(`/api/v1/sessions/${session!.id}/supervision-figures`)).body;
    expect(f.principalSentence).toBe('市委、市人大、市政府、市政协主要领导领衔督办4件');
    // One each; the mayor leads the jointly supervised 海盐 proposal too.
    const organ = (o: string) => f.byOrgan.find((x: { organ: string }) => x.organ === o);
    for (const o of ['party', 'npc', 'cppcc']) expect(organ(o)).toMatchObject({ proposals: 1, principalProposals: 1, leaders: 1 });
    expect(organ('government')).toMatchObject({ proposals: 2, leaders: 1 });
    expect(f.joint.withChildren).toBe(1);
    expect(f.meetings).toBeGreaterThanOrEqual(4);
    const joints = (await jxc.get('/api/v1/joint-supervisions')).body.items;
    expect(joints).toHaveLength(1);
    const view = (await jxc.get(`/api/v1/joint-supervisions/${joints[0].id}`)).body;
    expect(view.leaders.map((l: { printName: string }) => l.printName).sort()).toEqual(['县政府领导吴晓峰', '市政府领导王海东'].sort());
    expect(view.meetings[0].minutes).toMatch(/联合督办/);
    const overview = (await jxc.get('/api/v1/oversight')).body;
    expect(overview.children.map((c: { name: string }) => c.name).sort()).toEqual(['平湖市', '海盐县'].sort());
    const leader = await login(app, 'jx_lingdao', DEMO_PASSWORD);
    const me = (await leader.get('/api/v1/auth/me')).body;
    const page = (await leader.get(`/api/v1/leaders/${me.leaderId}/supervision`)).body;
    expect(page.proposals.some((p: { joint: boolean }) => p.joint)).toBe(true);
    const platform = await login(app, 'pingtai', DEMO_PASSWORD);
    expect((await platform.get('/api/v1/platform/tenants')).body.items.length).toBeGreaterThanOrEqual(3);
  });
});
