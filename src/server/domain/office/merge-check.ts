import type { Executor } from '../../db/client.js';
import { MERGE_SIMILARITY_THRESHOLD, type MergeCheck } from '../../../shared/schemas/office.js';
import type { Actor } from '../actor.js';
import { pairSimilarity } from '../find-similar.js';
import { getVisibleProposal } from '../proposal-access.js';

/**
 * 并案相似度: how alike each proposal to merge is to the primary, for the merge screen, which asks
 * for an explicit confirmation below the threshold (the merge itself refuses without it).
 */
export async function mergeCheck(db: Executor, actor: Actor, primaryId: number, secondaryIds: number[]): Promise<MergeCheck> {
  const primary = await getVisibleProposal(db, actor, primaryId);
  const others = [];
  for (const id of secondaryIds.filter((x) => x !== primaryId)) others.push(await getVisibleProposal(db, actor, id));
  const scores = await pairSimilarity(db, actor.tenantId, primary, others);
  return {
    threshold: MERGE_SIMILARITY_THRESHOLD,
    items: others.map((o, i) => ({ id: o.id, number: o.number, score: scores[i]!, low: scores[i]! < MERGE_SIMILARITY_THRESHOLD })),
  };
}
