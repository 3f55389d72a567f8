import { and, asc, eq, gt, inArray, isNotNull, ne } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { assignments, proposals, replies, units } from '../db/schema.js';
import type { Category, ResultClass, UnitRole } from '../../shared/domain.js';
import { namedProposersOf } from './document-facts.js';
import { groupBy } from './list-proposals.js';

export interface CompilationEntry {
  id: number;
  number: number;
  title: string;
  category: Category;
  body: string;
  proposers: string[];
  /** Set on a merged secondary: the number of the proposal it is handled with. */
  mergedIntoNumber: number | null;
  units: { name: string; role: UnitRole }[];
  /** Every reply on the proposal (lead, 分办, and after 重新办理), oldest first. */
  replies: { unitName: string; sequence: number; resultClass: ResultClass; documentNo: string | null; replyDate: string; body: string }[];
}

/**
 * Every filed proposal of the session in number order with its replies, read in batches by
 * number (keyset), so that a session of a thousand proposals never sits in one result set.
 */
export async function* compilationBatches(tx: Executor, tenantId: number, sessionId: number, batchSize = 200): AsyncGenerator<CompilationEntry[]> {
  let after = 0;
  const numberOf = new Map<number, number>();
  for (;;) {
    const rows = await tx
      .select({ id: proposals.id, number: proposals.number, title: proposals.title, category: proposals.category, body: proposals.body, mergedInto: proposals.mergedInto })
      .from(proposals)
      .where(
        and(
          eq(proposals.tenantId, tenantId),
          eq(proposals.sessionId, sessionId),
          eq(proposals.reviewDecision, 'filed'),
          isNotNull(proposals.number),
          gt(proposals.number, after),
        ),
      )
      .orderBy(asc(proposals.number))
      .limit(batchSize);
    if (rows.length === 0) return;
    after = rows[rows.length - 1]!.number!;
    for (const r of rows) numberOf.set(r.id, r.number!);
    const ids = rows.map((r) => r.id);
    // A secondary is merged into a proposal filed before it, so its number is usually known; ask otherwise.
    const missing = [...new Set(rows.map((r) => r.mergedInto).filter((m): m is number => m !== null && !numberOf.has(m)))];
    const [names, unitRows, replyRows, primaries] = await Promise.all([
      namedProposersOf(tx, tenantId, ids),
      tx
        .select({ proposalId: assignments.proposalId, name: units.name, role: assignments.role })
        .from(assignments)
        .innerJoin(units, eq(units.id, assignments.unitId))
        .where(and(eq(assignments.tenantId, tenantId), inArray(assignments.proposalId, ids), ne(assignments.status, 'removed')))
        .orderBy(asc(assignments.proposalId), asc(assignments.position), asc(assignments.id)),
      tx
        .select({
          proposalId: replies.proposalId,
          unitName: units.name,
          sequence: replies.sequence,
          resultClass: replies.resultClass,
          documentNo: replies.documentNo,
          replyDate: replies.replyDate,
          body: replies.body,
          isLead: replies.isLead,
        })
        .from(replies)
        .innerJoin(units, eq(units.id, replies.unitId))
        // The compilation prints what went out: not a reply waiting for 答复审核 or returned.
        .where(and(eq(replies.tenantId, tenantId), inArray(replies.proposalId, ids), eq(replies.status, 'sent')))
        .orderBy(asc(replies.proposalId), asc(replies.sequence), asc(replies.replyDate), asc(replies.id)),
      missing.length
        ? tx.select({ id: proposals.id, number: proposals.number }).from(proposals).where(and(eq(proposals.tenantId, tenantId), inArray(proposals.id, missing)))
        : [],
    ]);
    for (const p of primaries) if (p.number !== null) numberOf.set(p.id, p.number);
    const unitsOf = groupBy(unitRows, (u) => u.proposalId);
    const repliesOf = groupBy(replyRows, (r) => r.proposalId);
    yield rows.map((r) => ({
      id: r.id,
      number: r.number!,
      title: r.title,
      category: r.category,
      body: r.body,
      proposers: (names.get(r.id) ?? []).map((n) => n.name),
      mergedIntoNumber: r.mergedInto === null ? null : (numberOf.get(r.mergedInto) ?? null),
      units: (unitsOf.get(r.id) ?? []).map((u) => ({ name: u.name, role: u.role })),
      replies: (repliesOf.get(r.id) ?? []).map(({ proposalId: _p, isLead: _l, ...x }) => x),
    }));
  }
}
