import { and, countDistinct, eq } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { contacts, evaluations, keyProposalLeaders, proposals, sessions } from '../db/schema.js';
import { STATES, type State } from '../../shared/lifecycle.js';
import type { Figures, Rate } from '../../shared/schemas/figures.js';
import type { Satisfaction } from '../../shared/domain.js';
import { notFound } from '../errors.js';
import { latest, leadRepliesOf, leadUnitsOf, type LeadUnit, type ReplyRow } from './proposal-facts.js';
import { figuresFromRollup } from './figures-rollup.js';

/** A percentage rounded to one decimal (353/380 → 92.9); null when there is nothing to count. */
export function rateOf(numerator: number, denominator: number): Rate {
  return { value: denominator === 0 ? null : Math.round((numerator * 1000) / denominator) / 10, numerator, denominator };
}

const IN_UNITS: readonly State[] = ['assigned', 'handling', 'rehandling'];

// One function per figure: the session figures and the per-unit statistics (compute-unit-stats.ts)
// both count through these, so the two can never define a figure differently.

/** 逾期: still with the units and past its deadline on `today` (the deadline day itself is not late). */
export function isOverdueNow(p: { status: State; deadline: string | null }, today: string): boolean {
  return IN_UNITS.includes(p.status) && p.deadline !== null && p.deadline < today;
}

/** A/B/C: per handled proposal, the class of the lead unit's latest reply. */
export function resultClassesOf(leadReplies: Iterable<ReplyRow[]>): { A: number; B: number; C: number } {
  const out = { A: 0, B: 0, C: 0 };
  for (const list of leadReplies) {
    const last = latest(list);
    if (last) out[last.resultClass]++;
  }
  return out;
}

/** Every lead reply (first and after 重新办理) and how many of them were sent by their deadline. */
export function leadReplyTimeliness(leadReplies: Iterable<ReplyRow[]>): { replies: number; onTime: number } {
  let replies = 0;
  let onTime = 0;
  for (const list of leadReplies) {
    for (const r of list) {
      replies++;
      if (r.replyDate <= r.dueDate) onTime++;
    }
  }
  return { replies, onTime };
}

/** 按时办复率: replies on time / replies due, where due = every lead reply plus what is overdue now. */
export function onTimeRateOf(timeliness: { replies: number; onTime: number }, overdueNow: number): Rate {
  return rateOf(timeliness.onTime, timeliness.replies + overdueNow);
}

export interface LatestEvaluation {
  proposalId: number;
  /** The unit evaluated; an evaluation from before per-unit evaluation stands for the lead unit. */
  unitId: number;
  attitude: Satisfaction;
  result: Satisfaction;
}

/**
 * 测评: each unit's latest evaluation on each proposal of the session (the one after 重新办理
 * replaces the first). A row without a unit (from before per-unit evaluation) rated the handling
 * as a whole and stands for the lead unit; a unit's own row wins over such a row of the same round.
 */
export async function latestUnitEvaluationsOf(tx: Executor, tenantId: number, sessionId: number, lead: Map<number, LeadUnit>): Promise<LatestEvaluation[]> {
  const rows = await tx
    .select({ id: evaluations.id, proposalId: evaluations.proposalId, unitId: evaluations.unitId, sequence: evaluations.sequence, attitude: evaluations.attitude, result: evaluations.result })
    .from(evaluations)
    .innerJoin(proposals, eq(proposals.id, evaluations.proposalId))
    .where(and(eq(proposals.tenantId, tenantId), eq(proposals.sessionId, sessionId), eq(evaluations.tenantId, tenantId)));
  return latestPerUnit(rows, lead);
}

export interface EvaluationRow {
  id: number;
  proposalId: number;
  unitId: number | null;
  sequence: number;
  attitude: Satisfaction;
  result: Satisfaction;
}

/** Each (proposal, unit)'s latest evaluation of these rows: highest round, a unit's own row before a unit-less one. */
export function latestPerUnit(rows: EvaluationRow[], lead: Map<number, LeadUnit>): LatestEvaluation[] {
  const best = new Map<string, EvaluationRow & { unit: number }>();
  const rank = (r: EvaluationRow) => [r.sequence, r.unitId === null ? 0 : 1, r.id];
  const newer = (a: number[], b: number[]) => (a[0]! !== b[0]! ? a[0]! > b[0]! : a[1]! !== b[1]! ? a[1]! > b[1]! : a[2]! > b[2]!);
  for (const r of rows) {
    const unit = r.unitId ?? lead.get(r.proposalId)?.unitId;
    if (unit === undefined) continue;
    const key = `${r.proposalId}:${unit}`;
    const cur = best.get(key);
    if (!cur || newer(rank(r), rank(cur))) best.set(key, { ...r, unit });
  }
  return [...best.values()].map((r) => ({ proposalId: r.proposalId, unitId: r.unit, attitude: r.attitude, result: r.result }));
}

/**
 * The evaluation the session's 满意率 counts for a proposal: its lead unit's latest (主办, or the
 * first 分办 unit). The co-units' and the other 分办 units' own evaluations count in the league
 * table only, so that a proposal is counted once in the session's figures.
 */
export function leadEvaluations(all: LatestEvaluation[], lead: Map<number, LeadUnit>): LatestEvaluation[] {
  return all.filter((e) => lead.get(e.proposalId)?.unitId === e.unitId);
}

/** 满意率 for attitude and result separately: (满意 + 基本满意) / evaluated. */
export function satisfactionOf(evals: readonly LatestEvaluation[]) {
  const side = (pick: (e: LatestEvaluation) => Satisfaction) => {
    const n = { satisfied: 0, basic: 0, unsatisfied: 0 };
    for (const e of evals) n[pick(e)]++;
    return { ...n, rate: rateOf(n.satisfied + n.basic, evals.length) };
  };
  return { evaluated: evals.length, attitude: side((e) => e.attitude), result: side((e) => e.result) };
}

/** Proposals of the session with a face-to-face contact (面商) by any unit; 见面率 counts the handled ones. */
export async function faceToFaceProposalsOf(tx: Executor, tenantId: number, sessionId: number): Promise<Set<number>> {
  const rows = await tx
    .selectDistinct({ proposalId: contacts.proposalId })
    .from(contacts)
    .innerJoin(proposals, eq(proposals.id, contacts.proposalId))
    .where(and(eq(proposals.tenantId, tenantId), eq(proposals.sessionId, sessionId), eq(contacts.tenantId, tenantId), eq(contacts.method, 'face')));
  return new Set(rows.map((r) => r.proposalId));
}

/**
 * The figures of a session (年度提案工作数据), exactly as domain.md defines them. Staff and the
 * public portal both call this one function, so the two can never disagree. `today` is the China
 * day on which "overdue" is judged. Read from the rollups the triggers keep in step (a few hundred
 * rows whatever the session's size); computeFiguresExact counts the same from the base rows.
 */
export function computeFigures(tx: Executor, tenantId: number, sessionId: number, today: string): Promise<Figures> {
  return figuresFromRollup(tx, tenantId, sessionId, today);
}

/** The figures counted from the base rows: the definition the rollups must agree with. */
export async function computeFiguresExact(tx: Executor, tenantId: number, sessionId: number, today: string): Promise<Figures> {
  const [session] = await tx
    .select({ id: sessions.id, name: sessions.name, year: sessions.year })
    .from(sessions)
    .where(and(eq(sessions.id, sessionId), eq(sessions.tenantId, tenantId)));
  if (!session) throw notFound('届次会议');
  const inSession = and(eq(proposals.tenantId, tenantId), eq(proposals.sessionId, sessionId));

  const ps = await tx
    .select({
      id: proposals.id,
      status: proposals.status,
      submittedAt: proposals.submittedAt,
      reviewDecision: proposals.reviewDecision,
      conversion: proposals.conversion,
      mergedInto: proposals.mergedInto,
      isKey: proposals.isKey,
      deadline: proposals.deadline,
    })
    .from(proposals)
    .where(inSession);

  // 收到: every submission that reached the committee (pending co-signature included).
  const received = ps.filter((p) => p.status !== 'draft' && p.status !== 'withdrawn' && p.submittedAt !== null).length;
  const filedRows = ps.filter((p) => p.reviewDecision === 'filed');
  const notFiledRows = ps.filter((p) => p.reviewDecision === 'not_filed');
  // Each merge group is handled as one: its secondaries drop out, its primary stays.
  const secondaries = filedRows.filter((p) => p.mergedInto !== null);
  const mergedSecondaries = secondaries.length;
  const mergeGroups = new Set(secondaries.map((p) => p.mergedInto)).size;

  const [keyLeaderRow] = await tx
    .select({ n: countDistinct(keyProposalLeaders.leaderId) })
    .from(keyProposalLeaders)
    .innerJoin(proposals, eq(proposals.id, keyProposalLeaders.proposalId))
    .where(and(inSession, eq(proposals.isKey, true), eq(keyProposalLeaders.tenantId, tenantId)));

  // 办复: a proposal is handled once its lead unit has replied; its latest reply gives the class.
  const scope = { sessionId };
  const lead = await leadUnitsOf(tx, tenantId, scope);
  const leadReplies = await leadRepliesOf(tx, tenantId, scope, lead);
  const resultClasses = resultClassesOf(leadReplies.values());
  const timeliness = leadReplyTimeliness(leadReplies.values());
  const handled = leadReplies.size;
  const overdueNow = ps.filter((p) => isOverdueNow(p, today)).length;

  const faceToFace = [...(await faceToFaceProposalsOf(tx, tenantId, sessionId))].filter((id) => leadReplies.has(id)).length;

  // 测评: the session's 满意率 counts each proposal once, by its lead unit's latest evaluation (the
  // one after 重新办理 replaces the first); the co-units' own evaluations are for the league table.
  const leadEvals = leadEvaluations(await latestUnitEvaluationsOf(tx, tenantId, sessionId, lead), lead);
  const satisfaction = satisfactionOf(leadEvals);
  const keyIds = new Set(ps.filter((p) => p.isKey).map((p) => p.id));
  const key = satisfactionOf(leadEvals.filter((e) => keyIds.has(e.proposalId)));

  const statusCounts = new Map<State, number>();
  for (const p of ps) statusCounts.set(p.status, (statusCounts.get(p.status) ?? 0) + 1);

  return {
    sessionId: session.id,
    sessionName: session.name,
    year: session.year,
    asOf: today,
    received,
    filed: filedRows.length,
    notFiled: {
      total: notFiledRows.length,
      letter: notFiledRows.filter((p) => p.conversion === 'letter').length,
      socialReport: notFiledRows.filter((p) => p.conversion === 'social_report').length,
    },
    filingRate: rateOf(filedRows.length, received),
    mergedSecondaries,
    afterMerge: filedRows.length - mergedSecondaries,
    merged: { proposals: mergedSecondaries + mergeGroups, groups: mergeGroups },
    keyProposals: ps.filter((p) => p.isKey).length,
    keyLeaders: keyLeaderRow?.n ?? 0,
    keySatisfaction: { evaluated: key.evaluated, attitude: key.attitude.rate, result: key.result.rate },
    handled,
    resultClasses,
    satisfaction,
    // Due = every lead reply (each answered a deadline) plus what is still with the units past its deadline.
    onTimeRate: onTimeRateOf(timeliness, overdueNow),
    faceToFaceRate: rateOf(faceToFace, handled),
    overdue: overdueNow,
    // Drafts are the authors' own business and stay out of the figures.
    byStatus: STATES.filter((s) => s !== 'draft').map((status) => ({ status, count: statusCounts.get(status) ?? 0 })),
  };
}
