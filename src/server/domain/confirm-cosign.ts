import { eq } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { proposers } from '../db/schema.js';
import type { CosignBody } from '../../shared/schemas/proposal.js';
import { conflict, forbidden } from '../errors.js';
import type { Actor } from './actor.js';
import { notify, writeAudit } from './audit.js';
import { loadForAction, staffUserIds, updateProposal } from './proposal-access.js';
import { isActorsRow, proposerRows, userIdsOfRows } from './proposer-relation.js';
import { enWords, inWordsOf, words } from '../../shared/vocabulary.js';

/**
 * A co-proposer confirms or declines a joint proposal (联名确认). The proposal row is locked by
 * the guard, so concurrent answers are serialised and exactly one of them sees nobody pending
 * any more and moves the proposal on to 待审查.
 */
export async function answerCosign(tx: Executor, actor: Actor, id: number, input: CosignBody, now: Date) {
  const action = input.decision === 'confirm' ? 'confirm_cosign' : 'decline_cosign';
  const p = await loadForAction(tx, actor, id, action, input.version);
  const rows = await proposerRows(tx, p.id);
  const mine = rows.filter((r) => r.position > 0 && isActorsRow(r, actor));
  const row = mine.find((r) => r.confirmation === 'pending');
  if (!row) {
    if (mine.length === 0) throw forbidden('您不是该提案的联名人，不能确认联名');
    throw conflict(mine[0]!.confirmation === 'confirmed' ? '您已确认联名，不能重复操作' : '您已拒绝联名，不能重复操作');
  }
  const confirmation = input.decision === 'confirm' ? 'confirmed' : 'declined';
  const [after] = await tx.update(proposers).set({ confirmation, confirmedAt: now }).where(eq(proposers.id, row.id)).returning();

  const stillPending = rows.some((r) => r.id !== row.id && r.position > 0 && r.confirmation === 'pending');
  // Only the last answer changes the proposal itself; earlier ones change its proposer list.
  const next = stillPending ? p : await updateProposal(tx, p, action, { status: 'submitted' });
  await writeAudit(tx, actor, {
    action: `proposal.${action}`,
    entityType: 'proposer',
    entityId: row.id,
    proposalId: p.id,
    before: { proposer: row, status: p.status },
    after: { proposer: after, status: next.status, comment: input.comment ?? null },
  });

  const lead = rows.filter((r) => r.position === 0);
  const leadUsers = [p.createdBy, ...(await userIdsOfRows(tx, actor.tenantId, lead))];
  const verb = inWordsOf(p.kind, input.decision === 'confirm' ? '确认联名' : '拒绝联名');
  const why = input.comment ? `：${input.comment}` : '';
  const tail = stillPending ? '' : inWordsOf(p.kind, '，联名确认已完成，提案已提交审查');
  await notify(tx, actor.tenantId, leadUsers, {
    kind: `proposal.${action}`,
    message: words(p.kind)`${actor.displayName}已${verb}提案「${p.title}」${why}${tail}`,
    messageEn: `${actor.displayName} ${input.decision === 'confirm' ? 'confirmed' : 'declined'} ${p.kind === 'suggestion' ? 'seconding' : 'co-signing'} ${enWords(p.kind)`proposal “${p.title}”`}${input.comment ? `: “${input.comment}”` : ''}${stillPending ? '' : enWords(p.kind)`; all co-proposers have answered and the proposal is submitted for review`}`,
    proposalId: p.id,
  });
  if (!stillPending) {
    await notify(tx, actor.tenantId, await staffUserIds(tx, actor.tenantId, p.kind), {
      kind: 'proposal.submitted',
      message: words(p.kind)`提案「${p.title}」已完成联名确认并提交，请审查`,
      messageEn: enWords(p.kind)`Proposal “${p.title}” has all its co-proposers' answers and is submitted; please review it`,
      proposalId: p.id,
    });
  }
  return next;
}
