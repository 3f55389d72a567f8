import { and, eq, inArray, isNotNull, lt, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { keyProposalLeaders, proposalFacts, proposalRollupCurrent, sessions, units } from '../db/schema.js';
import { STATES, type State } from '../../shared/lifecycle.js';
import type { Figures, UnitStats, UnitStatsQuery, UnitStatsRow } from '../../shared/schemas/figures.js';
import { loadCalendar, workingDaysCounter } from '../calendar/working-days.js';
import { notFound } from '../errors.js';
import { onTimeRateOf, rateOf } from './compute-figures.js';
import { sortUnitStats } from './compute-unit-stats.js';

// The session figures and the unit league table from the maintained rollups (migrations 0003,
// 0016): additive counts per tenant × session × unit × status, kept in step by triggers in the same
// transaction as every change — appended to proposal_rollup_delta, folded into proposal_rollup every
// minute — and read through the view proposal_rollup_current (both tables in one statement, hence
// one snapshot), so these agree with the exact count of the base rows at every moment
// (computeFiguresExact / computeUnitStatsExact; test/rollup-agreement.test.ts, rollup-deltas.test.ts).
// Four figures are not additive and are read live from proposal_facts, each bounded by an index
// on the session: 逾期 (depends on today), the distinct supervising leaders of the key proposals,
// the merge groups (distinct primaries), and the average working days to reply (depends on the
// tenant's editable calendar). The session's 满意率 sums the lead unit's evaluation (one per
// proposal, on the lead's row); the league table sums the unit_* counts, each unit's own.

const s = (c: unknown) => sql<number>`coalesce(sum(${c}), 0)::int`;
const SUMS = {
  proposals: s(proposalRollupCurrent.proposals),
  assigned: s(proposalRollupCurrent.assigned),
  received: s(proposalRollupCurrent.received),
  filed: s(proposalRollupCurrent.filed),
  notFiled: s(proposalRollupCurrent.notFiled),
  letter: s(proposalRollupCurrent.letter),
  socialReport: s(proposalRollupCurrent.socialReport),
  mergedSecondaries: s(proposalRollupCurrent.mergedSecondaries),
  keyProposals: s(proposalRollupCurrent.keyProposals),
  handled: s(proposalRollupCurrent.handled),
  A: s(proposalRollupCurrent.classA),
  B: s(proposalRollupCurrent.classB),
  C: s(proposalRollupCurrent.classC),
  replies: s(proposalRollupCurrent.replies),
  onTime: s(proposalRollupCurrent.onTime),
  faceToFace: s(proposalRollupCurrent.faceToFace),
  evaluated: s(proposalRollupCurrent.evaluated),
  attitudeSatisfied: s(proposalRollupCurrent.attitudeSatisfied),
  attitudeBasic: s(proposalRollupCurrent.attitudeBasic),
  attitudeUnsatisfied: s(proposalRollupCurrent.attitudeUnsatisfied),
  resultSatisfied: s(proposalRollupCurrent.resultSatisfied),
  resultBasic: s(proposalRollupCurrent.resultBasic),
  resultUnsatisfied: s(proposalRollupCurrent.resultUnsatisfied),
  unitEvaluated: s(proposalRollupCurrent.unitEvaluated),
  unitAttitudeSatisfied: s(proposalRollupCurrent.unitAttitudeSatisfied),
  unitAttitudeBasic: s(proposalRollupCurrent.unitAttitudeBasic),
  unitResultSatisfied: s(proposalRollupCurrent.unitResultSatisfied),
  unitResultBasic: s(proposalRollupCurrent.unitResultBasic),
};
type Sums = { [K in keyof typeof SUMS]: number };

const ZERO = Object.fromEntries(Object.keys(SUMS).map((k) => [k, 0])) as Sums;
const add = (a: Sums, b: Sums): Sums => Object.fromEntries(Object.keys(SUMS).map((k) => [k, a[k as keyof Sums] + Number(b[k as keyof Sums])])) as Sums;

async function sessionOf(tx: Executor, tenantId: number, sessionId: number) {
  const [session] = await tx
    .select({ id: sessions.id, name: sessions.name, year: sessions.year })
    .from(sessions)
    .where(and(eq(sessions.id, sessionId), eq(sessions.tenantId, tenantId)));
  if (!session) throw notFound('届次会议');
  return session;
}

const inSession = (tenantId: number, sessionId: number) => and(eq(proposalFacts.tenantId, tenantId), eq(proposalFacts.sessionId, sessionId))!;

/** 逾期 now, per lead unit (0 for none): still with the units and past the deadline (partial index). */
async function overdueByUnit(tx: Executor, tenantId: number, sessionId: number, today: string): Promise<Map<number, number>> {
  const rows = await tx
    .select({ unitId: sql<number>`coalesce(${proposalFacts.leadUnitId}, 0)`, n: sql<number>`count(*)::int` })
    .from(proposalFacts)
    .where(and(inSession(tenantId, sessionId), isNotNull(proposalFacts.openDeadline), lt(proposalFacts.openDeadline, today)))
    .groupBy(sql`1`);
  return new Map(rows.map((r) => [Number(r.unitId), Number(r.n)]));
}

export async function figuresFromRollup(tx: Executor, tenantId: number, sessionId: number, today: string): Promise<Figures> {
  const session = await sessionOf(tx, tenantId, sessionId);
  // One after another: in the caller's transaction they share one connection anyway.
  const byStatusRows = await tx
    .select({ status: proposalRollupCurrent.status, ...SUMS })
    .from(proposalRollupCurrent)
    .where(and(eq(proposalRollupCurrent.tenantId, tenantId), eq(proposalRollupCurrent.sessionId, sessionId)))
    .groupBy(proposalRollupCurrent.status);
  const overdue = await overdueByUnit(tx, tenantId, sessionId, today);
  const keyLeaderRows = await tx
    .select({ n: sql<number>`count(distinct ${keyProposalLeaders.leaderId})::int` })
    .from(keyProposalLeaders)
    .where(
      and(
        eq(keyProposalLeaders.tenantId, tenantId),
        inArray(
          keyProposalLeaders.proposalId,
          tx.select({ id: proposalFacts.proposalId }).from(proposalFacts).where(and(inSession(tenantId, sessionId), eq(proposalFacts.isKey, true))),
        ),
      ),
    );
  // 其中4件合并为2件: the groups are the distinct primaries of the session's merged secondaries.
  const groupRows = await tx
    .select({ n: sql<number>`count(distinct ${proposalFacts.mergedInto})::int` })
    .from(proposalFacts)
    .where(and(inSession(tenantId, sessionId), eq(proposalFacts.mergedSecondary, true)));
  const mergeGroups = Number(groupRows[0]?.n ?? 0);
  // The key proposals' own 满意率: a handful of rows of the session's facts.
  const keyEvalRows = await tx
    .select({
      evaluated: sql<number>`count(*)::int`,
      attitude: sql<number>`count(*) filter (where ${proposalFacts.evalAttitude} in ('satisfied', 'basic'))::int`,
      result: sql<number>`count(*) filter (where ${proposalFacts.evalResult} in ('satisfied', 'basic'))::int`,
    })
    .from(proposalFacts)
    .where(and(inSession(tenantId, sessionId), eq(proposalFacts.isKey, true), isNotNull(proposalFacts.evalAttitude)));
  const keyEval = { evaluated: Number(keyEvalRows[0]?.evaluated ?? 0), attitude: Number(keyEvalRows[0]?.attitude ?? 0), result: Number(keyEvalRows[0]?.result ?? 0) };
  const t = byStatusRows.reduce((acc, r) => add(acc, r), ZERO);
  const count = new Map(byStatusRows.map((r) => [r.status as State, Number(r.proposals)]));
  const overdueNow = [...overdue.values()].reduce((a, b) => a + b, 0);
  const side = (satisfied: number, basic: number, unsatisfied: number) => ({ satisfied, basic, unsatisfied, rate: rateOf(satisfied + basic, t.evaluated) });
  return {
    sessionId: session.id,
    sessionName: session.name,
    year: session.year,
    asOf: today,
    received: t.received,
    filed: t.filed,
    notFiled: { total: t.notFiled, letter: t.letter, socialReport: t.socialReport },
    filingRate: rateOf(t.filed, t.received),
    mergedSecondaries: t.mergedSecondaries,
    afterMerge: t.filed - t.mergedSecondaries,
    merged: { proposals: t.mergedSecondaries + mergeGroups, groups: mergeGroups },
    keyProposals: t.keyProposals,
    keyLeaders: Number(keyLeaderRows[0]?.n ?? 0),
    keySatisfaction: {
      evaluated: keyEval.evaluated,
      attitude: rateOf(keyEval.attitude, keyEval.evaluated),
      result: rateOf(keyEval.result, keyEval.evaluated),
    },
    handled: t.handled,
    resultClasses: { A: t.A, B: t.B, C: t.C },
    satisfaction: {
      evaluated: t.evaluated,
      attitude: side(t.attitudeSatisfied, t.attitudeBasic, t.attitudeUnsatisfied),
      result: side(t.resultSatisfied, t.resultBasic, t.resultUnsatisfied),
    },
    onTimeRate: onTimeRateOf({ replies: t.replies, onTime: t.onTime }, overdueNow),
    faceToFaceRate: rateOf(t.faceToFace, t.handled),
    overdue: overdueNow,
    byStatus: STATES.filter((st) => st !== 'draft').map((status) => ({ status, count: count.get(status) ?? 0 })),
  };
}

export async function unitStatsFromRollup(tx: Executor, tenantId: number, sessionId: number, today: string, sort?: UnitStatsQuery['sort']): Promise<UnitStats> {
  const session = await sessionOf(tx, tenantId, sessionId);
  // One after another: in the caller's transaction they share one connection anyway.
  const rows = await tx
    .select({ unitId: proposalRollupCurrent.unitId, name: units.name, ...SUMS })
    .from(proposalRollupCurrent)
    .innerJoin(units, eq(units.id, proposalRollupCurrent.unitId))
    .where(and(eq(proposalRollupCurrent.tenantId, tenantId), eq(proposalRollupCurrent.sessionId, sessionId)))
    .groupBy(proposalRollupCurrent.unitId, units.name)
    .having(sql`sum(${proposalRollupCurrent.assigned}) > 0`);
  const overdue = await overdueByUnit(tx, tenantId, sessionId, today);
  // Days to reply: from the lead unit's assignment to its first reply, in working days of the
  // tenant's calendar; grouped by the two dates, which repeat (assignment is done in bulk).
  const days = await tx
    .select({ unitId: proposalFacts.leadUnitId, from: proposalFacts.leadAssignedAt, to: proposalFacts.firstReplyDate, n: sql<number>`count(*)::int` })
    .from(proposalFacts)
    .where(and(inSession(tenantId, sessionId), isNotNull(proposalFacts.firstReplyDate), isNotNull(proposalFacts.leadAssignedAt)))
    .groupBy(proposalFacts.leadUnitId, proposalFacts.leadAssignedAt, proposalFacts.firstReplyDate);
  const cal = await loadCalendar(tx, tenantId);
  const replyDays = new Map<number, { sum: number; n: number }>();
  const between = workingDaysCounter(cal, days.flatMap((d) => [d.from!, d.to!]));
  for (const d of days) {
    const u = replyDays.get(d.unitId!) ?? { sum: 0, n: 0 };
    u.sum += between(d.from!, d.to!) * Number(d.n);
    u.n += Number(d.n);
    replyDays.set(d.unitId!, u);
  }
  const out: UnitStatsRow[] = rows.map((r) => {
    const t = add(ZERO, r);
    const late = overdue.get(r.unitId) ?? 0;
    const rd = replyDays.get(r.unitId);
    return {
      unitId: r.unitId,
      name: r.name,
      assigned: t.assigned,
      asLead: t.proposals,
      replied: t.replies,
      onTime: t.onTime,
      onTimeRate: onTimeRateOf({ replies: t.replies, onTime: t.onTime }, late),
      overdue: late,
      resultClasses: { A: t.A, B: t.B, C: t.C },
      handled: t.handled,
      avgReplyWorkingDays: rd?.n ? Math.round((rd.sum * 10) / rd.n) / 10 : null,
      satisfaction: {
        evaluated: t.unitEvaluated,
        attitude: rateOf(t.unitAttitudeSatisfied + t.unitAttitudeBasic, t.unitEvaluated),
        result: rateOf(t.unitResultSatisfied + t.unitResultBasic, t.unitEvaluated),
      },
      faceToFaceRate: rateOf(t.faceToFace, t.handled),
    };
  });
  sortUnitStats(out, sort);
  return { sessionId: session.id, sessionName: session.name, asOf: today, units: out };
}
