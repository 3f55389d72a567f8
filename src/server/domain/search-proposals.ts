import { and, asc, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { followUps, proposalSearch, proposals, replies, sessions } from '../db/schema.js';
import type { SearchItem, SearchPage, SearchQuery } from '../../shared/schemas/search.js';
import type { Actor } from './actor.js';
import { presentListRows, proposalListColumns, proposalListWhere } from './list-proposals.js';
import { queryPieces, toTsQuery, plainText, tenantTsQuery } from '../search/tokenize.js';
import { markAll, openingOf, snippetOf } from '../search/highlight.js';

/** Counted exactly up to this many matches; beyond, the planner's estimate. SEARCH_COUNT_CAP overrides. */
export const DEFAULT_COUNT_CAP = 1000;

/**
 * Ranked among the most recent this many matches (at least cap + 1): ranking reads every ranked
 * vector, and a word most proposals use would otherwise make a search rank the tenant's whole
 * table. A total counted exactly therefore always comes with a ranking of all the matches.
 */
export const RANKED_MATCHES = 1000;

/** The ranked window: SEARCH_RANK_WINDOW overrides (tests), never below cap + 1. */
export function rankWindow(cap: number): number {
  const env = Number(process.env.SEARCH_RANK_WINDOW);
  return Math.max(Number.isInteger(env) && env > 0 ? env : RANKED_MATCHES, cap + 1);
}

export function countCap(): number {
  const env = Number(process.env.SEARCH_COUNT_CAP);
  return Number.isInteger(env) && env > 0 ? env : DEFAULT_COUNT_CAP;
}

/** Two significant figures: an estimate should not pretend to be exact (约 12,000 条). */
export function roundEstimate(n: number): number {
  if (n < 100) return Math.round(n);
  const scale = 10 ** (Math.floor(Math.log10(n)) - 1);
  return Math.round(n / scale) * scale;
}

/** The search condition plus the list filters, under the same visibility as GET /proposals. */
function searchWhere(actor: Actor, q: SearchQuery, tsquery: SQL): SQL {
  const where: SQL[] = [
    proposalListWhere(actor, { sessionId: q.sessionId, kind: q.kind, status: q.status, category: q.category, unitId: q.unitId, isKey: q.isKey }),
    sql`${proposalSearch.document} @@ ${tsquery}`,
  ];
  if (q.year !== undefined) {
    where.push(inArray(proposals.sessionId, sql`(select ${sessions.id} from ${sessions} where ${sessions.tenantId} = ${actor.tenantId} and ${sessions.year} = ${q.year})`));
  }
  if (q.resultClass !== undefined) {
    where.push(
      inArray(proposals.id, sql`(select ${replies.proposalId} from ${replies} where ${replies.tenantId} = ${actor.tenantId} and ${replies.resultClass} = ${q.resultClass} and ${replies.status} = 'sent')`),
    );
  }
  return and(...where)!;
}

/** The row estimate of the planner for the matching rows (EXPLAIN, nothing is read). */
async function estimateRows(db: Executor, where: SQL): Promise<number> {
  const inner = db.select({ one: sql`1` }).from(proposals).innerJoin(proposalSearch, eq(proposalSearch.proposalId, proposals.id)).where(where);
  const res = (await db.execute(sql`explain (format json) ${inner}`)) as unknown as { rows: Record<string, unknown>[] };
  const raw = Object.values(res.rows[0] ?? {})[0];
  const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan?: { 'Plan Rows'?: number } }[];
  return Number(plan[0]?.Plan?.['Plan Rows'] ?? 0);
}

/**
 * 全文检索: ranked matches of the text query among the proposals the actor may see, with the list
 * filters, a highlighted title and snippet per item, and a total that is exact up to the cap and
 * an estimate beyond it (so that a common word does not make the page count a million rows).
 */
export async function searchProposals(db: Executor, actor: Actor, q: SearchQuery, cap = countCap()): Promise<SearchPage> {
  const text = toTsQuery(q.q);
  const empty = { items: [], total: 0, totalIsEstimate: false, rankedUpTo: 0, page: q.page, pageSize: q.pageSize };
  if (!text) return empty;
  const tsquery = sql`to_tsquery('simple', ${text})`;
  // The tenant's lexeme ANDed in lets the GIN scan skip the other tenants' matches (tokenize.ts).
  const where = searchWhere(actor, q, sql`(${tsquery} && ${tenantTsQuery(actor.tenantId)}::tsquery)`);
  // The rank leaves the lexeme out: it has no position, and the scores stay those of the words.
  const rank = sql<number>`ts_rank(${proposalSearch.document}, ${tsquery})`;
  const matching = () => db.select({ id: proposals.id }).from(proposals).innerJoin(proposalSearch, eq(proposalSearch.proposalId, proposals.id)).where(where);

  // One scan of the matches serves both the ranking and the capped count: the most recent ones,
  // at least cap + 1 so that the count tells whether the cap was passed.
  const window = rankWindow(cap);
  const start = (q.page - 1) * q.pageSize;
  const end = start + q.pageSize;
  const ranked = db.$with('ranked').as(matching().orderBy(desc(proposals.id)).limit(window));
  const rankedRows =
    start < window
      ? await db
          .with(ranked)
          .select({ ...proposalListColumns, body: proposals.body, rank, matched: sql<number>`(select count(*) from ${ranked})` })
          .from(proposals)
          .innerJoin(proposalSearch, eq(proposalSearch.proposalId, proposals.id))
          .where(inArray(proposals.id, db.select({ id: ranked.id }).from(ranked)))
          .orderBy(desc(rank), desc(proposals.updatedAt), desc(proposals.id))
          .limit(Math.min(end, window) - start)
          .offset(start)
      : [];
  // Matches older than the ranked window follow it newest first, so that every page of the
  // reported total can be reached (the window is the first `window` matches in this same order).
  const tailFrom = Math.max(start, window);
  const tailRows =
    end > window && (start >= window || rankedRows.length === window - start)
      ? await db
          .select({ ...proposalListColumns, body: proposals.body, rank, matched: sql<number>`0` })
          .from(proposals)
          .innerJoin(proposalSearch, eq(proposalSearch.proposalId, proposals.id))
          .where(where)
          .orderBy(desc(proposals.id))
          .limit(end - tailFrom)
          .offset(tailFrom)
      : [];
  const rows = [...rankedRows, ...tailRows];
  // A page without a ranked row has no row to carry the count.
  const counted = rankedRows.length ? rankedRows[0]!.matched : (await db.select({ n: count() }).from(matching().limit(cap + 1).as('capped')))[0]?.n;
  let total = Number(counted ?? 0);
  let totalIsEstimate = false;
  if (total > cap) {
    // Estimated without the lexeme: the planner would count the tenant's share twice (tenant_id and lexeme).
    total = Math.max(roundEstimate(await estimateRows(db, searchWhere(actor, q, tsquery))), cap);
    totalIsEstimate = true;
  }
  const rankedUpTo = Math.min(window, total);
  if (!rows.length) return { ...empty, total, totalIsEstimate, rankedUpTo };

  const pieces = queryPieces(q.q);
  const items = await presentListRows(db, actor, rows.map(({ body: _b, rank: _r, matched: _m, ...r }) => r));
  const snippets = new Map<number, string>();
  const unmatched: number[] = [];
  for (const r of rows) {
    const s = snippetOf(plainText(r.body), pieces);
    if (s) snippets.set(r.id, s);
    else unmatched.push(r.id);
  }
  // The match may be in a reply or a follow-up only: show that passage instead.
  if (unmatched.length) {
    const extra = [
      ...(await db.select({ id: replies.proposalId, body: replies.body }).from(replies).where(and(inArray(replies.proposalId, unmatched), eq(replies.status, 'sent'))).orderBy(asc(replies.id))),
      ...(await db.select({ id: followUps.proposalId, body: followUps.body }).from(followUps).where(inArray(followUps.proposalId, unmatched)).orderBy(asc(followUps.id))),
    ];
    for (const e of extra) {
      if (snippets.has(e.id)) continue;
      const s = snippetOf(plainText(e.body), pieces);
      if (s) snippets.set(e.id, s);
    }
  }
  const byId = new Map(rows.map((r) => [r.id, r]));
  const out: SearchItem[] = items.map((item) => {
    const r = byId.get(item.id)!;
    return {
      ...item,
      rank: Number(r.rank),
      titleHighlight: markAll(r.title, pieces),
      snippet: snippets.get(r.id) ?? openingOf(plainText(r.body)),
    };
  });
  return { items: out, total, totalIsEstimate, rankedUpTo, page: q.page, pageSize: q.pageSize };
}
