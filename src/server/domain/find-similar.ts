import { and, desc, eq, inArray, ne, notInArray, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { assignments, proposalSearch, proposals, replies, sessions, taskLists, tasks, taskUnits, units } from '../db/schema.js';
import { STATE_LABELS } from '../../shared/lifecycle.js';
import type { ProposalKind } from '../../shared/domain.js';
import type { SimilarDraftBody, SimilarDraftResult, SimilarProposal } from '../../shared/schemas/search.js';
import { hasRole, type Actor } from './actor.js';
import { getVisibleProposal, getVisibleSession, visibleProposals } from './proposal-access.js';
import { anyOf, plainText, tenantTsQuery, termCounts, topTerms } from '../search/tokenize.js';
import { idf, MIN_CORPUS, termStats, type TermStats } from '../search/term-stats.js';

// 相似提案 and 承办单位/重点工作 suggestions. Two steps, so that the work stays bounded whatever the
// size of the table: the GIN index finds the proposals sharing the draft's most distinctive terms
// and ts_rank keeps the best CANDIDATES; those few are then scored in JS by the cosine of their
// term vectors, each term weighted by its inverse document frequency in the tenant (term-stats.ts)
// so that the words every proposal uses count for nothing and the subject's words count most.

const CANDIDATES = 40;
const QUERY_TERMS = 16;
const TOP = 5;
/** Below this a "similar" proposal shares words but not the subject (scripts/similar-quality.ts). */
const MIN_SCORE = 0.25;
/**
 * Each side of a suggestion is compared by its KEY_TERMS heaviest terms only (its subject). On the
 * whole vectors a long draft in the member's own words scored every proposal below MIN_SCORE: its
 * many words found nowhere else made its norm large and every cosine small, so a full body found
 * nothing that its title alone found (scripts/similar-quality.ts, "typed drafts").
 */
const KEY_TERMS = 12;
/** A title term counts as much as this many occurrences in the body. */
const TITLE_BOOST = 3;
/**
 * A term in more than this share of the tenant's proposals does not look for candidates (it still
 * counts in the score): its posting list is long to read and says little about the subject.
 */
const MAX_QUERY_DF = 0.05;
const MIN_QUERY_TERMS = 4;

interface Draft {
  title: string;
  body: string;
}

export interface Scored {
  id: number;
  score: number;
}

/** What the actor may be shown as similar: what they may see, plus what is public anyway. */
function similarScope(actor: Actor): SQL {
  return and(
    or(visibleProposals(actor), and(eq(proposals.tenantId, actor.tenantId), eq(proposals.published, true)))!,
    eq(proposals.tenantId, actor.tenantId),
    ne(proposals.status, 'draft'),
  )!;
}

/** Title and body terms in one vector, the title's boosted. */
function termsOf(d: Draft): Map<string, number> {
  const out = termCounts(plainText(d.body));
  for (const [t, n] of termCounts(d.title)) out.set(t, (out.get(t) ?? 0) + TITLE_BOOST * n);
  return out;
}

/** sqrt(tf) × idf: repetition counts less, common words not at all. */
function weigh(terms: Map<string, number>, stats: TermStats): Map<string, number> {
  const out = new Map<string, number>();
  for (const [t, n] of terms) {
    const w = Math.sqrt(n) * idf(stats, t);
    if (w > 0) out.set(t, w);
  }
  return out;
}

function cosine(a: Map<string, number>, b: Map<string, number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [t, x] of a) {
    na += x * x;
    const y = b.get(t);
    if (y) dot += x * y;
  }
  for (const y of b.values()) nb += y * y;
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

/** The `k` heaviest terms of a weighted vector. */
function keyTerms(weighted: Map<string, number>, k = KEY_TERMS): Map<string, number> {
  return new Map([...weighted].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).slice(0, k));
}

/** Whether a term is in too many of the tenant's proposals to look for candidates with (never on a small corpus). */
function tooCommon(stats: TermStats, term: string): boolean {
  return stats.n >= MIN_CORPUS && (stats.df.get(term) ?? 0) > MAX_QUERY_DF * stats.n;
}

/**
 * The heaviest terms that are not too common; when fewer than MIN_QUERY_TERMS are left (a short
 * draft of common words), the heaviest common ones make up the number, so that something is found.
 */
function queryTerms(weighted: Map<string, number>, stats: TermStats): string[] {
  const ranked = topTerms(weighted, weighted.size);
  const out = ranked.filter((t) => !tooCommon(stats, t)).slice(0, QUERY_TERMS);
  for (const t of ranked) {
    if (out.length >= MIN_QUERY_TERMS) break;
    if (!out.includes(t)) out.push(t);
  }
  return out;
}

/**
 * How alike two proposals are (0–1): the idf-weighted cosine of title and body over the whole
 * vectors, for two given proposals (the merge screen shows it and asks for a confirmation below
 * MERGE_SIMILARITY_THRESHOLD). Whole vectors, not key terms: a merge is of the same matter, not
 * only the same subject.
 */
export async function pairSimilarity(db: Executor, tenantId: number, a: Draft, others: Draft[]): Promise<number[]> {
  const stats = await termStats(db, tenantId);
  const mine = weigh(termsOf(a), stats);
  return others.map((o) => Math.round(cosine(mine, weigh(termsOf(o), stats)) * 100) / 100);
}

/** Candidates by the index, scored by idf-weighted cosine; best first, at most `limit`. */
export async function scoreSimilar(db: Executor, actor: Actor, draft: Draft, opts: { exclude?: number[]; limit?: number; kind?: ProposalKind } = {}): Promise<Scored[]> {
  const stats = await termStats(db, actor.tenantId);
  // Only terms some proposal has can find anything (or say anything about the likeness); on a tiny
  // corpus every term weighs the same and all are kept.
  const known = new Map([...weigh(termsOf(draft), stats)].filter(([t]) => stats.n < MIN_CORPUS || stats.df.has(t)));
  const mine = keyTerms(known);
  const query = anyOf(queryTerms(known, stats));
  if (!query) return [];
  const tsquery = sql`to_tsquery('simple', ${query})`;
  // The tenant's lexeme ANDed in lets the GIN scan skip the other tenants' proposals (tokenize.ts).
  const where: SQL[] = [similarScope(actor), sql`${proposalSearch.document} @@ (${tsquery} && ${tenantTsQuery(actor.tenantId)}::tsquery)`];
  if (opts.exclude?.length) where.push(notInArray(proposals.id, opts.exclude));
  // A proposal is merged with proposals, a deputy's suggestion with suggestions.
  if (opts.kind) where.push(eq(proposals.kind, opts.kind));
  const rows = await db
    .select({ id: proposals.id, title: proposals.title, body: proposals.body })
    .from(proposals)
    .innerJoin(proposalSearch, eq(proposalSearch.proposalId, proposals.id))
    .where(and(...where))
    .orderBy(desc(sql`ts_rank(${proposalSearch.document}, ${tsquery})`), desc(proposals.id))
    .limit(CANDIDATES);
  return rows
    .map((r) => ({ id: r.id, score: cosine(mine, keyTerms(weigh(termsOf(r), stats))) }))
    .filter((s) => s.score >= MIN_SCORE)
    .sort((a, b) => b.score - a.score || b.id - a.id)
    .slice(0, opts.limit ?? TOP);
}

/** Status, session, lead unit and latest reply of the scored proposals, in score order. */
async function present(db: Executor, actor: Actor, scored: Scored[]): Promise<SimilarProposal[]> {
  if (!scored.length) return [];
  const ids = scored.map((s) => s.id);
  const [rows, leads, answers] = await Promise.all([
    db
      .select({ id: proposals.id, sessionId: proposals.sessionId, title: proposals.title, status: proposals.status, number: proposals.number, category: proposals.category, mergedInto: proposals.mergedInto, published: proposals.published, sessionName: sessions.name, year: sessions.year })
      .from(proposals)
      .innerJoin(sessions, eq(sessions.id, proposals.sessionId))
      .where(and(eq(proposals.tenantId, actor.tenantId), inArray(proposals.id, ids))),
    db
      .select({ proposalId: assignments.proposalId, name: units.name })
      .from(assignments)
      .innerJoin(units, eq(units.id, assignments.unitId))
      .where(and(inArray(assignments.proposalId, ids), eq(assignments.role, 'lead'), ne(assignments.status, 'removed'))),
    db
      .select({ proposalId: replies.proposalId, resultClass: replies.resultClass, replyDate: replies.replyDate, sequence: replies.sequence, isLead: replies.isLead })
      .from(replies)
      .where(inArray(replies.proposalId, ids))
      .orderBy(desc(replies.sequence), desc(replies.isLead), desc(replies.id)),
  ]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const leadOf = new Map(leads.map((l) => [l.proposalId, l.name]));
  const answerOf = new Map<number, (typeof answers)[number]>();
  for (const a of answers) if (!answerOf.has(a.proposalId)) answerOf.set(a.proposalId, a);
  return scored.flatMap((s) => {
    const r = byId.get(s.id);
    if (!r) return [];
    const a = answerOf.get(s.id);
    return [{ ...r, statusLabel: STATE_LABELS[r.status], score: Math.round(s.score * 100) / 100, leadUnitName: leadOf.get(s.id) ?? null, resultClass: a?.resultClass ?? null, repliedOn: a?.replyDate ?? null }];
  });
}

/** Proposals like this one, leaving out itself and the proposals merged with it (either way). */
export async function similarToProposal(db: Executor, actor: Actor, id: number): Promise<{ proposals: SimilarProposal[] }> {
  const p = await getVisibleProposal(db, actor, id);
  const primary = p.mergedInto ?? p.id;
  const group = await db
    .select({ id: proposals.id })
    .from(proposals)
    .where(and(eq(proposals.tenantId, actor.tenantId), or(eq(proposals.id, primary), eq(proposals.mergedInto, primary))));
  const exclude = [p.id, ...group.map((g) => g.id)];
  return { proposals: await present(db, actor, await scoreSimilar(db, actor, p, { exclude, kind: p.kind })) };
}

/** For a draft being written or reviewed: similar proposals, the units that led them, related key tasks. */
export async function similarToDraft(db: Executor, actor: Actor, input: SimilarDraftBody): Promise<SimilarDraftResult> {
  if (input.title.trim().length + input.body.trim().length < 4) return { proposals: [], units: [], tasks: [] };
  // A session the actor may not see (another tenant's, or the other organ's for staff) is 404.
  const session = input.sessionId ? await getVisibleSession(db, actor, input.sessionId) : undefined;
  const scored = await scoreSimilar(db, actor, input, { exclude: input.excludeId ? [input.excludeId] : [], limit: 20, kind: session?.kind });
  const [list, unitCounts, related] = await Promise.all([
    present(db, actor, scored.slice(0, TOP)),
    hasRole(actor, 'staff', 'office') ? suggestUnits(db, actor, scored) : Promise.resolve([]),
    relatedTasks(db, actor, input),
  ]);
  return { proposals: list, units: unitCounts, tasks: related };
}

/** The units that led the similar proposals already assigned: top 3 by how often (then by similarity). */
async function suggestUnits(db: Executor, actor: Actor, scored: Scored[]) {
  if (!scored.length) return [];
  const scoreOf = new Map(scored.map((s) => [s.id, s.score]));
  const leads = await db
    .select({ proposalId: assignments.proposalId, unitId: units.id, unitName: units.name })
    .from(assignments)
    .innerJoin(units, eq(units.id, assignments.unitId))
    .where(and(eq(assignments.tenantId, actor.tenantId), inArray(assignments.proposalId, [...scoreOf.keys()]), eq(assignments.role, 'lead'), ne(assignments.status, 'removed')));
  const tally = new Map<number, { unitId: number; unitName: string; count: number; weight: number }>();
  for (const l of leads) {
    const t = tally.get(l.unitId) ?? { unitId: l.unitId, unitName: l.unitName, count: 0, weight: 0 };
    t.count += 1;
    t.weight += scoreOf.get(l.proposalId) ?? 0;
    tally.set(l.unitId, t);
  }
  return [...tally.values()]
    .sort((a, b) => b.count - a.count || b.weight - a.weight)
    .slice(0, 3)
    .map(({ unitId, unitName, count }) => ({ unitId, unitName, count }));
}

/** Key tasks of the tenant's active lists whose text shares the draft's subject terms. */
async function relatedTasks(db: Executor, actor: Actor, draft: Draft) {
  const key = new Map(termCounts(draft.title));
  for (const t of topTerms(termCounts(plainText(draft.body)), 20)) key.set(t, (key.get(t) ?? 0) + 1);
  if (!key.size) return [];
  // A tenant's active lists hold a few hundred tasks; the cap keeps a pathological one bounded.
  const rows = await db
    .select({ taskId: tasks.id, text: tasks.text, leaderName: tasks.leaderName, listTitle: taskLists.title })
    .from(tasks)
    .innerJoin(taskLists, eq(taskLists.id, tasks.listId))
    .where(and(eq(tasks.tenantId, actor.tenantId), eq(taskLists.status, 'active')))
    .orderBy(desc(taskLists.year), tasks.groupOrder, tasks.seq)
    .limit(3000);
  const scored = rows
    .map((r) => {
      const terms = termCounts(r.text);
      const hits = [...terms.keys()].filter((t) => key.has(t)).length;
      return { ...r, hits, score: terms.size ? hits / Math.sqrt(terms.size * Math.min(key.size, 20)) : 0 };
    })
    .filter((r) => r.hits >= 2 && r.score >= 0.15)
    .sort((a, b) => b.score - a.score || a.taskId - b.taskId)
    .slice(0, 3);
  if (!scored.length) return [];
  const unitRows = await db
    .select({ taskId: taskUnits.taskId, name: units.name, isLead: taskUnits.isLead })
    .from(taskUnits)
    .innerJoin(units, eq(units.id, taskUnits.unitId))
    .where(inArray(taskUnits.taskId, scored.map((s) => s.taskId)))
    .orderBy(taskUnits.position);
  return scored.map((s) => {
    const mine = unitRows.filter((u) => u.taskId === s.taskId);
    const leads = mine.some((u) => u.isLead) ? mine.filter((u) => u.isLead) : mine;
    return { taskId: s.taskId, listTitle: s.listTitle, leaderName: s.leaderName, text: s.text, leadUnitNames: leads.map((u) => u.name), score: Math.round(s.score * 100) / 100 };
  });
}
