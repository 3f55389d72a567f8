import { and, count, eq, getTableColumns, ilike, inArray, ne, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { assignments, bodies, members, proposals, proposers, sessions, units } from '../db/schema.js';
import { STATE_LABELS } from '../../shared/lifecycle.js';
import type { ListProposalsQuery, ProposalListItem, SortField, SortKey } from '../../shared/schemas/proposal-reads.js';
import type { Actor } from './actor.js';
import { summarize } from './present.js';
import { visibleProposals } from './proposal-access.js';
import { objectionWindowsFor } from './office/unit-objection.js';

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

function filters(actor: Actor, q: Omit<ListProposalsQuery, 'page' | 'pageSize'>): SQL[] {
  const where: SQL[] = [visibleProposals(actor)];
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
  if (q.q) {
    const pattern = likePattern(q.q);
    const byText = or(ilike(proposals.title, pattern), ilike(proposals.body, pattern))!;
    const n = numberInQuery(q.q);
    where.push(n === null ? byText : or(byText, eq(proposals.number, n))!);
  }
  return where;
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

function orderBy(keys: SortKey[] | undefined): SQL[] {
  const chosen = keys?.length ? keys : DEFAULT_SORT;
  // NULLS LAST both ways: unnumbered or undated proposals belong at the end, not the top.
  const order = chosen.map((k) => sql`${SORT_COLUMNS[k.field]} ${sql.raw(k.dir)} nulls last`);
  // A unique tie-breaker keeps pages stable when many rows share a sort value.
  order.push(sql`${proposals.id} desc`);
  return order;
}

/**
 * One page of the proposals the actor may see, filtered and sorted, with the names a list shows
 * (session, lead proposer, units). Two queries for the page and the total, then one batched
 * lookup per related table for the page's rows.
 */
export async function listProposals(db: Executor, actor: Actor, q: ListProposalsQuery, today?: string) {
  const where = proposalListWhere(actor, q);
  const [rows, totals] = await Promise.all([
    db
      .select(listColumns)
      .from(proposals)
      .where(where)
      .orderBy(...orderBy(q.sort))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ total: count() }).from(proposals).where(where),
  ]);
  const total = Number(totals[0]?.total ?? 0);
  const items = await presentListRows(db, actor, rows);
  // A unit's inbox says until when it may still ask for a change (申请调整).
  if (today && actor.unitId) {
    const windows = await objectionWindowsFor(db, actor, items.map((i) => i.id), today);
    for (const i of items) i.objectionWindow = windows.get(i.id) ?? null;
  }
  return { items, total, page: q.page, pageSize: q.pageSize };
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
