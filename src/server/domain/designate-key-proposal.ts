import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { keyProposalLeaders, leaders } from '../db/schema.js';
import type { DesignateKeyBody } from '../../shared/schemas/key-proposals.js';
import { invalid } from '../errors.js';
import type { Actor } from './actor.js';
import { notify, writeAudit } from './audit.js';
import { loadForAction, updateProposal } from './proposal-access.js';
import { enWords, words } from '../../shared/vocabulary.js';

/**
 * 确定重点提案: committee staff make a proposal a key proposal and name its supervising leaders,
 * or none yet (key proposals are often published before their leaders are named: 督办领导待定).
 * Designating again replaces the set of leaders; newly named leaders are told.
 */
export async function designateKeyProposal(tx: Executor, actor: Actor, id: number, input: DesignateKeyBody) {
  const p = await loadForAction(tx, actor, id, 'designate_key', input.version);
  const leaderIds = [...new Set(input.leaderIds)];
  const found = leaderIds.length
    ? await tx
        .select({ id: leaders.id, userId: leaders.userId })
        .from(leaders)
        .where(and(eq(leaders.tenantId, actor.tenantId), inArray(leaders.id, leaderIds)))
    : [];
  if (found.length !== leaderIds.length) throw invalid('body.leaderIds', '所选督办领导不存在');

  // Only this level's leaders are replaced: the parent's leaders on a jointly supervised proposal
  // (两级联合督办) are the parent's to name.
  const before = await tx
    .select({ leaderId: keyProposalLeaders.leaderId })
    .from(keyProposalLeaders)
    .innerJoin(leaders, eq(leaders.id, keyProposalLeaders.leaderId))
    .where(and(eq(keyProposalLeaders.tenantId, actor.tenantId), eq(keyProposalLeaders.proposalId, p.id), eq(leaders.tenantId, actor.tenantId)));
  const previous = new Set(before.map((r) => r.leaderId));
  if (previous.size) await tx.delete(keyProposalLeaders).where(and(eq(keyProposalLeaders.tenantId, actor.tenantId), eq(keyProposalLeaders.proposalId, p.id), inArray(keyProposalLeaders.leaderId, [...previous])));
  if (leaderIds.length) await tx.insert(keyProposalLeaders).values(leaderIds.map((leaderId) => ({ tenantId: actor.tenantId, proposalId: p.id, leaderId })));
  const next = await updateProposal(tx, p, 'designate_key', { isKey: true });

  await writeAudit(tx, actor, {
    action: 'proposal.designate_key',
    entityType: 'proposal',
    entityId: p.id,
    proposalId: p.id,
    before: { isKey: p.isKey, version: p.version, leaderIds: [...previous] },
    after: { isKey: true, version: next.version, leaderIds, note: input.note ?? null },
  });
  const added = found.filter((l) => !previous.has(l.id)).flatMap((l) => (l.userId ? [l.userId] : []));
  const label = words(p.kind)`${p.number ? `第${p.number}号` : ''}提案`;
  await notify(tx, actor.tenantId, added, {
    kind: 'proposal.designate_key',
    message: words(p.kind)`${label}「${p.title}」已确定为重点提案，请您领衔督办${input.note ? `。说明：${input.note}` : ''}`,
    messageEn: enWords(p.kind)`Proposal${p.number ? ` No. ${p.number}` : ''} “${p.title}” is now a key proposal; please lead its supervision${input.note ? `. Note: “${input.note}”` : ''}`,
    proposalId: p.id,
  });
  return next;
}
