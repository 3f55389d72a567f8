import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { jointSupervisions, keyProposalLeaders, leaders, proposals, tenants } from '../../db/schema.js';
import { conflict, invalid, notFound } from '../../errors.js';
import type { Actor } from '../actor.js';
import { hasRole } from '../actor.js';
import { writeAudit } from '../audit.js';
import { confinedKind, getVisibleProposal, type ProposalRow } from '../proposal-access.js';
import { leaderPrintName } from '../document-facts.js';
import type { LeaderBrief, ProposalBrief } from '../../../shared/schemas/supervision.js';

export type JointRow = typeof jointSupervisions.$inferSelect;

/**
 * A key proposal as the supervision routes reach it: the actor's own tenant's (through the usual
 * visibility rule), or — 两级联合督办 — another tenant's that was jointly supervised with the
 * actor's tenant and accepted. Nothing else of another tenant is ever reachable.
 */
export interface SupervisionTarget {
  proposal: ProposalRow;
  /** The tenant that owns the proposal and every record made on it (meetings, instructions, audit). */
  ownerTenantId: number;
  /** The accepted joint supervision, when there is one (either side). */
  joint: JointRow | null;
  /** The actor reached it from the partner tenant: every read and write is audited in the owner's. */
  crossTenant: boolean;
}

export type Purpose = 'read' | 'write';

/** Roles that take part in supervision; units read (and answer instructions) on their own proposals. */
const WRITERS = ['staff', 'office', 'leader'] as const;

export async function acceptedJointOf(tx: Executor, proposalId: number): Promise<JointRow | null> {
  const [j] = await tx.select().from(jointSupervisions).where(and(eq(jointSupervisions.proposalId, proposalId), eq(jointSupervisions.status, 'accepted')));
  return j ?? null;
}

/** Loads a key proposal for supervision, or 404 (never revealing another tenant's). */
export async function supervisionTarget(tx: Executor, actor: Actor, proposalId: number, purpose: Purpose): Promise<SupervisionTarget> {
  const own = await getVisibleProposal(tx, actor, proposalId).catch(() => null);
  if (own) {
    if (purpose === 'write' && !hasRole(actor, ...WRITERS)) throw notFound('提案');
    if (!own.isKey) throw conflict('该提案不是重点提案');
    return { proposal: own, ownerTenantId: own.tenantId, joint: await acceptedJointOf(tx, own.id), crossTenant: false };
  }
  const j = await tx
    .select({ joint: jointSupervisions, proposal: proposals })
    .from(jointSupervisions)
    .innerJoin(proposals, eq(proposals.id, jointSupervisions.proposalId))
    .where(and(eq(jointSupervisions.proposalId, proposalId), eq(jointSupervisions.partnerTenantId, actor.tenantId), eq(jointSupervisions.status, 'accepted')));
  const hit = j[0];
  if (!hit || !(await partnerMaySee(tx, actor, hit.proposal))) throw notFound('提案');
  return { proposal: hit.proposal, ownerTenantId: hit.proposal.tenantId, joint: hit.joint, crossTenant: true };
}

/**
 * On the partner side: staff of the proposal's organ and the office see it; a leader only when he
 * is named on it. Units, proposers and administrators of the partner tenant never do.
 */
export async function partnerMaySee(tx: Executor, actor: Actor, p: ProposalRow): Promise<boolean> {
  if (hasRole(actor, 'office')) return true;
  if (hasRole(actor, 'staff')) {
    const kind = confinedKind(actor);
    if (kind === null || kind === p.kind) return true;
  }
  if (hasRole(actor, 'leader') && actor.leaderId) {
    const [named] = await tx
      .select({ id: keyProposalLeaders.leaderId })
      .from(keyProposalLeaders)
      .where(and(eq(keyProposalLeaders.proposalId, p.id), eq(keyProposalLeaders.leaderId, actor.leaderId)));
    return !!named;
  }
  return false;
}

/** The audit row of a cross-tenant read or write: in the owning tenant's chain, naming the caller's tenant. */
export async function auditCrossTenant(tx: Executor, actor: Actor, ownerTenantId: number, e: { action: string; entityType: string; entityId?: number | null; proposalId?: number | null; after?: Record<string, unknown> }) {
  await writeAudit(tx, { tenantId: ownerTenantId, userId: actor.userId, ip: actor.ip ?? null }, {
    ...e,
    after: { ...(e.after ?? {}), viaTenantId: actor.tenantId, crossTenant: true },
  });
}

/** The tenants whose leaders may be named on a proposal: its own, and its joint partner's. */
export function leaderTenantsOf(t: SupervisionTarget): number[] {
  return t.joint ? [t.ownerTenantId, t.joint.partnerTenantId] : [t.ownerTenantId];
}

/** Checks that every leader id is a leader of one of these tenants; 400 otherwise. */
export async function checkLeaders(tx: Executor, ids: number[], tenantIds: number[], path: string) {
  const unique = [...new Set(ids)];
  if (!unique.length) return;
  const found = await tx.select({ id: leaders.id }).from(leaders).where(and(inArray(leaders.id, unique), inArray(leaders.tenantId, tenantIds)));
  if (found.length !== unique.length) throw invalid(path, '所选督办领导不存在');
}

/** Tenant names by id. */
export async function tenantNames(tx: Executor, ids: number[]): Promise<Map<number, string>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await tx.select({ id: tenants.id, name: tenants.name }).from(tenants).where(inArray(tenants.id, unique));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Leaders with their level's name, as printed. */
export async function leaderBriefs(tx: Executor, ids: number[]): Promise<Map<number, LeaderBrief>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await tx
    .select({ l: leaders, tenantName: tenants.name })
    .from(leaders)
    .innerJoin(tenants, eq(tenants.id, leaders.tenantId))
    .where(inArray(leaders.id, unique));
  return new Map(rows.map(({ l, tenantName }) => [l.id, presentLeaderBrief(l, tenantName)]));
}

export function presentLeaderBrief(l: typeof leaders.$inferSelect, tenantName: string): LeaderBrief {
  return {
    id: l.id,
    name: l.name,
    title: l.title,
    organ: l.organ,
    rank: l.rank,
    tenantId: l.tenantId,
    tenantName,
    printName: leaderPrintName(l, tenantName),
  };
}

export async function proposalBriefs(tx: Executor, ids: number[]): Promise<Map<number, ProposalBrief>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await tx
    .select({ id: proposals.id, tenantId: proposals.tenantId, tenantName: tenants.name, kind: proposals.kind, number: proposals.number, title: proposals.title })
    .from(proposals)
    .innerJoin(tenants, eq(tenants.id, proposals.tenantId))
    .where(inArray(proposals.id, unique));
  return new Map(rows.map((r) => [r.id, r]));
}
