import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { proposals } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import type { Actor } from '../actor.js';
import { visibleProposals, type ProposalRow } from '../proposal-access.js';

/** Told after each proposal of a batch: how many are done out of how many. */
export type OnProgress = (done: number, total: number) => void;

export interface BatchStep<I> {
  item: I & { id: number };
  /** Position in the request (0-based): the order chosen on screen. */
  index: number;
}

/**
 * Runs one use case per proposal of a batch inside the route's single transaction. Any refusal
 * stops the batch with an error naming the proposal (「第3项 第12号「……」立案失败：……」), and since
 * the error leaves the transaction, nothing of the batch is saved. `lock` runs first over every
 * item in id order, so two overlapping batches take their row locks in the same order and cannot
 * deadlock; `run` then goes through the items in the order of the request.
 */
export async function runBatch<I extends { id: number }>(
  tx: Executor,
  actor: Actor,
  verb: string,
  items: I[],
  steps: { lock: (step: BatchStep<I>) => Promise<unknown>; run: (step: BatchStep<I>) => Promise<ProposalRow> },
  onProgress?: OnProgress,
): Promise<ProposalRow[]> {
  const all = items.map((item, index) => ({ item, index }));
  for (const step of [...all].sort((a, b) => a.item.id - b.item.id)) await named(tx, actor, verb, step, () => steps.lock(step));
  const out: ProposalRow[] = [];
  onProgress?.(0, all.length);
  for (const step of all) {
    out.push(await named(tx, actor, verb, step, () => steps.run(step)));
    onProgress?.(out.length, all.length);
  }
  return out;
}

async function named<I extends { id: number }, T>(tx: Executor, actor: Actor, verb: string, step: BatchStep<I>, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    const label = await labelOf(tx, actor, step.item.id);
    throw new AppError(e.code, `第${step.index + 1}项（${label}）${verb}失败：${e.message}，本批次均未${verb}`, {
      proposalId: step.item.id,
      index: step.index,
      cause: e.details,
    });
  }
}

/** 第12号「关于……的建议」 for a proposal the actor may see; only the id for one they may not. */
async function labelOf(tx: Executor, actor: Actor, id: number): Promise<string> {
  // The refusals are AppErrors thrown before any failing statement, so the transaction is still usable.
  const [p] = await tx
    .select({ number: proposals.number, title: proposals.title })
    .from(proposals)
    .where(and(eq(proposals.id, id), visibleProposals(actor)));
  if (!p) return `提案ID ${id}`;
  return `${p.number ? `第${p.number}号` : '未编号'}「${p.title}」`;
}
