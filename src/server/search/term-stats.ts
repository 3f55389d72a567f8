import { sql } from 'drizzle-orm';
import type { Executor } from '../db/client.js';

// Document frequencies for similarity: a word every proposal uses (建议, 工作, 机制 …) says nothing
// about the subject, a word few use says a lot (inverse document frequency). Counted with ts_stat
// over the tenant's most recent SAMPLE search vectors — bounded work whatever the table's size —
// and kept in memory per tenant until proposals are indexed again (or for a while on a busy tenant).

const SAMPLE = 2000;
/** A busy tenant's figures are recounted at most this often after writes. */
const REFRESH_MS = 60_000;
const MAX_AGE_MS = 10 * 60_000;

export interface TermStats {
  /** Vectors counted. */
  n: number;
  df: Map<string, number>;
}

interface Cached extends TermStats {
  builtAt: number;
  generation: number;
}

const generations = new Map<number, number>();
const cache = new WeakMap<object, Map<number, Cached>>();

/** Called by the indexer: the tenant's figures are out of date. */
export function markTermsChanged(tenantId: number): void {
  generations.set(tenantId, (generations.get(tenantId) ?? 0) + 1);
}

export async function termStats(db: Executor, tenantId: number, now = Date.now()): Promise<TermStats> {
  const perDb = cache.get(db) ?? new Map<number, Cached>();
  cache.set(db, perDb);
  const generation = generations.get(tenantId) ?? 0;
  const hit = perDb.get(tenantId);
  if (hit) {
    const age = now - hit.builtAt;
    const stale = hit.generation !== generation;
    // A small tenant is cheap to recount, so it is recounted after every change.
    if (age < MAX_AGE_MS && (!stale || (hit.n >= SAMPLE / 4 && age < REFRESH_MS))) return hit;
  }
  const sample = `select document from proposal_search where tenant_id = ${Math.trunc(tenantId)} order by proposal_id desc limit ${SAMPLE}`;
  const [words, counted] = await Promise.all([
    db.execute(sql`select word, ndoc from ts_stat(${sample}) where left(word, 1) <> '~'`),
    db.execute(sql`select count(*)::int as n from (select 1 from proposal_search where tenant_id = ${tenantId} limit ${SAMPLE}) s`),
  ]);
  const rows = (words as unknown as { rows: { word: string; ndoc: number }[] }).rows;
  const n = Number((counted as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0);
  const built: Cached = { n, df: new Map(rows.map((r) => [r.word, Number(r.ndoc)])), builtAt: now, generation };
  perDb.set(tenantId, built);
  return built;
}

/** Below this many proposals, document frequencies say little: every term weighs the same. */
export const MIN_CORPUS = 50;

/** ln((N+1)/(df+1)): near 0 for a word in every vector, highest for a word in none. */
export function idf(stats: TermStats, term: string): number {
  if (stats.n < MIN_CORPUS) return 1;
  return Math.log((stats.n + 1) / ((stats.df.get(term) ?? 0) + 1));
}
