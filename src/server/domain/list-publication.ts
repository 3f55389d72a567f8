import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { proposals, replies, units } from '../db/schema.js';
import type { ListProposalsQuery } from '../../shared/schemas/proposal-reads.js';
import type { PublicationPage } from '../../shared/schemas/publication.js';
import type { Actor } from './actor.js';
import { groupBy, listProposals } from './list-proposals.js';

/**
 * 公开发布's page: the proposal list (same filters, visibility and paging) with each proposal's
 * publication day and the disclosure marks of its latest replies — two batched lookups for the page
 * instead of one proposal detail per row.
 */
export async function listForPublication(db: Executor, actor: Actor, q: ListProposalsQuery, today: string): Promise<PublicationPage> {
  const page = await listProposals(db, actor, q, today);
  const ids = page.items.map((i) => i.id);
  if (!ids.length) return { ...page, items: [] };
  const [rows, sent] = await Promise.all([
    db.select({ id: proposals.id, publishedAt: proposals.publishedAt }).from(proposals).where(and(eq(proposals.tenantId, actor.tenantId), inArray(proposals.id, ids))),
    db
      .select({ proposalId: replies.proposalId, isLead: replies.isLead, sequence: replies.sequence, disclosure: replies.disclosure, unitName: units.name, id: replies.id })
      .from(replies)
      .innerJoin(units, eq(units.id, replies.unitId))
      .where(and(eq(replies.tenantId, actor.tenantId), inArray(replies.proposalId, ids), eq(replies.status, 'sent')))
      .orderBy(replies.proposalId, replies.id),
  ]);
  const publishedAt = new Map(rows.map((r) => [r.id, r.publishedAt]));
  const repliesOf = groupBy(sent, (r) => r.proposalId);
  return {
    ...page,
    items: page.items.map((item) => {
      // The lead unit answers for everyone, except in 分办 where each unit answers on its own.
      const answering = (repliesOf.get(item.id) ?? []).filter((r) => r.isLead || item.assignmentMode === 'separate');
      const last = Math.max(0, ...answering.map((r) => r.sequence));
      return {
        ...item,
        publishedAt: publishedAt.get(item.id)?.toISOString() ?? null,
        replyDisclosures: answering.filter((r) => r.sequence === last).map((r) => ({ unitName: r.unitName, disclosure: r.disclosure })),
      };
    }),
  };
}
