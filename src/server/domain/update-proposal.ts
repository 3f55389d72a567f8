import { and, eq, gt } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { proposers } from '../db/schema.js';
import type { UpdateProposalBody } from '../../shared/schemas/proposal.js';
import type { Actor } from './actor.js';
import { writeAudit } from './audit.js';
import { checkCoProposers } from './create-proposal.js';
import { loadForAction, updateProposal } from './proposal-access.js';
import { requireLeadProposer, type ProposerRow } from './proposer-relation.js';
import { cleanBody } from './rich-text.js';
import { indexProposal } from '../search/index-proposals.js';

const refKey = (r: { memberId?: number | null; bodyId?: number | null }) => (r.memberId ? `m${r.memberId}` : `b${r.bodyId}`);

/**
 * The lead proposer edits a draft or a proposal returned for revision. A new list of co-proposers
 * replaces the old one; a co-proposer kept on the list keeps a confirmation already given, so
 * that a returned proposal need not be confirmed again by everyone.
 */
export async function updateProposalContent(tx: Executor, actor: Actor, id: number, input: UpdateProposalBody) {
  const p = await loadForAction(tx, actor, id, 'edit', input.version);
  const rows = await requireLeadProposer(tx, actor, p, '修改提案');
  const lead = rows.find((r) => r.position === 0)!;

  let coAfter: ProposerRow[] | undefined;
  if (input.coProposers) {
    const leadRef = lead.memberId ? { memberId: lead.memberId } : { bodyId: lead.bodyId! };
    await checkCoProposers(tx, actor, input.coProposers, leadRef, p.kind);
    const previous = new Map(rows.filter((r) => r.position > 0).map((r) => [refKey(r), r]));
    await tx.delete(proposers).where(and(eq(proposers.proposalId, p.id), gt(proposers.position, 0)));
    coAfter = input.coProposers.length
      ? await tx
          .insert(proposers)
          .values(
            input.coProposers.map((c, i) => {
              const before = previous.get(refKey(c));
              const kept = before?.confirmation === 'confirmed';
              return {
                tenantId: p.tenantId,
                proposalId: p.id,
                position: i + 1,
                memberId: c.memberId ?? null,
                bodyId: c.bodyId ?? null,
                // Listing again someone who declined is a new invitation.
                confirmation: kept ? ('confirmed' as const) : ('pending' as const),
                confirmedAt: kept ? before.confirmedAt : null,
              };
            }),
          )
          .returning()
      : [];
  }

  const next = await updateProposal(tx, p, 'edit', {
    ...(input.title !== undefined && { title: input.title }),
    ...(input.body !== undefined && { body: cleanBody(input.body) }),
    ...(input.category !== undefined && { category: input.category }),
    ...(input.submittedDuring !== undefined && { submittedDuring: input.submittedDuring }),
  });
  if (input.title !== undefined || input.body !== undefined) await indexProposal(tx, p.id);
  await writeAudit(tx, actor, {
    action: 'proposal.edit',
    entityType: 'proposal',
    entityId: p.id,
    proposalId: p.id,
    before: coAfter ? { ...p, coProposers: rows.filter((r) => r.position > 0) } : p,
    after: coAfter ? { ...next, coProposers: coAfter } : next,
  });
  return next;
}
