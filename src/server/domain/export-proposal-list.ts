import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { assignments, evaluations, proposals, sessions, units } from '../db/schema.js';
import { STATE_LABELS } from '../../shared/lifecycle.js';
import { CATEGORIES, PROPOSAL_KINDS, SATISFACTION, type ResultClass } from '../../shared/domain.js';
import type { ListProposalsQuery } from '../../shared/schemas/proposal-reads.js';
import { invalid } from '../errors.js';
import type { Actor } from './actor.js';
import { groupBy, proposalListWhere, proposalListOrder } from './list-proposals.js';
import { latest, leadRepliesOf, leadUnitsOf, proposerNamesOf } from './proposal-facts.js';
import { latestPerUnit, leadEvaluations } from './compute-figures.js';

/** Rows one export may hold; a larger list has to be narrowed by its filters first. */
export const EXPORT_LIMIT = 5000;
const CHUNK = 500;

export interface ExportRow {
  number: number | null;
  /** 政协提案 / 人大代表建议: the office's export holds both organs' items. */
  kind: string;
  sessionName: string;
  title: string;
  proposers: string;
  category: string;
  status: string;
  leadUnits: string;
  coUnits: string;
  deadline: string | null;
  resultClass: ResultClass | null;
  satisfaction: string;
  isKey: boolean;
  overdue: boolean;
}

/**
 * The proposals GET /proposals would list for the same query and actor (same WHERE, same order),
 * every page at once, with the columns of the list plus 答复类别 and 满意度.
 */
export async function exportProposalList(tx: Executor, actor: Actor, q: Omit<ListProposalsQuery, 'page' | 'pageSize'>): Promise<ExportRow[]> {
  const rows = await tx
    .select({
      id: proposals.id,
      number: proposals.number,
      kind: proposals.kind,
      sessionId: proposals.sessionId,
      title: proposals.title,
      category: proposals.category,
      status: proposals.status,
      deadline: proposals.deadline,
      isKey: proposals.isKey,
      overdue: proposals.overdue,
    })
    .from(proposals)
    .where(proposalListWhere(actor, q))
    .orderBy(...proposalListOrder(q.sort))
    .limit(EXPORT_LIMIT + 1);
  if (rows.length > EXPORT_LIMIT) throw invalid('query', `符合条件的提案超过${EXPORT_LIMIT}件，请先按届次、状态等条件缩小范围再导出`);

  const sessionNames = new Map<number, string>();
  const sessionIds = [...new Set(rows.map((r) => r.sessionId))];
  if (sessionIds.length) {
    for (const s of await tx.select({ id: sessions.id, name: sessions.name }).from(sessions).where(inArray(sessions.id, sessionIds))) sessionNames.set(s.id, s.name);
  }
  const out: ExportRow[] = [];
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const ids = chunk.map((r) => r.id);
    const scope = { proposalIds: ids };
    const lead = await leadUnitsOf(tx, actor.tenantId, scope);
    const [names, replies, unitRows, evalRows] = await Promise.all([
      proposerNamesOf(tx, actor.tenantId, ids),
      leadRepliesOf(tx, actor.tenantId, scope, lead),
      tx
        .select({ proposalId: assignments.proposalId, role: assignments.role, name: units.name })
        .from(assignments)
        .innerJoin(units, eq(units.id, assignments.unitId))
        .where(and(eq(assignments.tenantId, actor.tenantId), inArray(assignments.proposalId, ids), ne(assignments.status, 'removed')))
        .orderBy(asc(assignments.proposalId), asc(assignments.position), asc(assignments.id)),
      tx
        .select({ id: evaluations.id, proposalId: evaluations.proposalId, unitId: evaluations.unitId, sequence: evaluations.sequence, attitude: evaluations.attitude, result: evaluations.result })
        .from(evaluations)
        .where(and(eq(evaluations.tenantId, actor.tenantId), inArray(evaluations.proposalId, ids))),
    ]);
    const unitsOf = groupBy(unitRows, (u) => u.proposalId);
    // The lead unit's latest evaluation counts, as in the session's figures.
    const evalOf = new Map(leadEvaluations(latestPerUnit(evalRows, lead), lead).map((e) => [e.proposalId, e]));
    for (const r of chunk) {
      const us = unitsOf.get(r.id) ?? [];
      const e = evalOf.get(r.id);
      out.push({
        number: r.number,
        kind: PROPOSAL_KINDS.labels[r.kind],
        sessionName: sessionNames.get(r.sessionId) ?? '',
        title: r.title,
        proposers: (names.get(r.id) ?? []).map((n) => n.name).join('、'),
        category: CATEGORIES.labels[r.category],
        status: STATE_LABELS[r.status],
        leadUnits: us.filter((u) => u.role !== 'co').map((u) => u.name).join('、'),
        coUnits: us.filter((u) => u.role === 'co').map((u) => u.name).join('、'),
        deadline: r.deadline,
        resultClass: latest(replies.get(r.id))?.resultClass ?? null,
        satisfaction: e ? `态度${SATISFACTION.labels[e.attitude]}，结果${SATISFACTION.labels[e.result]}` : '',
        isKey: r.isKey,
        overdue: r.overdue,
      });
    }
  }
  return out;
}
