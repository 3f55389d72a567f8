import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { assignments, proposals, sessions, units } from '../db/schema.js';
import { loadCalendar, workingDaysCounter } from '../calendar/working-days.js';
import type { UnsignedItem } from '../../shared/schemas/handling-aids.js';
import type { Actor } from './actor.js';
import { visibleProposals } from './proposal-access.js';

/**
 * 超期未签收 on the deadline board: the assignments still waiting for the unit's 签收 more than the
 * session's sign_alert_working_days working days after 交办, longest waiting first. The same rule
 * as the reminder the scheduler sends (jobs/scan-unsigned.ts). Unsigned assignments are few at
 * any time (a unit signs within days), so they are counted in memory with the working-day calendar.
 */
export async function readUnsigned(db: Executor, actor: Actor, today: string, page: number, pageSize: number): Promise<{ items: UnsignedItem[]; total: number }> {
  const rows = await db
    .select({
      assignmentId: assignments.id,
      proposalId: proposals.id,
      kind: proposals.kind,
      number: proposals.number,
      title: proposals.title,
      unitId: units.id,
      unitName: units.name,
      role: assignments.role,
      assignedAt: assignments.assignedAt,
      remindedAt: assignments.remindedAt,
      threshold: sessions.signAlertWorkingDays,
    })
    .from(assignments)
    .innerJoin(proposals, eq(proposals.id, assignments.proposalId))
    .innerJoin(units, eq(units.id, assignments.unitId))
    .innerJoin(sessions, eq(sessions.id, proposals.sessionId))
    .where(and(eq(assignments.tenantId, actor.tenantId), eq(assignments.status, 'pending'), visibleProposals(actor)))
    .orderBy(asc(assignments.assignedAt), asc(assignments.id))
    .limit(5000);
  if (!rows.length) return { items: [], total: 0 };
  const count = workingDaysCounter(await loadCalendar(db, actor.tenantId), [today, ...rows.map((r) => r.assignedAt)]);
  const late = rows
    .map((r) => ({ ...r, workingDays: count(r.assignedAt, today), remindedAt: r.remindedAt?.toISOString() ?? null }))
    .filter((r) => r.workingDays > r.threshold);
  return { items: late.slice((page - 1) * pageSize, page * pageSize), total: late.length };
}
