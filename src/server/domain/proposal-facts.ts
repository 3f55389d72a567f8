import { and, asc, eq, inArray, ne, type SQL } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { assignments, bodies, keyProposalLeaders, leaders, members, proposals, proposers, replies, tenants, units } from '../db/schema.js';
import { BODY_KINDS, type LeaderOrgan } from '../../shared/domain.js';

// Read helpers shared by the key-proposal list, the public portal and the figures: the lead unit,
// its replies, the proposers' names and the supervising leaders of a set of proposals.

/** Which proposals: a list of ids, or every proposal of a session. Always within one tenant. */
export type Scope = { proposalIds: number[] } | { sessionId: number };

function scopeWhere(tenantId: number, scope: Scope): SQL | null {
  if ('proposalIds' in scope) {
    if (scope.proposalIds.length === 0) return null;
    return and(eq(proposals.tenantId, tenantId), inArray(proposals.id, scope.proposalIds))!;
  }
  return and(eq(proposals.tenantId, tenantId), eq(proposals.sessionId, scope.sessionId))!;
}

export interface LeadUnit {
  unitId: number;
  name: string;
}

/**
 * The unit whose reply counts for a proposal: the 主办 unit, or in 分办 the first unit (lowest
 * position). Units removed after an objection do not count.
 */
export async function leadUnitsOf(tx: Executor, tenantId: number, scope: Scope): Promise<Map<number, LeadUnit>> {
  const where = scopeWhere(tenantId, scope);
  const out = new Map<number, LeadUnit>();
  if (!where) return out;
  const rows = await tx
    .select({ proposalId: assignments.proposalId, unitId: assignments.unitId, role: assignments.role, position: assignments.position, name: units.name })
    .from(assignments)
    .innerJoin(proposals, eq(proposals.id, assignments.proposalId))
    .innerJoin(units, eq(units.id, assignments.unitId))
    .where(and(where, eq(assignments.tenantId, tenantId), ne(assignments.status, 'removed'), inArray(assignments.role, ['lead', 'separate'])))
    .orderBy(asc(assignments.position), asc(assignments.id));
  const hasLeadRole = new Set<number>();
  for (const r of rows) {
    // A 主办 row wins over 分办 rows; among 分办 rows the lowest position came first.
    if (hasLeadRole.has(r.proposalId)) continue;
    if (r.role === 'lead') hasLeadRole.add(r.proposalId);
    if (r.role === 'lead' || !out.has(r.proposalId)) out.set(r.proposalId, { unitId: r.unitId, name: r.name });
  }
  return out;
}

export type ReplyRow = Pick<typeof replies.$inferSelect, 'proposalId' | 'unitId' | 'sequence' | 'resultClass' | 'body' | 'disclosure' | 'replyDate' | 'dueDate'>;

/** Every reply the lead unit sent (first reply and the one after 重新办理), per proposal, oldest first. */
export async function leadRepliesOf(
  tx: Executor,
  tenantId: number,
  scope: Scope,
  lead?: Map<number, LeadUnit>,
): Promise<Map<number, ReplyRow[]>> {
  const where = scopeWhere(tenantId, scope);
  const out = new Map<number, ReplyRow[]>();
  if (!where) return out;
  const leadUnits = lead ?? (await leadUnitsOf(tx, tenantId, scope));
  const rows = await tx
    .select({
      proposalId: replies.proposalId,
      unitId: replies.unitId,
      sequence: replies.sequence,
      resultClass: replies.resultClass,
      body: replies.body,
      disclosure: replies.disclosure,
      replyDate: replies.replyDate,
      dueDate: replies.dueDate,
    })
    .from(replies)
    .innerJoin(proposals, eq(proposals.id, replies.proposalId))
    // Only replies that went out: one waiting for 答复审核 or returned to the unit is not a reply yet.
    .where(and(where, eq(replies.tenantId, tenantId), eq(replies.status, 'sent')))
    .orderBy(asc(replies.sequence));
  for (const r of rows) {
    if (leadUnits.get(r.proposalId)?.unitId !== r.unitId) continue;
    const list = out.get(r.proposalId) ?? [];
    list.push(r);
    out.set(r.proposalId, list);
  }
  return out;
}

export const latest = <T>(list: T[] | undefined): T | null => (list && list.length ? list[list.length - 1]! : null);

export interface ProposerName {
  name: string;
  sector: string | null;
}

/** Names of the lead proposer and the co-proposers who confirmed, in order; never ids or contacts. */
export async function proposerNamesOf(tx: Executor, tenantId: number, proposalIds: number[]): Promise<Map<number, ProposerName[]>> {
  const out = new Map<number, ProposerName[]>();
  if (proposalIds.length === 0) return out;
  const rows = await tx
    .select({
      proposalId: proposers.proposalId,
      memberName: members.name,
      sector: members.sector,
      bodyName: bodies.name,
      bodyKind: bodies.kind,
    })
    .from(proposers)
    .leftJoin(members, eq(members.id, proposers.memberId))
    .leftJoin(bodies, eq(bodies.id, proposers.bodyId))
    .where(
      and(
        eq(proposers.tenantId, tenantId),
        inArray(proposers.proposalId, proposalIds),
        inArray(proposers.confirmation, ['lead', 'confirmed']),
      ),
    )
    .orderBy(asc(proposers.proposalId), asc(proposers.position));
  for (const r of rows) {
    const entry: ProposerName | null = r.memberName
      ? { name: r.memberName, sector: r.sector }
      : r.bodyName
        ? { name: r.bodyName, sector: r.bodyKind ? BODY_KINDS.labels[r.bodyKind] : null }
        : null;
    if (!entry) continue;
    const list = out.get(r.proposalId) ?? [];
    list.push(entry);
    out.set(r.proposalId, list);
  }
  return out;
}

export interface LeaderEntry {
  id: number;
  name: string;
  title: string;
  /** 党委 / 人大 / 政府 / 政协 …: documents print 「市政协领导叶建宏」. */
  organ: LeaderOrgan | null;
  /** The leader's own jurisdiction (市 on a county's jointly supervised proposal): printed before the organ. */
  levelName?: string;
}

export async function leadersOf(tx: Executor, tenantId: number, proposalIds: number[]): Promise<Map<number, LeaderEntry[]>> {
  const out = new Map<number, LeaderEntry[]>();
  if (proposalIds.length === 0) return out;
  const rows = await tx
    .select({ proposalId: keyProposalLeaders.proposalId, id: leaders.id, name: leaders.name, title: leaders.title, organ: leaders.organ, leaderTenant: leaders.tenantId, levelName: tenants.name })
    .from(keyProposalLeaders)
    .innerJoin(leaders, eq(leaders.id, keyProposalLeaders.leaderId))
    .innerJoin(tenants, eq(tenants.id, leaders.tenantId))
    .where(and(eq(keyProposalLeaders.tenantId, tenantId), inArray(keyProposalLeaders.proposalId, proposalIds)))
    .orderBy(asc(keyProposalLeaders.proposalId), asc(keyProposalLeaders.createdAt), asc(leaders.id));
  for (const r of rows) {
    const list = out.get(r.proposalId) ?? [];
    // 两级联合督办: a leader of the other level keeps his own level's name.
    list.push({ id: r.id, name: r.name, title: r.title, organ: r.organ, ...(r.leaderTenant !== tenantId ? { levelName: r.levelName } : {}) });
    out.set(r.proposalId, list);
  }
  return out;
}
