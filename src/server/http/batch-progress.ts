import type { BatchProgress } from '../../shared/schemas/office.js';

// Progress of the batches running in this process, by user and Idempotency-Key: the screen sends
// the batch with a key and reads GET /batch-progress/:key while the one transaction runs. Kept in
// memory (a transaction's progress cannot be read from the database before it commits) and
// forgotten a while after the batch ends; a server with several processes shows no progress for a
// batch another process runs, which the screen treats as "still working".

const KEEP_MS = 5 * 60_000;
const entries = new Map<string, BatchProgress & { at: number }>();

const keyOf = (userId: number, key: string) => `${userId}:${key}`;

function sweep(now: number) {
  for (const [k, v] of entries) if (now - v.at > KEEP_MS) entries.delete(k);
}

/** A progress callback for the batch use case, or undefined when the request carries no key. */
export function trackBatch(userId: number, key: string | null): ((done: number, total: number) => void) | undefined {
  if (!key) return undefined;
  sweep(Date.now());
  const k = keyOf(userId, key);
  return (done, total) => entries.set(k, { done, total, finished: false, at: Date.now() });
}

/** Marks the batch finished (successfully or not), so a reader stops asking. */
export function finishBatch(userId: number, key: string | null) {
  if (!key) return;
  const k = keyOf(userId, key);
  const e = entries.get(k);
  entries.set(k, { done: e?.done ?? 0, total: e?.total ?? 0, finished: true, at: Date.now() });
}

export function readBatch(userId: number, key: string): BatchProgress | null {
  const e = entries.get(keyOf(userId, key));
  return e ? { done: e.done, total: e.total, finished: e.finished } : null;
}
