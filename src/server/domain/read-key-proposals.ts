import { and, asc, count, eq, inArray, type SQL } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { proposals, supervisionActivities } from '../db/schema.js';
import type { KeyProposalItem } from '../../shared/schemas/key-proposals.js';
import type { Actor } from './actor.js';
import { visibleProposals } from './proposal-access.js';
import { latest, leadersOf, leadRepliesOf, leadUnitsOf, proposerNamesOf } from './proposal-facts.js';

/**
 * 重点提案一览 for staff, the office and leaders. A leader's visibility rule already limits them to
 * the proposals they supervise.
 */
export async function listKeyProposals(tx: Executor, actor: Actor, sessionId?: number): Promise<KeyProposalItem[]> {
  const where: SQL[] = [visibleProposals(actor), eq(proposals.isKey, true)];
  if (sessionId) where.push(eq(proposals.sessionId, sessionId));
  const rows = await tx
    .select()
    .from(proposals)
    .where(and(...where))
    .orderBy(asc(proposals.sessionId), asc(proposals.number), asc(proposals.id));
  const ids = rows.map((r) => r.id);
  const scope = { proposalIds: ids };
  // One after the other: a transaction is one connection, parallel queries would only queue.
  const names = await proposerNamesOf(tx, actor.tenantId, ids);
  const leaderMap = await leadersOf(tx, actor.tenantId, ids);
  const leadUnits = await leadUnitsOf(tx, actor.tenantId, scope);
  const activityCounts = ids.length
    ? await tx
        .select({ proposalId: supervisionActivities.proposalId, n: count() })
        .from(supervisionActivities)
        .where(and(eq(supervisionActivities.tenantId, actor.tenantId), inArray(supervisionActivities.proposalId, ids)))
        .groupBy(supervisionActivities.proposalId)
    : [];
  const replyMap = await leadRepliesOf(tx, actor.tenantId, scope, leadUnits);
  const activities = new Map(activityCounts.map((a) => [a.proposalId, a.n]));
  return rows.map((p) => {
    const lead = leadUnits.get(p.id);
    return {
      id: p.id,
      sessionId: p.sessionId,
      kind: p.kind,
      number: p.number,
      title: p.title,
      proposers: (names.get(p.id) ?? []).map((n) => n.name),
      leaders: leaderMap.get(p.id) ?? [],
      leadUnit: lead ? { id: lead.unitId, name: lead.name } : null,
      status: p.status,
      resultClass: latest(replyMap.get(p.id))?.resultClass ?? null,
      activityCount: activities.get(p.id) ?? 0,
      published: p.published,
      version: p.version,
    };
  });
}
