import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { members, proposers, users } from '../db/schema.js';
import { forbidden } from '../errors.js';
import type { Actor } from './actor.js';
import type { ProposalRow } from './proposal-access.js';

// How an actor relates to a proposal as a proposer. Visibility only says that a member may see a
// proposal; these helpers say whether they lead it or are a co-proposer on it.

export type ProposerRow = typeof proposers.$inferSelect;

export async function proposerRows(tx: Executor, proposalId: number): Promise<ProposerRow[]> {
  return tx.select().from(proposers).where(eq(proposers.proposalId, proposalId)).orderBy(asc(proposers.position));
}

/** Whether the row stands for the actor: their member record or the body they act for. */
export function isActorsRow(row: Pick<ProposerRow, 'memberId' | 'bodyId'>, actor: Actor): boolean {
  return (
    (row.memberId !== null && row.memberId === actor.memberId) ||
    (row.bodyId !== null && row.bodyId === actor.bodyId)
  );
}

/** The lead proposer is the author, or whoever acts for the member or body at position 0. */
export function isLeadProposer(actor: Actor, p: ProposalRow, rows: ProposerRow[]): boolean {
  if (p.createdBy === actor.userId) return true;
  const lead = rows.find((r) => r.position === 0);
  return lead !== undefined && isActorsRow(lead, actor);
}

export async function requireLeadProposer(tx: Executor, actor: Actor, p: ProposalRow, what: string) {
  const rows = await proposerRows(tx, p.id);
  if (!isLeadProposer(actor, p, rows)) throw forbidden(`只有第一提案人可以${what}`);
  return rows;
}

/** Accounts that act for the given proposer rows (a member's own account, every user of a body). */
export async function userIdsOfRows(tx: Executor, tenantId: number, rows: Pick<ProposerRow, 'memberId' | 'bodyId'>[]) {
  const memberIds = rows.flatMap((r) => (r.memberId ? [r.memberId] : []));
  const bodyIds = rows.flatMap((r) => (r.bodyId ? [r.bodyId] : []));
  const ids: number[] = [];
  if (memberIds.length) {
    const found = await tx
      .select({ id: members.userId })
      .from(members)
      .where(and(eq(members.tenantId, tenantId), inArray(members.id, memberIds)));
    for (const f of found) if (f.id !== null) ids.push(f.id);
  }
  if (bodyIds.length) {
    const found = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.tenantId, tenantId), inArray(users.bodyId, bodyIds), eq(users.active, true)));
    ids.push(...found.map((f) => f.id));
  }
  return [...new Set(ids)];
}
