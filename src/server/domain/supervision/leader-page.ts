import { and, asc, eq, inArray, or } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { jointSupervisions, keyProposalLeaders, leaders, proposals, supervisionInstructions, supervisionMeetingLeaders, supervisionMeetingProposals, supervisionMeetings, tenants } from '../../db/schema.js';
import type { LeaderSupervision } from '../../../shared/schemas/supervision.js';
import { notFound } from '../../errors.js';
import type { Actor } from '../actor.js';
import { hasRole } from '../actor.js';
import { auditCrossTenant, presentLeaderBrief, proposalBriefs } from './access.js';
import { confinedKind } from '../proposal-access.js';
import { presentMeetings } from './meetings.js';
import { presentInstructions } from './instructions.js';

/**
 * 领导督办页: a leader's key proposals, meetings and instructions across proposals — his own
 * level's and those of the lower level jointly supervised with his. The leader himself, and his
 * tenant's staff and office, may read it. What lies in another tenant is shown only on proposals
 * jointly supervised with the leader's tenant (accepted), and each such tenant gets an audit row.
 */
export async function readLeaderSupervision(tx: Executor, actor: Actor, leaderId: number): Promise<LeaderSupervision> {
  const [row] = await tx
    .select({ l: leaders, tenantName: tenants.name })
    .from(leaders)
    .innerJoin(tenants, eq(tenants.id, leaders.tenantId))
    .where(and(eq(leaders.id, leaderId), eq(leaders.tenantId, actor.tenantId)));
  if (!row) throw notFound('督办领导');
  const mayRead = hasRole(actor, 'staff', 'office') || (hasRole(actor, 'leader') && actor.leaderId === leaderId);
  if (!mayRead) throw notFound('督办领导');

  // Proposals of other tenants reachable from here: accepted joint supervisions with this tenant.
  const joints = await tx
    .select({ proposalId: jointSupervisions.proposalId, tenantId: jointSupervisions.tenantId })
    .from(jointSupervisions)
    .where(and(eq(jointSupervisions.partnerTenantId, actor.tenantId), eq(jointSupervisions.status, 'accepted')));
  const jointIds = new Set(joints.map((j) => j.proposalId));
  // A staff account sees its organ's proposals only (提案 or 代表建议), here as everywhere.
  const kind = confinedKind(actor);
  const kindIds = kind
    ? new Set(kind === 'nothing' ? [] : (await tx.select({ id: proposals.id }).from(proposals).where(and(inArray(proposals.tenantId, [actor.tenantId, ...joints.map((j) => j.tenantId)]), eq(proposals.kind, kind), eq(proposals.isKey, true)))).map((r) => r.id))
    : null;
  const reachable = (p: { id: number; tenantId: number }) => (p.tenantId === actor.tenantId || jointIds.has(p.id)) && (!kindIds || kindIds.has(p.id));

  const led = await tx
    .select({ id: proposals.id, tenantId: proposals.tenantId, isKey: proposals.isKey })
    .from(keyProposalLeaders)
    .innerJoin(proposals, eq(proposals.id, keyProposalLeaders.proposalId))
    .where(eq(keyProposalLeaders.leaderId, leaderId))
    .orderBy(asc(proposals.tenantId), asc(proposals.number));
  const ledIds = led.filter((p) => p.isKey && reachable(p)).map((p) => p.id);

  const meetingRows = await tx
    .selectDistinct({ m: supervisionMeetings })
    .from(supervisionMeetings)
    .leftJoin(supervisionMeetingLeaders, eq(supervisionMeetingLeaders.meetingId, supervisionMeetings.id))
    .where(or(eq(supervisionMeetings.chairLeaderId, leaderId), eq(supervisionMeetingLeaders.leaderId, leaderId)));
  const covered = meetingRows.length
    ? await tx.select().from(supervisionMeetingProposals).where(inArray(supervisionMeetingProposals.meetingId, meetingRows.map((r) => r.m.id)))
    : [];
  const proposalTenant = new Map(covered.map((c) => [c.proposalId, c.tenantId]));
  const keep = (proposalId: number) => reachable({ id: proposalId, tenantId: proposalTenant.get(proposalId) ?? -1 });
  const meetings = meetingRows
    .map((r) => r.m)
    .filter((m) => covered.some((c) => c.meetingId === m.id && keep(c.proposalId)))
    .sort((a, b) => (a.meetingDate < b.meetingDate ? 1 : a.meetingDate > b.meetingDate ? -1 : b.id - a.id));

  const instructionRows = (
    await tx.select().from(supervisionInstructions).where(eq(supervisionInstructions.leaderId, leaderId)).orderBy(asc(supervisionInstructions.issuedOn), asc(supervisionInstructions.id))
  ).filter((i) => reachable({ id: i.proposalId, tenantId: i.tenantId }));

  // One audit row per other tenant whose records were read.
  const others = new Set([...meetings.map((m) => m.tenantId), ...instructionRows.map((i) => i.tenantId), ...led.filter((p) => ledIds.includes(p.id)).map((p) => p.tenantId)]);
  others.delete(actor.tenantId);
  for (const t of others) await auditCrossTenant(tx, actor, t, { action: 'supervision.leader_page', entityType: 'leader', entityId: leaderId });

  const briefs = await proposalBriefs(tx, ledIds);
  // Joint on either side: the lower level's proposals reached here, and this level's own ones shared with the parent.
  const ownJoint = ledIds.length
    ? new Set((await tx.select({ id: jointSupervisions.proposalId }).from(jointSupervisions).where(and(inArray(jointSupervisions.proposalId, ledIds), eq(jointSupervisions.status, 'accepted')))).map((r) => r.id))
    : new Set<number>();
  return {
    leader: presentLeaderBrief(row.l, row.tenantName),
    proposals: ledIds.map((id) => ({ ...briefs.get(id)!, joint: ownJoint.has(id) })),
    meetings: await presentMeetings(tx, meetings, keep),
    instructions: await presentInstructions(tx, instructionRows),
  };
}
