import { and, eq, ne } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { assignments, proposals, sessions, units } from '../db/schema.js';
import type { UnitStats, UnitStatsQuery, UnitStatsRow, UnitStatsSortField } from '../../shared/schemas/figures.js';
import { loadCalendar, workingDaysBetween } from '../calendar/working-days.js';
import { notFound } from '../errors.js';
import { leadRepliesOf, leadUnitsOf, type ReplyRow } from './proposal-facts.js';
import { unitStatsFromRollup } from './figures-rollup.js';
import {
  faceToFaceProposalsOf,
  isOverdueNow,
  latestUnitEvaluationsOf,
  leadReplyTimeliness,
  onTimeRateOf,
  rateOf,
  resultClassesOf,
  satisfactionOf,
  type LatestEvaluation,
} from './compute-figures.js';

/**
 * (computeUnitStats reads the same from the maintained rollups, figures-rollup.ts.)
 * Per handling unit of a session: assigned, replied, on time, on-time rate, overdue now and the
 * A/B/C of its lead replies, average working days to reply, satisfaction and 见面率. Every figure
 * goes through the same helpers as computeFigures, so the units' numbers add up to the session's
 * (replies, on time, overdue, A/B/C, evaluated, satisfied, face to face).
 */
export function computeUnitStats(tx: Executor, tenantId: number, sessionId: number, today: string, sort?: UnitStatsQuery['sort']): Promise<UnitStats> {
  return unitStatsFromRollup(tx, tenantId, sessionId, today, sort);
}

/** The league table counted from the base rows: the definition the rollups must agree with. */
export async function computeUnitStatsExact(
  tx: Executor,
  tenantId: number,
  sessionId: number,
  today: string,
  sort?: UnitStatsQuery['sort'],
): Promise<UnitStats> {
  const [session] = await tx
    .select({ id: sessions.id, name: sessions.name })
    .from(sessions)
    .where(and(eq(sessions.id, sessionId), eq(sessions.tenantId, tenantId)));
  if (!session) throw notFound('届次会议');

  const rows = await tx
    .select({ proposalId: assignments.proposalId, unitId: assignments.unitId, name: units.name, assignedAt: assignments.assignedAt })
    .from(assignments)
    .innerJoin(proposals, eq(proposals.id, assignments.proposalId))
    .innerJoin(units, eq(units.id, assignments.unitId))
    .where(
      and(
        eq(assignments.tenantId, tenantId),
        eq(proposals.tenantId, tenantId),
        eq(proposals.sessionId, sessionId),
        ne(assignments.status, 'removed'),
      ),
    );
  const assigned = new Map<number, { name: string; proposals: Set<number> }>();
  const assignedOn = new Map<string, string>();
  for (const r of rows) {
    assignedOn.set(`${r.proposalId}:${r.unitId}`, r.assignedAt);
    const u = assigned.get(r.unitId) ?? { name: r.name, proposals: new Set<number>() };
    u.proposals.add(r.proposalId);
    assigned.set(r.unitId, u);
  }

  const scope = { sessionId };
  const lead = await leadUnitsOf(tx, tenantId, scope);
  const leadReplies = await leadRepliesOf(tx, tenantId, scope, lead);
  const states = await tx
    .select({ id: proposals.id, status: proposals.status, deadline: proposals.deadline })
    .from(proposals)
    .where(and(eq(proposals.tenantId, tenantId), eq(proposals.sessionId, sessionId)));

  // One after another: in the caller's transaction they share one connection anyway.
  const evals = await latestUnitEvaluationsOf(tx, tenantId, sessionId, lead);
  const faces = await faceToFaceProposalsOf(tx, tenantId, sessionId);
  const cal = await loadCalendar(tx, tenantId);

  interface PerUnit { asLead: number; replies: ReplyRow[][]; overdue: number; evals: LatestEvaluation[]; faces: number; replyDays: number[] }
  const perUnit = new Map<number, PerUnit>();
  const of = (unitId: number) => {
    let u = perUnit.get(unitId);
    if (!u) perUnit.set(unitId, (u = { asLead: 0, replies: [], overdue: 0, evals: [], faces: 0, replyDays: [] }));
    return u;
  };
  for (const [, l] of lead) of(l.unitId).asLead++;
  for (const [proposalId, list] of leadReplies) {
    const unitId = lead.get(proposalId)!.unitId;
    const u = of(unitId);
    u.replies.push(list);
    if (faces.has(proposalId)) u.faces++;
    // Days to reply: from the unit's assignment to its first reply (re-handling has its own deadline).
    const from = assignedOn.get(`${proposalId}:${unitId}`);
    if (from && list[0]) u.replyDays.push(workingDaysBetween(from, list[0].replyDate, cal));
  }
  // Each unit's own evaluation (lead, 会办 or 分办), not the lead's evaluation copied to everyone.
  for (const e of evals) of(e.unitId).evals.push(e);
  for (const p of states) {
    const l = lead.get(p.id);
    if (l && isOverdueNow(p, today)) of(l.unitId).overdue++;
  }

  const out: UnitStatsRow[] = [...assigned.entries()].map(([unitId, a]) => {
    const u = perUnit.get(unitId) ?? { asLead: 0, replies: [], overdue: 0, evals: [], faces: 0, replyDays: [] };
    const timeliness = leadReplyTimeliness(u.replies);
    const sat = satisfactionOf(u.evals);
    return {
      unitId,
      name: a.name,
      assigned: a.proposals.size,
      asLead: u.asLead,
      replied: timeliness.replies,
      onTime: timeliness.onTime,
      onTimeRate: onTimeRateOf(timeliness, u.overdue),
      overdue: u.overdue,
      resultClasses: resultClassesOf(u.replies),
      handled: u.replies.length,
      avgReplyWorkingDays: u.replyDays.length ? Math.round((u.replyDays.reduce((x, y) => x + y, 0) * 10) / u.replyDays.length) / 10 : null,
      satisfaction: { evaluated: sat.evaluated, attitude: sat.attitude.rate, result: sat.result.rate },
      faceToFaceRate: rateOf(u.faces, u.replies.length),
    };
  });
  sortUnitStats(out, sort);
  return { sessionId: session.id, sessionName: session.name, asOf: today, units: out };
}

const SORT_VALUE: Record<UnitStatsSortField, (r: UnitStatsRow) => number | string | null> = {
  name: (r) => r.name,
  assigned: (r) => r.assigned,
  asLead: (r) => r.asLead,
  replied: (r) => r.replied,
  handled: (r) => r.handled,
  onTime: (r) => r.onTime,
  onTimeRate: (r) => r.onTimeRate.value,
  avgReplyWorkingDays: (r) => r.avgReplyWorkingDays,
  A: (r) => r.resultClasses.A,
  B: (r) => r.resultClasses.B,
  C: (r) => r.resultClasses.C,
  attitudeRate: (r) => r.satisfaction.attitude.value,
  resultRate: (r) => r.satisfaction.result.value,
  faceToFaceRate: (r) => r.faceToFaceRate.value,
  overdue: (r) => r.overdue,
};

/** Sorts in place by one column; units without a value (no rate yet) go last either way, ties by name. */
export function sortUnitStats(rows: UnitStatsRow[], sort: UnitStatsQuery['sort']) {
  const byName = (x: UnitStatsRow, y: UnitStatsRow) => x.name.localeCompare(y.name, 'zh-CN') || x.unitId - y.unitId;
  if (!sort || sort.field === 'name') {
    rows.sort((x, y) => (sort?.dir === 'desc' ? -byName(x, y) : byName(x, y)));
    return;
  }
  const value = SORT_VALUE[sort.field];
  const sign = sort.dir === 'desc' ? -1 : 1;
  rows.sort((x, y) => {
    const a = value(x);
    const b = value(y);
    if (a === null || b === null) return a === b ? byName(x, y) : a === null ? 1 : -1;
    return (a < b ? -1 : a > b ? 1 : 0) * sign || byName(x, y);
  });
}
