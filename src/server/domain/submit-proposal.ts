import type { Executor } from '../db/client.js';
import type { VersionBody } from '../../shared/schemas/proposal.js';
import type { Actor } from './actor.js';
import { notify, writeAudit } from './audit.js';
import { loadForAction, staffUserIds, updateProposal } from './proposal-access.js';
import { requireLeadProposer, userIdsOfRows } from './proposer-relation.js';
import { enWords, words } from '../../shared/vocabulary.js';

/**
 * The lead proposer submits a draft, or resubmits a proposal returned for revision. While any
 * co-proposer has still to confirm, it waits in 待联名确认; confirmations given before the return
 * still count, and co-proposers who declined no longer do.
 */
export async function submitProposal(tx: Executor, actor: Actor, id: number, input: VersionBody, now: Date) {
  const p = await loadForAction(tx, actor, id, 'submit', input.version);
  const rows = await requireLeadProposer(tx, actor, p, '提交提案');
  const pending = rows.filter((r) => r.position > 0 && r.confirmation === 'pending');
  const status = pending.length ? 'pending_cosign' : 'submitted';
  const next = await updateProposal(tx, p, 'submit', { status, submittedAt: now });
  await writeAudit(tx, actor, { action: 'proposal.submit', entityType: 'proposal', entityId: p.id, proposalId: p.id, before: p, after: next });

  const again = p.status === 'returned' ? '修改后重新' : '';
  if (status === 'pending_cosign') {
    await notify(tx, actor.tenantId, await userIdsOfRows(tx, actor.tenantId, pending), {
      kind: 'proposal.cosign_requested',
      message: words(p.kind)`${actor.displayName}邀请您联名提案「${p.title}」，请确认是否联名`,
      messageEn: `${actor.displayName} invites you to ${p.kind === 'suggestion' ? 'second' : 'co-sign'} ${enWords(p.kind)`proposal “${p.title}”`}; please confirm`,
      proposalId: p.id,
    });
  } else {
    await notify(tx, actor.tenantId, await staffUserIds(tx, actor.tenantId, p.kind), {
      kind: 'proposal.submitted',
      message: words(p.kind)`提案「${p.title}」已${again}提交，请审查`,
      messageEn: enWords(p.kind)`Proposal “${p.title}” was ${again ? 'revised and submitted again' : 'submitted'}; please review it`,
      proposalId: p.id,
    });
  }
  return next;
}
