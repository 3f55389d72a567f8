import { and, eq, inArray } from 'drizzle-orm';
import { enWords, words } from '../../shared/vocabulary.js';
import type { Executor } from '../db/client.js';
import { replies } from '../db/schema.js';
import type { ApproveReplyBody, ReturnReplyBody } from '../../shared/schemas/handling.js';
import { RESULT_CLASSES } from '../../shared/domain.js';
import { invalid } from '../errors.js';
import type { Actor } from './actor.js';
import { notify, writeAudit } from './audit.js';
import { unitName } from './handling-common.js';
import { loadForAction, proposerUserIds, unitUserIds, updateProposal } from './proposal-access.js';
import { roundReplies } from './reply-proposal.js';
import { indexProposal } from '../search/index-proposals.js';

// 答复审核 (the session's reply_review): a reply waits in reply_review until staff or the office
// check it. Approving lets every reply of the round go out to the proposer at once; returning
// sends the named replies back to their units with a reason, and the proposal goes back to the
// units (办理中, or 重新办理 in the second round) until they send them again.

/** 审核通过: the round's replies go out; the proposer is asked to evaluate. */
export async function approveReply(tx: Executor, actor: Actor, id: number, input: ApproveReplyBody, now: Date) {
  const p = await loadForAction(tx, actor, id, 'approve_reply', input.version);
  const pending = [...(await roundReplies(tx, p)).values()].filter((r) => r.status === 'pending_review');
  const approved = pending.length
    ? await tx
        .update(replies)
        .set({ status: 'sent', reviewedBy: actor.userId, reviewedAt: now })
        .where(inArray(replies.id, pending.map((r) => r.id)))
        .returning()
    : [];
  await indexProposal(tx, p.id);
  const next = await updateProposal(tx, p, 'approve_reply', { status: 'replied' });
  await writeAudit(tx, actor, {
    action: 'proposal.approve_reply',
    entityType: 'proposal',
    entityId: p.id,
    proposalId: p.id,
    before: { status: p.status, replies: pending.map((r) => ({ id: r.id, status: r.status })) },
    after: { status: next.status, replies: approved.map((r) => ({ id: r.id, status: r.status })), comment: input.comment || null },
  });
  const lead = approved.find((r) => r.isLead) ?? approved[0];
  await notify(tx, actor.tenantId, await proposerUserIds(tx, p.id), {
    kind: 'proposal.reply',
    message: words(p.kind)`您的提案「${p.title}」已答复${lead ? `（${RESULT_CLASSES.labels[lead.resultClass]}）` : ''}，请对办理工作进行测评`,
    messageEn: enWords(p.kind)`Your proposal “${p.title}” has been replied to${lead ? ` (${RESULT_CLASSES.en[lead.resultClass]})` : ''}; please evaluate the handling`,
    proposalId: p.id,
  });
  await notify(tx, actor.tenantId, await unitUserIds(tx, actor.tenantId, approved.map((r) => r.unitId)), {
    kind: 'proposal.approve_reply',
    message: words(p.kind)`提案「${p.title}」的答复已审核通过，已送提案人`,
    messageEn: enWords(p.kind)`The reply to proposal “${p.title}” was approved and sent to the proposer`,
    proposalId: p.id,
  });
  return next;
}

/** 退回: the named replies (all pending ones when none is named) go back to their units with the reason. */
export async function returnReply(tx: Executor, actor: Actor, id: number, input: ReturnReplyBody, now: Date) {
  const p = await loadForAction(tx, actor, id, 'return_reply', input.version);
  const pending = [...(await roundReplies(tx, p)).values()].filter((r) => r.status === 'pending_review');
  const chosen = input.replyIds?.length ? input.replyIds : pending.map((r) => r.id);
  chosen.forEach((rid, i) => {
    if (!pending.some((r) => r.id === rid)) throw invalid(`body.replyIds.${i}`, '该答复不在待审核之列');
  });
  const returned = await tx
    .update(replies)
    .set({ status: 'returned', reviewComment: input.reason, reviewedBy: actor.userId, reviewedAt: now })
    .where(and(eq(replies.proposalId, p.id), inArray(replies.id, chosen)))
    .returning();
  const next = await updateProposal(tx, p, 'return_reply', { status: p.replySequence > 1 ? 'rehandling' : 'handling' });
  await writeAudit(tx, actor, {
    action: 'proposal.return_reply',
    entityType: 'proposal',
    entityId: p.id,
    proposalId: p.id,
    before: { status: p.status },
    after: { status: next.status, replies: returned.map((r) => ({ id: r.id, unitId: r.unitId, status: r.status })), reason: input.reason },
  });
  for (const r of returned) {
    await notify(tx, actor.tenantId, await unitUserIds(tx, actor.tenantId, [r.unitId]), {
      kind: 'proposal.return_reply',
      message: words(p.kind)`${await unitName(tx, r.unitId)}对提案「${p.title}」的答复被退回修改：${input.reason}`,
      messageEn: enWords(p.kind)`The reply of ${await unitName(tx, r.unitId)} to proposal “${p.title}” was returned for revision: “${input.reason}”`,
      proposalId: p.id,
    });
  }
  return next;
}
