import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db, Executor } from '../db/client.js';
import { followUps, proposalSearch, proposals, replies } from '../db/schema.js';
import { documentTokens, plainText, tenantLexeme } from './tokenize.js';
import { markTermsChanged } from './term-stats.js';

// Keeps proposal_search current: the use cases that change a proposal's title, body, replies or
// follow-ups call indexProposals in their own transaction; the demo seed calls it once per batch;
// the server start fills the rows that are missing (databases from before the search existed).

const BATCH = 200;

/** The weighted tsvector expression of one proposal's texts, plus its tenant's lexeme (no position). */
function documentSql(tenantId: number, title: string, body: string, extra: string): ReturnType<typeof sql> {
  const t = (s: string) => documentTokens(plainText(s)).join(' ');
  return sql`setweight(to_tsvector('simple', ${t(title)}), 'A') || setweight(to_tsvector('simple', ${t(body)}), 'B') || setweight(to_tsvector('simple', ${t(extra)}), 'C') || array_to_tsvector(array[${tenantLexeme(tenantId)}::text])`;
}

/** Recomputes the search rows of these proposals from their current texts (one statement per batch). */
export async function indexProposals(tx: Executor, ids: number[]): Promise<void> {
  const unique = [...new Set(ids)];
  for (let i = 0; i < unique.length; i += BATCH) {
    const chunk = unique.slice(i, i + BATCH);
    // One after another: inside a transaction the three reads share one connection, and pg
    // refuses (from v9) a query sent while another is still running on the same client.
    const rows = await tx.select({ id: proposals.id, tenantId: proposals.tenantId, title: proposals.title, body: proposals.body }).from(proposals).where(inArray(proposals.id, chunk));
    // Only replies that went out: one waiting for 答复审核 is not searchable yet (approval re-indexes).
    const replyRows = await tx.select({ proposalId: replies.proposalId, body: replies.body }).from(replies).where(and(inArray(replies.proposalId, chunk), eq(replies.status, 'sent'))).orderBy(asc(replies.id));
    const followRows = await tx.select({ proposalId: followUps.proposalId, body: followUps.body }).from(followUps).where(inArray(followUps.proposalId, chunk)).orderBy(asc(followUps.id));
    if (!rows.length) continue;
    for (const t of new Set(rows.map((r) => r.tenantId))) markTermsChanged(t);
    const extra = new Map<number, string[]>();
    for (const r of [...replyRows, ...followRows]) extra.set(r.proposalId, [...(extra.get(r.proposalId) ?? []), r.body]);
    await tx
      .insert(proposalSearch)
      .values(
        rows.map((r) => ({
          proposalId: r.id,
          tenantId: r.tenantId,
          document: documentSql(r.tenantId, r.title, r.body, (extra.get(r.id) ?? []).join('\n')) as unknown as string,
        })),
      )
      .onConflictDoUpdate({ target: proposalSearch.proposalId, set: { document: sql`excluded.document`, updatedAt: sql`now()` } });
  }
}

/** Convenience for a use case that changed one proposal. */
export const indexProposal = (tx: Executor, id: number) => indexProposals(tx, [id]);

/**
 * Indexes proposals that have no search row yet, in batches; returns how many. One anti-join
 * over the two primary keys when there is nothing to do. Refreshes the planner's statistics
 * afterwards: the count estimate of a search reads them, and PGlite has no autovacuum.
 */
export async function backfillSearch(db: Db): Promise<number> {
  let done = 0;
  for (;;) {
    const missing = await db
      .select({ id: proposals.id })
      .from(proposals)
      .leftJoin(proposalSearch, eq(proposalSearch.proposalId, proposals.id))
      .where(isNull(proposalSearch.proposalId))
      .orderBy(asc(proposals.id))
      .limit(BATCH * 5);
    if (!missing.length) break;
    await db.transaction((tx) => indexProposals(tx, missing.map((m) => m.id)));
    done += missing.length;
  }
  if (done) await analyzeSearch(db);
  return done;
}

/** ANALYZE of the tables a search reads, so that the count estimate reflects the data. */
export async function analyzeSearch(db: Executor): Promise<void> {
  await db.execute(sql`analyze proposal_search`);
  await db.execute(sql`analyze proposals`);
}
