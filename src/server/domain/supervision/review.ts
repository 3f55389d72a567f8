import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { jointSupervisions, proposals } from '../../db/schema.js';
import type { Actor } from '../actor.js';
import { getVisibleSession } from '../proposal-access.js';
import { sessionHeadingOf } from '../document-facts.js';
import type { SupervisionReview } from '../../documents/supervision-review.js';
import { auditCrossTenant } from './access.js';
import { computeSupervisionFigures } from './figures.js';
import { meetingsOfProposals, presentMeetings } from './meetings.js';

/**
 * The read model of the 督办综述: the session's supervision figures, and the meetings on its key
 * proposals — with, for a parent, the meetings on its children's key proposals supervised jointly
 * with it (audited in each child's chain; other proposals a child's meeting covered are left out).
 */
export async function readSupervisionReview(tx: Executor, actor: Actor, sessionId: number): Promise<SupervisionReview> {
  const s = await getVisibleSession(tx, actor, sessionId);
  const session = await sessionHeadingOf(tx, s.tenantId, s.id);
  const figures = await computeSupervisionFigures(tx, s);
  const keyIds = (await tx.select({ id: proposals.id }).from(proposals).where(and(eq(proposals.tenantId, s.tenantId), eq(proposals.sessionId, s.id), eq(proposals.isKey, true)))).map((r) => r.id);
  const meetings = await presentMeetings(tx, await meetingsOfProposals(tx, s.tenantId, keyIds));
  const childIds = figures.joint.items.filter((i) => i.tenantId !== s.tenantId);
  const byOwner = new Map<number, number[]>();
  for (const c of childIds) byOwner.set(c.tenantId, [...(byOwner.get(c.tenantId) ?? []), c.id]);
  for (const [owner, ids] of byOwner) {
    const accepted = new Set(
      (await tx.select({ id: jointSupervisions.proposalId }).from(jointSupervisions).where(and(eq(jointSupervisions.tenantId, owner), eq(jointSupervisions.partnerTenantId, s.tenantId), eq(jointSupervisions.status, 'accepted')))).map((r) => r.id),
    );
    meetings.push(...(await presentMeetings(tx, await meetingsOfProposals(tx, owner, ids), (id) => accepted.has(id))));
    await auditCrossTenant(tx, actor, owner, { action: 'document.supervision_review', entityType: 'session', entityId: s.id });
  }
  return { session, figures, meetings };
}
