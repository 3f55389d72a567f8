import { and, count, eq } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { keyProposalLeaders, supervisionActivities } from '../db/schema.js';
import { conflict } from '../errors.js';
import type { Actor } from './actor.js';
import { notify, writeAudit } from './audit.js';
import { leaderUserIds, loadForAction, updateProposal } from './proposal-access.js';
import { enWords, words } from '../../shared/vocabulary.js';

/**
 * 取消重点提案: undoes a designation made by mistake. Once leaders have supervised (an activity is
 * on record) the designation is history and stays.
 */
export async function unkeyProposal(tx: Executor, actor: Actor, id: number, input: { version: number }) {
  const p = await loadForAction(tx, actor, id, 'designate_key', input.version);
  if (!p.isKey) throw conflict('该提案不是重点提案，无需取消');
  const [activities] = await tx
    .select({ n: count() })
    .from(supervisionActivities)
    .where(and(eq(supervisionActivities.tenantId, actor.tenantId), eq(supervisionActivities.proposalId, p.id)));
  if (activities!.n > 0) throw conflict('该重点提案已有督办活动记录，不能取消重点提案');

  const told = await leaderUserIds(tx, p.id);
  await tx.delete(keyProposalLeaders).where(and(eq(keyProposalLeaders.tenantId, actor.tenantId), eq(keyProposalLeaders.proposalId, p.id)));
  const next = await updateProposal(tx, p, 'designate_key', { isKey: false });
  await writeAudit(tx, actor, {
    action: 'proposal.unkey',
    entityType: 'proposal',
    entityId: p.id,
    proposalId: p.id,
    before: { isKey: true, version: p.version },
    after: { isKey: false, version: next.version },
  });
  await notify(tx, actor.tenantId, told, {
    kind: 'proposal.unkey',
    message: words(p.kind)`提案「${p.title}」已取消重点提案，无需再督办`,
    messageEn: enWords(p.kind)`Proposal “${p.title}” is no longer a key proposal and needs no more supervision`,
    proposalId: p.id,
  });
  return next;
}
