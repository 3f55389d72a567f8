import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { assignments, proposals, replies, sessions, units } from '../../db/schema.js';
import { UNIT_ROLES } from '../../../shared/domain.js';
import { isOverdueNow } from '../compute-figures.js';
import type { Actor } from '../actor.js';
import { writeAudit } from '../audit.js';
import { groupBy } from '../list-proposals.js';
import { visibleProposals } from '../proposal-access.js';
import { proposerNamesOf } from '../proposal-facts.js';
import { invalid } from '../../errors.js';
import { chinaDay } from '../../clock.js';

const LIMIT = 5000;

export interface OverdueRow {
  number: number | null;
  sessionName: string;
  title: string;
  proposers: string;
  leadUnits: string;
  coUnits: string;
  assignedAt: string | null;
  deadline: string;
  daysOverdue: number;
  lastReminded: string | null;
  owing: string;
}

/**
 * 逾期清单 for 批量催办: the proposals still with the units past their deadline on `today` (the
 * deadline day itself is not late, as in the figures), most overdue first, with who still owes a
 * reply and when they were last reminded. Visibility is the list's own, so an organ's staff get
 * only their organ's items. An export, so it leaves an audit row.
 */
export async function readOverdueList(tx: Executor, actor: Actor, sessionId: number | undefined, today: string): Promise<OverdueRow[]> {
  const where = and(
    visibleProposals(actor),
    inArray(proposals.status, ['assigned', 'handling', 'rehandling']),
    sql`${proposals.deadline} < ${today}`,
    sessionId === undefined ? undefined : eq(proposals.sessionId, sessionId),
  );
  const rows = await tx
    .select({ id: proposals.id, number: proposals.number, title: proposals.title, status: proposals.status, deadline: proposals.deadline, assignedAt: proposals.assignedAt, replySequence: proposals.replySequence, sessionName: sessions.name })
    .from(proposals)
    .innerJoin(sessions, eq(sessions.id, proposals.sessionId))
    .where(where)
    .orderBy(asc(proposals.deadline), asc(proposals.number), asc(proposals.id))
    .limit(LIMIT + 1);
  if (rows.length > LIMIT) throw invalid('query', `逾期提案超过${LIMIT}件，请按届次导出`);
  const ids = rows.map((r) => r.id);
  // One query after another: inside a transaction they share one connection.
  const names = await proposerNamesOf(tx, actor.tenantId, ids);
  const unitRows = ids.length
    ? await tx
        .select({ proposalId: assignments.proposalId, unitId: assignments.unitId, role: assignments.role, name: units.name, remindedAt: assignments.remindedAt })
        .from(assignments)
        .innerJoin(units, eq(units.id, assignments.unitId))
        .where(and(eq(assignments.tenantId, actor.tenantId), inArray(assignments.proposalId, ids), ne(assignments.status, 'removed')))
        .orderBy(asc(assignments.proposalId), asc(assignments.position), asc(assignments.id))
    : [];
  const replyRows = ids.length
    ? await tx.select({ proposalId: replies.proposalId, unitId: replies.unitId, sequence: replies.sequence }).from(replies).where(and(eq(replies.tenantId, actor.tenantId), inArray(replies.proposalId, ids)))
    : [];
  const unitsOf = groupBy(unitRows, (u) => u.proposalId);
  const repliedOf = groupBy(replyRows, (r) => r.proposalId);
  const out = rows
    .filter((r) => isOverdueNow({ status: r.status, deadline: r.deadline }, today))
    .map((r): OverdueRow => {
      const us = unitsOf.get(r.id) ?? [];
      const replied = new Set((repliedOf.get(r.id) ?? []).filter((x) => x.sequence === r.replySequence).map((x) => x.unitId));
      const reminded = us.map((u) => u.remindedAt).filter((d): d is Date => d !== null).sort((a, b) => b.getTime() - a.getTime())[0];
      return {
        number: r.number,
        sessionName: r.sessionName,
        title: r.title,
        proposers: (names.get(r.id) ?? []).map((n) => n.name).join('、'),
        leadUnits: us.filter((u) => u.role !== 'co').map((u) => u.name).join('、'),
        coUnits: us.filter((u) => u.role === 'co').map((u) => u.name).join('、'),
        assignedAt: r.assignedAt,
        deadline: r.deadline!,
        daysOverdue: Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${r.deadline}T00:00:00Z`)) / 86_400_000),
        lastReminded: reminded ? chinaDay(reminded) : null,
        // Co-units send opinions, not replies; a 分办 unit that has answered owes nothing more.
        owing: us.filter((u) => u.role !== 'co' && !replied.has(u.unitId)).map((u) => `${u.name}（${UNIT_ROLES.labels[u.role]}）`).join('、'),
      };
    });
  await writeAudit(tx, actor, { action: 'proposal.export_overdue', entityType: 'export', after: { sessionId: sessionId ?? null, today, count: out.length } });
  return out;
}
