import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { assignments, replies, sessions, units } from '../db/schema.js';
import { conflict, forbidden, invalid, notFound } from '../errors.js';
import type { Actor } from './actor.js';
import type { ProposalRow } from './proposal-access.js';
import { ASSIGNMENT_STATUSES } from '../../shared/domain.js';

// Shared by the handling use cases (assign … close): who holds which assignment on a proposal.

export type AssignmentRow = typeof assignments.$inferSelect;

/** The assignments still in force (a unit removed after an objection no longer counts). */
export async function activeAssignments(tx: Executor, proposalId: number): Promise<AssignmentRow[]> {
  return tx
    .select()
    .from(assignments)
    .where(and(eq(assignments.proposalId, proposalId), ne(assignments.status, 'removed')))
    .orderBy(asc(assignments.position), asc(assignments.id));
}

/**
 * The acting unit's assignment on the proposal. A unit user without one never sees the proposal,
 * so this is a 404 like any invisible proposal.
 */
export async function actorAssignment(tx: Executor, actor: Actor, p: ProposalRow): Promise<AssignmentRow> {
  if (!actor.unitId) throw forbidden('当前账户未关联承办单位');
  const rows = await activeAssignments(tx, p.id);
  const mine = rows.find((a) => a.unitId === actor.unitId);
  if (!mine) throw notFound('提案');
  return mine;
}

/** The lead for figures and follow-up: the 主办 unit, or the first 分办 unit. */
export const isLeadAssignment = (a: Pick<AssignmentRow, 'role' | 'position'>) =>
  a.role === 'lead' || (a.role === 'separate' && a.position === 0);

/** Units that answer with a reply letter: 主办 and every 分办 unit (会办 units send opinions). */
export const answersWithReply = (a: Pick<AssignmentRow, 'role'>) => a.role === 'lead' || a.role === 'separate';

export function requireSigned(a: AssignmentRow, what: string) {
  if (a.status !== 'signed') {
    throw conflict(`本单位的交办状态为「${ASSIGNMENT_STATUSES.labels[a.status]}」，须先签收才能${what}`, { assignmentStatus: a.status });
  }
}

export async function sessionOf(tx: Executor, p: ProposalRow) {
  const [s] = await tx.select().from(sessions).where(eq(sessions.id, p.sessionId));
  return s!;
}

/** Units must exist in the actor's tenant and be active; errors name the field that holds them. */
export async function checkUnits(tx: Executor, tenantId: number, fields: { path: string; ids: number[] }[]) {
  const all = [...new Set(fields.flatMap((f) => f.ids))];
  if (all.length === 0) return;
  const found = await tx
    .select({ id: units.id })
    .from(units)
    .where(and(inArray(units.id, all), eq(units.tenantId, tenantId), eq(units.active, true)));
  const ok = new Set(found.map((u) => u.id));
  for (const f of fields) {
    f.ids.forEach((id, i) => {
      if (!ok.has(id)) throw invalid(f.ids.length === 1 && !f.path.endsWith('Ids') ? f.path : `${f.path}.${i}`, '承办单位不存在或已停用');
    });
  }
}

/** Units that already sent their reply for the proposal's current round (one returned by 答复审核 does not count). */
export async function repliedUnitIds(tx: Executor, p: ProposalRow): Promise<Set<number>> {
  const rows = await tx
    .select({ unitId: replies.unitId })
    .from(replies)
    .where(and(eq(replies.proposalId, p.id), eq(replies.sequence, p.replySequence), ne(replies.status, 'returned')));
  return new Set(rows.map((r) => r.unitId));
}

export async function unitName(tx: Executor, unitId: number): Promise<string> {
  const [u] = await tx.select({ name: units.name }).from(units).where(eq(units.id, unitId));
  return u?.name ?? '承办单位';
}
