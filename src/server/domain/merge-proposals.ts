import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { proposals } from '../db/schema.js';
import type { MergeBody } from '../../shared/schemas/proposal.js';
import { conflict } from '../errors.js';
import { MERGE_SIMILARITY_THRESHOLD } from '../../shared/schemas/office.js';
import { pairSimilarity } from './find-similar.js';
import type { Actor } from './actor.js';
import { notify, writeAudit } from './audit.js';
import { loadForAction, proposerUserIds, updateProposal, type ProposalRow } from './proposal-access.js';
import { enWords, words } from '../../shared/vocabulary.js';

/**
 * 并案: staff merge filed proposals on the same subject into one primary, handled and replied as
 * one. The secondaries keep their rows, numbers and proposers and point at the primary. All or
 * nothing: any proposal that fails a check aborts the whole merge.
 */
export async function mergeProposals(tx: Executor, actor: Actor, input: MergeBody) {
  const ids = [input.primaryId, ...input.secondaryIds];
  // Locking in id order keeps two overlapping merges from deadlocking each other.
  const loaded = new Map<number, ProposalRow>();
  for (const id of [...ids].sort((a, b) => a - b)) {
    loaded.set(id, await loadForAction(tx, actor, id, 'merge', input.versions[String(id)]));
  }
  const primary = loaded.get(input.primaryId)!;
  const secondaries = input.secondaryIds.map((id) => loaded.get(id)!);

  const otherSession = secondaries.find((s) => s.sessionId !== primary.sessionId);
  if (otherSession) {
    throw conflict(`第${otherSession.number}号提案与主提案不属于同一届次会议，不能并案`, { proposalId: otherSession.id });
  }
  // A secondary that already heads a merged group would leave its group pointing at a merged row.
  const heads = await tx
    .select({ id: proposals.mergedInto })
    .from(proposals)
    .where(and(eq(proposals.tenantId, actor.tenantId), inArray(proposals.mergedInto, input.secondaryIds)));
  if (heads.length) {
    const head = loaded.get(heads[0]!.id!)!;
    throw conflict(`第${head.number}号提案已有其他提案并入，只能作为主提案`, { proposalId: head.id });
  }

  // Proposals on different subjects are not merged by a slip of the mouse: below the threshold the
  // caller must confirm (the merge screen shows the similarity and asks).
  const scores = await pairSimilarity(tx, actor.tenantId, primary, secondaries);
  const low = secondaries.map((s, i) => ({ id: s.id, number: s.number, score: scores[i]! })).filter((x) => x.score < MERGE_SIMILARITY_THRESHOLD);
  if (low.length && input.confirmLowSimilarity !== true) {
    const first = low[0]!;
    const pct = Math.round(first.score * 100);
    throw conflict(
      low.length === 1 && secondaries.length === 1
        ? `两件提案相似度较低（${pct}%），确认并案？`
        : `第${first.number}号提案与主提案相似度较低（${pct}%）${low.length > 1 ? `等${low.length}件` : ''}，确认并案？`,
      { lowSimilarity: low, threshold: MERGE_SIMILARITY_THRESHOLD },
    );
  }

  const mergedSecondaries: ProposalRow[] = [];
  for (const s of secondaries) {
    const next = await updateProposal(tx, s, 'merge', { status: 'merged', mergedInto: primary.id });
    await writeAudit(tx, actor, { action: 'proposal.merge', entityType: 'proposal', entityId: s.id, proposalId: s.id, before: s, after: next });
    mergedSecondaries.push(next);
  }
  // The primary's group changed: bump its version so that a stale screen cannot act on it.
  const nextPrimary = await updateProposal(tx, primary, 'merge', {});
  await writeAudit(tx, actor, {
    action: 'proposal.merge',
    entityType: 'proposal',
    entityId: primary.id,
    proposalId: primary.id,
    before: primary,
    after: {
      ...nextPrimary,
      merged: secondaries.map((s, i) => ({ id: s.id, number: s.number, similarity: scores[i] })),
      confirmedLowSimilarity: low.length > 0,
    },
  });

  for (const s of secondaries) {
    await notify(tx, actor.tenantId, await proposerUserIds(tx, s.id), {
      kind: 'proposal.merge',
      message: words(s.kind)`您的提案「${s.title}」（第${s.number}号）已并入第${primary.number}号提案「${primary.title}」合并办理，答复将在该提案上给出`,
      messageEn: enWords(s.kind)`Your proposal “${s.title}” (No. ${s.number}) was merged into proposal No. ${primary.number} “${primary.title}”; the reply will be given there`,
      proposalId: s.id,
    });
  }
  return { primary: nextPrimary, secondaries: mergedSecondaries };
}
