import { and, count, eq, getTableColumns, ilike, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { assignments, bodies, members, proposalSearch, proposals, proposers, sessions, units } from '../db/schema.js';
import { STATE_LABELS } from '../../shared/lifecycle.js';
import type { ListProposalsQuery, ProposalListItem, SortField, SortKey } from '../../shared/schemas/proposal-reads.js';
import type { Actor } from './actor.js';
import { summarize } from './present.js';
import { visibleProposals } from './proposal-access.js';
import { objectionWindowsFor } from './office/unit-objection.js';
import { invalid } from '../errors.js';
import { tenantTsQuery, toTsQuery } from '../search/tokenize.js';

const SORT_COLUMNS = {
  number: proposals.number,
  submittedAt: proposals.submittedAt,
  updatedAt: proposals.updatedAt,
  deadline: proposals.deadline,
  title: proposals.title,
} satisfies Record<SortField, unknown>;

const DEFAULT_SORT: SortKey[] = [{ field: 'updatedAt', dir: 'desc' }];

// The page never carries the proposal text: it can be tens of thousands of characters.
const { body: _body, ...listColumns } = getTableColumns(proposals);

/** Escapes LIKE metacharacters so that a query for "100%" matches the text "100%". */
export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Assignment statuses that keep a proposal visible to the unit (proposal-access.ts: all but removed). */
const LIVE = (statuses: readonly string[] | undefined) => !!statuses?.length && !statuses.includes('removed');

function filters(actor: Actor, q: Omit<ListProposalsQuery, 'page' | 'pageSize'>): SQL[] {
  // A unit's own inbox: the unit filter below (its live assignments in this tenant) already implies what
  // the unit may see, so the same assignments are not joined twice (the inbox's count reads them once).
  const ownInbox = actor.roles.length === 1 && actor.roles[0] === 'unit' && actor.unitId !== null && q.unitId === actor.unitId && (!q.unitAssignmentStatus?.length || LIVE(q.unitAssignmentStatus));
  const where: SQL[] = [ownInbox ? eq(proposals.tenantId, actor.tenantId) : visibleProposals(actor)];
  if (q.sessionId !== undefined) where.push(eq(proposals.sessionId, q.sessionId));
  if (q.kind !== undefined) where.push(eq(proposals.kind, q.kind));
  if (q.status?.length) where.push(inArray(proposals.status, q.status));
  if (q.category !== undefined) where.push(eq(proposals.category, q.category));
  if (q.isKey !== undefined) where.push(eq(proposals.isKey, q.isKey));
  if (q.overdue !== undefined) where.push(eq(proposals.overdue, q.overdue));
  if (q.dueSoon !== undefined) where.push(eq(proposals.dueSoon, q.dueSoon));
  if (q.unitId !== undefined) {
    const wanted = q.unitAssignmentStatus?.length ? inArray(assignments.status, q.unitAssignmentStatus) : sql`${assignments.status} <> 'removed'`;
    where.push(
      inArray(
        proposals.id,
        sql`(select ${assignments.proposalId} from ${assignments} where ${assignments.tenantId} = ${actor.tenantId} and ${assignments.unitId} = ${q.unitId} and ${wanted})`,
      ),
    );
  }
  const who: SQL[] = [];
  if (q.memberId !== undefined) who.push(eq(proposers.memberId, q.memberId));
  if (q.bodyId !== undefined) who.push(eq(proposers.bodyId, q.bodyId));
  for (const w of who) {
    where.push(
      inArray(
        proposals.id,
        sql`(select ${proposers.proposalId} from ${proposers} where ${proposers.tenantId} = ${actor.tenantId} and ${w} and ${proposers.confirmation} <> 'declined')`,
      ),
    );
  }
  if (q.q) where.push(textMatch(actor, q.q));
  return where;
}

/**
 * Queries this short (in characters) also look in titles by substring, as the box always did: one
 * character, or two Latin letters or digits (the index finds words by their start only). Longer
 * queries leave it out: a substring test reads every title of the tenant.
 */
const isShortQuery = (text: string) => {
  const chars = [...text.trim()];
  return chars.length <= 1 || (chars.length <= 2 && /^[\p{Script=Latin}\p{N}]+$/u.test(text.trim()));
};

/**
 * The list's search box: the full-text index (proposal_search, the same tokens as 全文检索: the title,
 * the body, and the sent replies and follow-ups), ANDed with the tenant's lexeme so that the GIN scan
 * reads only this tenant's postings. A number ("12", "第12号") also finds that number; a short query
 * (isShortQuery) or one without searchable characters also matches titles by substring. Not limited to
 * the title and body by weight: a weight makes PostgreSQL recheck every match against its whole vector
 * (read from TOAST), which doubled the time at 100k proposals.
 */
function textMatch(actor: Actor, text: string): SQL {
  const any: SQL[] = [];
  const ts = toTsQuery(text);
  if (ts) {
    any.push(
      inArray(
        proposals.id,
        sql`(select ${proposalSearch.proposalId} from ${proposalSearch} where ${proposalSearch.document} @@ (to_tsquery('simple', ${ts}) && ${tenantTsQuery(actor.tenantId)}::tsquery))`,
      ),
    );
  }
  const n = numberInQuery(text);
  if (n !== null) any.push(eq(proposals.number, n));
  if (!ts || isShortQuery(text)) any.push(ilike(proposals.title, likePattern(text.trim())));
  return or(...any)!;
}

/** The proposal number a search box was given ("12", "第12号"), or null for anything else. */
export function numberInQuery(q: string): number | null {
  const m = /^\s*第?\s*(\d{1,6})\s*号?\s*$/.exec(q);
  return m ? Number(m[1]) : null;
}

/** The WHERE of GET /proposals (visibility and filters), shared with the .xlsx export of the same list. */
export function proposalListWhere(actor: Actor, q: Omit<ListProposalsQuery, 'page' | 'pageSize'>): SQL {
  return and(...filters(actor, q))!;
}

/** The ORDER BY of GET /proposals, shared with the export. */
export const proposalListOrder = (keys: SortKey[] | undefined): SQL[] => orderBy(keys);

/**
 * How each sort field orders, written so that an index of migration 0012 serves it (PostgreSQL matches
 * NULLS FIRST/LAST exactly): the tie-breaker id follows the direction of the last key; a NOT NULL column
 * may say either, so it says what its index reads; a nullable one keeps NULLS LAST both ways (unnumbered
 * or undated proposals belong at the end, not the top) and has an index per direction.
 */
const NOT_NULL: Partial<Record<SortField, { asc: string; desc: string }>> = {
  // proposals_listed_updated (updated_at DESC NULLS LAST, id DESC), forwards and backwards.
  updatedAt: { asc: 'asc nulls first', desc: 'desc nulls last' },
  // proposals_listed_title (title, id), forwards and backwards.
  title: { asc: 'asc', desc: 'desc' },
};

function orderBy(keys: SortKey[] | undefined): SQL[] {
  const chosen = keys?.length ? keys : DEFAULT_SORT;
  const order = chosen.map((k) => sql`${SORT_COLUMNS[k.field]} ${sql.raw(NOT_NULL[k.field]?.[k.dir] ?? `${k.dir} nulls last`)}`);
  // A unique tie-breaker keeps pages stable when many rows share a sort value.
  order.push(sql`${proposals.id} ${sql.raw(chosen.at(-1)!.dir)}`);
  return order;
}

// ——— keyset paging ———
// A deep page by OFFSET reads and throws away every row before it (page 2,000 of a province's list:
// 40,000 rows). With a cursor (the sort value and id of the last row shown) the next page starts at
// that point in the index. Offered for the orders of a NOT NULL column (the default latest-change
// order and the title), where a row comparison is one index range; the others page by OFFSET.

const KEYSET_FIELDS: Partial<Record<SortField, 'timestamptz' | 'text'>> = { updatedAt: 'timestamptz', title: 'text' };

/** The one sort key a keyset can follow, or null (several keys, or a nullable column). */
function keysetKey(keys: SortKey[] | undefined): SortKey | null {
  const chosen = keys?.length ? keys : DEFAULT_SORT;
  return chosen.length === 1 && KEYSET_FIELDS[chosen[0]!.field] ? chosen[0]! : null;
}

/** A timestamptz as PostgreSQL writes it ('2026-11-23 10:00:00.123456+08'). */
const TIMESTAMP = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[ T]([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,6})?([+-]\d{2}(:?\d{2})?|Z)$/;

interface Cursor {
  value: string;
  id: number;
}

function encodeCursor(key: SortKey, value: string, id: number): string {
  return Buffer.from(JSON.stringify([`${key.field}:${key.dir}`, value, id]), 'utf8').toString('base64url');
}

/** The cursor of `?after=`, checked against the current sort: a cursor of another order is refused (400). */
function decodeCursor(text: string, key: SortKey | null): Cursor {
  const bad = () => invalid('query.after', '分页游标无效或与当前排序不符，请回到第一页');
  if (!key) throw bad();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) throw bad();
  const [sortText, value, id] = parsed as unknown[];
  if (sortText !== `${key.field}:${key.dir}` || typeof value !== 'string' || value.length > 300 || value.includes('\u0000')) throw bad();
  if (typeof id !== 'number' || !Number.isInteger(id) || id < 1 || id > 2_147_483_647) throw bad();
  if (KEYSET_FIELDS[key.field] === 'timestamptz' && !TIMESTAMP.test(value)) throw bad();
  return { value, id };
}

/** The rows after the cursor in the list's order: one row comparison, served by the sort's index. */
function afterRow(key: SortKey, c: Cursor): SQL {
  const col = SORT_COLUMNS[key.field];
  const value = KEYSET_FIELDS[key.field] === 'timestamptz' ? sql`${c.value}::timestamptz` : sql`${c.value}`;
  return key.dir === 'desc' ? sql`(${col}, ${proposals.id}) < (${value}, ${c.id})` : sql`(${col}, ${proposals.id}) > (${value}, ${c.id})`;
}

/** Counted exactly up to this many rows; beyond, the planner's estimate (约 N 条). LIST_COUNT_CAP overrides. */
export const DEFAULT_LIST_COUNT_CAP = 10_000;

export function listCountCap(): number {
  const env = Number(process.env.LIST_COUNT_CAP);
  return Number.isInteger(env) && env > 0 ? env : DEFAULT_LIST_COUNT_CAP;
}

/** Two significant figures: an estimate should not pretend to be exact (约 12,000 条). */
export function roundEstimate(n: number): number {
  if (n < 100) return Math.round(n);
  const scale = 10 ** (Math.floor(Math.log10(n)) - 1);
  return Math.round(n / scale) * scale;
}

/**
 * The number of rows matching `where`: exact up to the cap (a count that stops at cap + 1 rows, from
 * the index alone where it can), the planner's estimate beyond it, never below the cap.
 */
export async function countListed(db: Executor, where: SQL, cap = listCountCap()): Promise<{ total: number; totalIsExact: boolean }> {
  const capped = db.select({ one: sql`1` }).from(proposals).where(where).limit(cap + 1).as('capped');
  const [row] = await db.select({ n: count() }).from(capped);
  const n = Number(row?.n ?? 0);
  if (n <= cap) return { total: n, totalIsExact: true };
  const res = (await db.execute(sql`explain (format json) ${db.select({ one: sql`1` }).from(proposals).where(where)}`)) as unknown as { rows: Record<string, unknown>[] };
  const raw = Object.values(res.rows[0] ?? {})[0];
  const plan = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { Plan?: { 'Plan Rows'?: number } }[];
  return { total: Math.max(roundEstimate(Number(plan[0]?.Plan?.['Plan Rows'] ?? 0)), cap), totalIsExact: false };
}

/**
 * One page of the proposals the actor may see, filtered and sorted, with the names a list shows
 * (session, lead proposer, units). Two queries for the page and the total, then one batched
 * lookup per related table for the page's rows.
 */
export async function listProposals(db: Executor, actor: Actor, q: ListProposalsQuery, today?: string) {
  const where = proposalListWhere(actor, q);
  const key = keysetKey(q.sort);
  const cursor = q.after !== undefined ? decodeCursor(q.after, key) : null;
  const [found, { total, totalIsExact }] = await Promise.all([
    db
      .select({ ...listColumns, cursorValue: key ? sql<string>`${SORT_COLUMNS[key.field]}::text` : sql<null>`null` })
      .from(proposals)
      .where(cursor && key ? and(where, afterRow(key, cursor)) : where)
      .orderBy(...orderBy(q.sort))
      .limit(q.pageSize)
      .offset(cursor ? 0 : (q.page - 1) * q.pageSize),
    countListed(db, where),
  ]);
  const last = found.at(-1);
  const nextCursor = key && last && found.length === q.pageSize ? encodeCursor(key, String(last.cursorValue), last.id) : null;
  const rows = found.map(({ cursorValue: _c, ...r }) => r);
  const items = await presentListRows(db, actor, rows);
  // A unit's inbox says until when it may still ask for a change (申请调整).
  if (today && actor.unitId) {
    const windows = await objectionWindowsFor(db, actor, items.map((i) => i.id), today);
    for (const i of items) i.objectionWindow = windows.get(i.id) ?? null;
  }
  return { items, total, totalIsExact, nextCursor, page: q.page, pageSize: q.pageSize };
}

/** The list columns of `proposals` (everything but the body). */
export const proposalListColumns = listColumns;

/**
 * Turns a page of proposal rows into list items with the names a list shows (session, lead
 * proposer, units): one batched lookup per related table. Shared with full-text search.
 */
export async function presentListRows(db: Executor, actor: Actor, rows: Omit<typeof proposals.$inferSelect, 'body'>[]): Promise<ProposalListItem[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const sessionIds = [...new Set(rows.map((r) => r.sessionId))];
  const [sessionRows, proposerRows, assignmentRows] = await Promise.all([
    db.select({ id: sessions.id, name: sessions.name }).from(sessions).where(inArray(sessions.id, sessionIds)),
    db
      .select({
        proposalId: proposers.proposalId,
        position: proposers.position,
        confirmation: proposers.confirmation,
        memberName: members.name,
        bodyName: bodies.name,
      })
      .from(proposers)
      .leftJoin(members, eq(members.id, proposers.memberId))
      .leftJoin(bodies, eq(bodies.id, proposers.bodyId))
      .where(and(eq(proposers.tenantId, actor.tenantId), inArray(proposers.proposalId, ids)))
      .orderBy(proposers.proposalId, proposers.position),
    db
      .select({ proposalId: assignments.proposalId, role: assignments.role, unitName: units.name })
      .from(assignments)
      .innerJoin(units, eq(units.id, assignments.unitId))
      .where(
        and(eq(assignments.tenantId, actor.tenantId), inArray(assignments.proposalId, ids), ne(assignments.status, 'removed')),
      )
      .orderBy(assignments.proposalId, assignments.position, assignments.id),
  ]);

  const sessionName = new Map(sessionRows.map((s) => [s.id, s.name]));
  const proposersOf = groupBy(proposerRows, (p) => p.proposalId);
  const unitsOf = groupBy(assignmentRows, (a) => a.proposalId);
  return rows.map((r): ProposalListItem => {
    const mine = proposersOf.get(r.id) ?? [];
    const lead = mine.find((p) => p.position === 0);
    const units = unitsOf.get(r.id) ?? [];
    return {
      ...summarize({ ...r, body: '' }),
      statusLabel: STATE_LABELS[r.status],
      sessionName: sessionName.get(r.sessionId) ?? '',
      leadProposerName: lead ? (lead.memberName ?? lead.bodyName) : null,
      proposerCount: mine.filter((p) => p.confirmation !== 'declined').length,
      leadUnitName: units.find((a) => a.role === 'lead')?.unitName ?? null,
      coUnitNames: units.filter((a) => a.role === 'co').map((a) => a.unitName),
      separateUnitNames: units.filter((a) => a.role === 'separate').map((a) => a.unitName),
    };
  });
}

export function groupBy<T, K>(rows: T[], key: (row: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = out.get(k);
    if (list) list.push(row);
    else out.set(k, [row]);
  }
  return out;
}
