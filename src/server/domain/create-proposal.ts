import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { bodies, members, proposals, proposers, sessions } from '../db/schema.js';
import type { CreateProposalBody } from '../../shared/schemas/proposal.js';
import type { ProposalKind } from '../../shared/domain.js';
import { forbidden, invalid } from '../errors.js';
import type { Actor } from './actor.js';
import { writeAudit } from './audit.js';
import { hasRole } from './actor.js';
import { cleanBody } from './rich-text.js';
import { indexProposal } from '../search/index-proposals.js';

/** A member or a body starts a proposal as a draft; co-proposers are invited on submission. */
export async function createProposal(tx: Executor, actor: Actor, input: CreateProposalBody) {
  if (!hasRole(actor, 'member', 'group')) throw forbidden();
  const lead = actor.memberId ? { memberId: actor.memberId } : actor.bodyId ? { bodyId: actor.bodyId } : null;
  if (!lead) throw forbidden('当前账户未关联委员或团体，不能提出提案');
  const [session] = await tx
    .select()
    .from(sessions)
    .where(and(eq(sessions.id, input.sessionId), eq(sessions.tenantId, actor.tenantId)));
  if (!session) throw invalid('body.sessionId', '届次会议不存在');
  if (session.kind !== input.kind) throw invalid('body.kind', '类型与届次会议不符');
  await checkMemberKind(tx, actor, session.kind);
  await checkCoProposers(tx, actor, input.coProposers, lead, session.kind);

  const [p] = await tx
    .insert(proposals)
    .values({
      tenantId: actor.tenantId,
      sessionId: session.id,
      kind: input.kind,
      title: input.title,
      body: cleanBody(input.body),
      category: input.category,
      submittedDuring: input.submittedDuring,
      status: 'draft',
      createdBy: actor.userId,
    })
    .returning();
  await writeProposers(tx, actor.tenantId, p!.id, lead, input.coProposers);
  await indexProposal(tx, p!.id);
  await writeAudit(tx, actor, { action: 'proposal.create', entityType: 'proposal', entityId: p!.id, proposalId: p!.id, after: p });
  return p!;
}

type ProposerRef = { memberId?: number; bodyId?: number };

/**
 * The organs are apart: a CPPCC member (委员) writes 政协提案, an NPC deputy (代表) 代表建议, each in
 * their own organ's sessions.
 */
async function checkMemberKind(tx: Executor, actor: Actor, kind: ProposalKind) {
  if (!actor.memberId) return;
  const [m] = await tx.select({ kind: members.kind }).from(members).where(eq(members.id, actor.memberId));
  if (m && m.kind !== kind) {
    throw invalid('body.sessionId', m.kind === 'suggestion' ? '人大代表只能在人大会议中提出代表建议' : '政协委员只能在政协会议中提出提案');
  }
}

/** Co-proposers must exist in the tenant, appear once, not repeat the lead, and be of the item's organ. */
export async function checkCoProposers(tx: Executor, actor: Actor, co: ProposerRef[], lead: ProposerRef, kind?: ProposalKind) {
  const key = (p: ProposerRef) => (p.memberId ? `m${p.memberId}` : `b${p.bodyId}`);
  const seen = new Set([key(lead)]);
  co.forEach((p, i) => {
    if (seen.has(key(p))) throw invalid(`body.coProposers.${i}`, '联名人重复或与第一提案人相同');
    seen.add(key(p));
  });
  const memberIds = co.flatMap((p) => (p.memberId ? [p.memberId] : []));
  const bodyIds = co.flatMap((p) => (p.bodyId ? [p.bodyId] : []));
  if (memberIds.length) {
    const found = await tx.select({ id: members.id, kind: members.kind }).from(members).where(and(inArray(members.id, memberIds), eq(members.tenantId, actor.tenantId)));
    if (found.length !== memberIds.length) throw invalid('body.coProposers', kind === 'suggestion' ? '附议代表不存在' : '联名委员不存在');
    if (kind && found.some((m) => m.kind !== kind)) throw invalid('body.coProposers', kind === 'suggestion' ? '附议代表须为人大代表' : '联名委员须为政协委员');
  }
  if (bodyIds.length) {
    const found = await tx.select({ id: bodies.id }).from(bodies).where(and(inArray(bodies.id, bodyIds), eq(bodies.tenantId, actor.tenantId)));
    if (found.length !== bodyIds.length) throw invalid('body.coProposers', '联名团体不存在');
  }
}

export async function writeProposers(tx: Executor, tenantId: number, proposalId: number, lead: ProposerRef, co: ProposerRef[]) {
  await tx.insert(proposers).values([
    { tenantId, proposalId, position: 0, memberId: lead.memberId ?? null, bodyId: lead.bodyId ?? null, confirmation: 'lead' as const },
    ...co.map((p, i) => ({
      tenantId,
      proposalId,
      position: i + 1,
      memberId: p.memberId ?? null,
      bodyId: p.bodyId ?? null,
      confirmation: 'pending' as const,
    })),
  ]);
}
