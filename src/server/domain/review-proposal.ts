import { eq } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { sessions } from '../db/schema.js';
import type { ReviewBody } from '../../shared/schemas/proposal.js';
import { CONVERSIONS } from '../../shared/domain.js';
import type { Actor } from './actor.js';
import { notify, writeAudit } from './audit.js';
import { loadForAction, proposerUserIds, updateProposal } from './proposal-access.js';
import { enWords, words } from '../../shared/vocabulary.js';

/**
 * Committee staff decide on a submission: 立案 gives it the session's next number, 不立案 records
 * the reason and the conversion (来信 / 社情民意), 退回修改 sends it back to the proposer.
 */
export async function reviewProposal(tx: Executor, actor: Actor, id: number, input: ReviewBody, now: Date) {
  const action = input.decision;
  const p = await loadForAction(tx, actor, id, action, input.version);
  let next;
  if (input.decision === 'file') {
    // The session row lock serialises numbering: two staff filing at once get distinct numbers.
    const [s] = await tx.select().from(sessions).where(eq(sessions.id, p.sessionId)).for('no key update');
    const number = s!.lastNumber + 1;
    await tx.update(sessions).set({ lastNumber: number }).where(eq(sessions.id, s!.id));
    next = await updateProposal(tx, p, action, {
      status: 'filed',
      number,
      reviewDecision: 'filed',
      reviewReason: null,
      reviewComment: input.comment ?? null,
      conversion: null,
      reviewedAt: now,
    });
  } else if (input.decision === 'reject') {
    next = await updateProposal(tx, p, action, {
      status: 'not_filed',
      reviewDecision: 'not_filed',
      reviewReason: input.reason,
      reviewComment: input.comment ?? null,
      conversion: input.conversion,
      reviewedAt: now,
    });
  } else {
    next = await updateProposal(tx, p, action, {
      status: 'returned',
      reviewDecision: 'returned',
      reviewReason: input.reason,
      reviewComment: input.comment,
      reviewedAt: now,
    });
  }
  await writeAudit(tx, actor, { action: `proposal.${action}`, entityType: 'proposal', entityId: p.id, proposalId: p.id, before: p, after: next });
  const message =
    input.decision === 'file'
      ? words(p.kind)`您的提案「${p.title}」已立案，编号第${next.number}号`
      : input.decision === 'reject'
        ? words(p.kind)`您的提案「${p.title}」不予立案，${CONVERSIONS.labels[input.conversion]}`
        : words(p.kind)`您的提案「${p.title}」被退回修改：${input.comment}`;
  const messageEn =
    input.decision === 'file'
      ? enWords(p.kind)`Your proposal “${p.title}” was filed as No. ${next.number}`
      : input.decision === 'reject'
        ? enWords(p.kind)`Your proposal “${p.title}” was not filed; it is ${CONVERSIONS.en[input.conversion]}`
        : enWords(p.kind)`Your proposal “${p.title}” was returned for revision: “${input.comment}”`;
  await notify(tx, actor.tenantId, await proposerUserIds(tx, p.id), { kind: `proposal.${action}`, message, messageEn, proposalId: p.id });
  return next;
}
