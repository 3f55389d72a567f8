import type { Executor } from '../db/client.js';
import type { CloseBody } from '../../shared/schemas/handling.js';
import type { Actor } from './actor.js';
import { notify, writeAudit } from './audit.js';
import { activeAssignments } from './handling-common.js';
import { loadForAction, proposerUserIds, unitUserIds, updateProposal } from './proposal-access.js';
import { enWords, words } from '../../shared/vocabulary.js';

/** 办结 by the committee: ends the follow-up, or closes a reply the proposer never evaluated. */
export async function closeProposal(tx: Executor, actor: Actor, id: number, input: CloseBody, now: Date) {
  const p = await loadForAction(tx, actor, id, 'close', input.version);
  const next = await updateProposal(tx, p, 'close', { status: 'closed', closedAt: now, evaluationOverdue: false });
  await writeAudit(tx, actor, {
    action: 'proposal.close',
    entityType: 'proposal',
    entityId: p.id,
    proposalId: p.id,
    before: p,
    after: { ...next, comment: input.comment ?? null },
  });
  const unitIds = (await activeAssignments(tx, p.id)).map((a) => a.unitId);
  const extra = input.comment ? `：${input.comment}` : '';
  await notify(tx, actor.tenantId, [...(await proposerUserIds(tx, p.id)), ...(await unitUserIds(tx, actor.tenantId, unitIds))], {
    kind: 'proposal.close',
    message: words(p.kind)`提案「${p.title}」已办结${extra}`,
    messageEn: enWords(p.kind)`Proposal “${p.title}” is closed${input.comment ? `: “${input.comment}”` : ''}`,
    proposalId: p.id,
  });
  return next;
}
