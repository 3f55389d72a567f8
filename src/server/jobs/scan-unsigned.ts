import { and, eq, lt, notInArray } from 'drizzle-orm';
import { englishDate } from '../../shared/dates.js';
import type { Db, Executor } from '../db/client.js';
import { assignments, noticeMarks, proposals, sessions, tenants, units } from '../db/schema.js';
import { loadCalendar, workingDaysBetween } from '../calendar/working-days.js';
import { notify } from '../domain/audit.js';
import { roleUserIds, unitUserIds } from '../domain/proposal-access.js';
import { formatDay } from '../tasks/format-day.js';

/** The default threshold: a session's sign_alert_working_days (migration 0015) starts at this. */
export const UNSIGNED_WORKING_DAYS = 3;

/**
 * 签收提醒 (超期未签收): units holding an assignment still unsigned more than the session's
 * sign_alert_working_days working days after it was made hear about it once, and so does the
 * committee staff. notice_marks remembers it. The deadline board lists the same assignments
 * (domain/read-unsigned.ts).
 */
export async function scanUnsignedAssignments(db: Db, today: string): Promise<{ reminded: number }> {
  let reminded = 0;
  for (const { id } of await db.select({ id: tenants.id }).from(tenants).orderBy(tenants.id)) {
    reminded += await db.transaction((tx) => scanTenantUnsigned(tx, id, today));
  }
  return { reminded };
}

export async function scanTenantUnsigned(tx: Executor, tenantId: number, today: string): Promise<number> {
  const marked = tx.select({ id: noticeMarks.entityId }).from(noticeMarks).where(and(eq(noticeMarks.tenantId, tenantId), eq(noticeMarks.kind, 'assignment.unsigned')));
  const rows = await tx
    .select({ id: assignments.id, unitId: assignments.unitId, assignedAt: assignments.assignedAt, proposalId: proposals.id, number: proposals.number, title: proposals.title, kind: proposals.kind, unitName: units.name, threshold: sessions.signAlertWorkingDays })
    .from(assignments)
    .innerJoin(proposals, eq(proposals.id, assignments.proposalId))
    .innerJoin(units, eq(units.id, assignments.unitId))
    .innerJoin(sessions, eq(sessions.id, proposals.sessionId))
    .where(and(eq(assignments.tenantId, tenantId), eq(assignments.status, 'pending'), lt(assignments.assignedAt, today), notInArray(assignments.id, marked)));
  if (rows.length === 0) return 0;
  const cal = await loadCalendar(tx, tenantId);
  const late = rows.filter((r) => workingDaysBetween(r.assignedAt, today, cal) > r.threshold);
  if (late.length === 0) return 0;
  await tx.insert(noticeMarks).values(late.map((r) => ({ tenantId, kind: 'assignment.unsigned', entityId: r.id, sentOn: today }))).onConflictDoNothing();
  const staff = await roleUserIds(tx, tenantId, 'staff');
  for (const r of late) {
    const label = `${r.kind === 'suggestion' ? '建议' : '提案'}${r.number ? `第${r.number}号` : ''}「${r.title}」`;
    const labelEn = `${r.kind === 'suggestion' ? 'Suggestion' : 'Proposal'}${r.number ? ` No. ${r.number}` : ''} “${r.title}”`;
    const days = workingDaysBetween(r.assignedAt, today, cal);
    await notify(tx, tenantId, await unitUserIds(tx, tenantId, [r.unitId]), {
      kind: 'assignment.unsigned',
      message: `${label}已于${formatDay(r.assignedAt)}交办本单位，${days}个工作日仍未签收，请尽快签收或申请调整。`,
      messageEn: `${labelEn} was assigned to your unit on ${englishDate(r.assignedAt)} and is still not signed for after ${days} working days; please sign for it or request a change.`,
      proposalId: r.proposalId,
    });
    await notify(tx, tenantId, staff, {
      kind: 'assignment.unsigned',
      message: `${label}交办${r.unitName}已${days}个工作日，尚未签收。`,
      messageEn: `${labelEn} was assigned to ${r.unitName} ${days} working days ago and is not yet signed for.`,
      proposalId: r.proposalId,
    });
  }
  return late.length;
}
