import type { Executor } from '../db/client.js';
import type { WithdrawBody } from '../../shared/schemas/proposal.js';
import type { Actor } from './actor.js';
import { notify, writeAudit } from './audit.js';
import { loadForAction, staffUserIds, updateProposal } from './proposal-access.js';
import { requireLeadProposer, userIdsOfRows } from './proposer-relation.js';
import { enWords, words } from '../../shared/vocabulary.js';

/** The lead proposer withdraws a proposal before staff have decided on it. */
export async function withdrawProposal(tx: Executor, actor: Actor, id: number, input: WithdrawBody) {
  const p = await loadForAction(tx, actor, id, 'withdraw', input.version);
  const rows = await requireLeadProposer(tx, actor, p, '撤回提案');
  const next = await updateProposal(tx, p, 'withdraw', { status: 'withdrawn' });
  await writeAudit(tx, actor, {
    action: 'proposal.withdraw',
    entityType: 'proposal',
    entityId: p.id,
    proposalId: p.id,
    before: p,
    after: { ...next, reason: input.reason ?? null },
  });

  const why = input.reason ? `，理由：${input.reason}` : '';
  const message = words(p.kind)`提案「${p.title}」已由第一提案人撤回${why}`;
  const messageEn = enWords(p.kind)`Proposal “${p.title}” was withdrawn by its lead proposer${input.reason ? `: “${input.reason}”` : ''}`;
  // Co-proposers who were asked to confirm need not any more; staff drop it from their review queue.
  const co = rows.filter((r) => r.position > 0 && r.confirmation !== 'declined');
  if (p.status !== 'draft') {
    await notify(tx, actor.tenantId, await userIdsOfRows(tx, actor.tenantId, co), { kind: 'proposal.withdraw', message, messageEn, proposalId: p.id });
  }
  if (p.status === 'submitted') {
    await notify(tx, actor.tenantId, await staffUserIds(tx, actor.tenantId, p.kind), { kind: 'proposal.withdraw', message, messageEn, proposalId: p.id });
  }
  return next;
}
