import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { assignments, proposals, sessions } from '../../db/schema.js';
import { loadCalendar } from '../../calendar/working-days.js';
import type { Actor } from '../actor.js';
import { objectionWindow } from '../objection-window.js';

export interface ObjectionWindow {
  lastDay: string;
  open: boolean;
}

/**
 * The 申请调整 window of the acting unit's own assignment on each proposal, where it could still
 * object (pending or signed, not objected yet): the screens disable the button once it has closed
 * and say until when it ran. Empty for anyone but a unit user.
 */
export async function objectionWindowsFor(db: Executor, actor: Actor, proposalIds: number[], today: string): Promise<Map<number, ObjectionWindow>> {
  const out = new Map<number, ObjectionWindow>();
  if (!actor.unitId || !actor.roles.includes('unit') || proposalIds.length === 0) return out;
  const rows = await db
    .select({ proposalId: assignments.proposalId, assignedAt: assignments.assignedAt, days: sessions.objectionWorkingDays })
    .from(assignments)
    .innerJoin(proposals, eq(proposals.id, assignments.proposalId))
    .innerJoin(sessions, eq(sessions.id, proposals.sessionId))
    .where(
      and(
        eq(assignments.tenantId, actor.tenantId),
        eq(assignments.unitId, actor.unitId),
        inArray(assignments.proposalId, proposalIds),
        inArray(assignments.status, ['pending', 'signed']),
        isNull(assignments.objectedAt),
      ),
    );
  if (!rows.length) return out;
  const cal = await loadCalendar(db, actor.tenantId);
  for (const r of rows) out.set(r.proposalId, objectionWindow(r.assignedAt, r.days, today, cal));
  return out;
}
