import { and, eq, inArray } from 'drizzle-orm';
import type { Db, Executor } from '../db/client.js';
import { appendAudit } from '../domain/audit-chain.js';
import { notifications, taskLists, taskPeriods, taskReminders, tenants } from '../db/schema.js';
import { loadCalendar, workingDaysBetween } from '../calendar/working-days.js';
import { owingUnits } from '../domain/tasks/owing-units.js';
import { roleUserIds, unitUserIds } from '../domain/proposal-access.js';
import { formatDay } from '../tasks/format-day.js';
import { notifyRows } from '../domain/audit.js';
import { englishDate, englishPeriodLabel } from '../../shared/dates.js';

/** Lead units that have not reported are reminded this many working days before the due date. */
export const TASK_REMIND_WORKING_DAYS = 3;

export interface TaskScanResult {
  dueSoon: number;
  overdue: number;
  notified: number;
}

/**
 * For each open period: reminds the lead units that still owe reports once, within
 * TASK_REMIND_WORKING_DAYS working days of the due date, and flags them once as overdue after it
 * (the office hears of the newly overdue units). `task_reminders` remembers what was sent, so a
 * second scan on the same day sends nothing. One transaction per tenant.
 */
export async function scanTaskDeadlines(db: Db, today: string): Promise<TaskScanResult> {
  const total: TaskScanResult = { dueSoon: 0, overdue: 0, notified: 0 };
  const errors: unknown[] = [];
  for (const { id } of await db.select({ id: tenants.id }).from(tenants).orderBy(tenants.id)) {
    try {
      const r = await db.transaction((tx) => scanTenantTasks(tx, id, today));
      total.dueSoon += r.dueSoon;
      total.overdue += r.overdue;
      total.notified += r.notified;
    } catch (e) {
      errors.push(e);
    }
  }
  if (errors.length) throw new AggregateError(errors, `task deadline scan failed for ${errors.length} tenant(s)`);
  return total;
}

export async function scanTenantTasks(tx: Executor, tenantId: number, today: string): Promise<TaskScanResult> {
  const out: TaskScanResult = { dueSoon: 0, overdue: 0, notified: 0 };
  const periods = await tx
    .select({ p: taskPeriods, listTitle: taskLists.title })
    .from(taskPeriods)
    .innerJoin(taskLists, eq(taskLists.id, taskPeriods.listId))
    .where(and(eq(taskPeriods.tenantId, tenantId), eq(taskPeriods.status, 'open')));
  if (periods.length === 0) return out;
  const cal = await loadCalendar(tx, tenantId);
  for (const { p, listTitle } of periods) {
    const left = workingDaysBetween(today, p.dueDate, cal);
    const kind = p.dueDate < today ? ('overdue' as const) : left <= TASK_REMIND_WORKING_DAYS ? ('due_soon' as const) : null;
    if (!kind) continue;
    const owing = await owingUnits(tx, p);
    if (owing.length === 0) continue;
    const sent = await tx
      .select({ unitId: taskReminders.unitId })
      .from(taskReminders)
      .where(and(eq(taskReminders.periodId, p.id), eq(taskReminders.kind, kind), inArray(taskReminders.unitId, owing.map((u) => u.unitId))));
    const done = new Set(sent.map((s) => s.unitId));
    const fresh = owing.filter((u) => !done.has(u.unitId));
    if (fresh.length === 0) continue;
    await tx.insert(taskReminders).values(fresh.map((u) => ({ tenantId, periodId: p.id, unitId: u.unitId, kind, sentOn: today })));
    const notices: (typeof notifications.$inferInsert)[] = [];
    for (const u of fresh) {
      const message =
        kind === 'overdue'
          ? `「${listTitle}」${p.label}完成情况报送已于${formatDay(p.dueDate)}截止，本单位牵头的${u.tasks}项任务尚未报送，请尽快报送。`
          : `「${listTitle}」${p.label}完成情况将于${formatDay(p.dueDate)}截止报送${left === 0 ? '（今日截止）' : `，还剩${left}个工作日`}，本单位牵头的${u.tasks}项任务尚未报送。`;
      const period = englishPeriodLabel(p.label);
      const messageEn =
        kind === 'overdue'
          ? `Reports for “${listTitle}”, ${period}, closed on ${englishDate(p.dueDate)}; ${u.tasks} task(s) your unit leads are not yet reported: please report them soon.`
          : `Reports for “${listTitle}”, ${period}, are due ${englishDate(p.dueDate)}${left === 0 ? ' (today)' : `, ${left} working day(s) left`}; ${u.tasks} task(s) your unit leads are not yet reported.`;
      for (const userId of await unitUserIds(tx, tenantId, [u.unitId])) notices.push({ tenantId, userId, kind: `task.${kind}`, message, messageEn });
    }
    if (kind === 'overdue') {
      const message = `「${listTitle}」${p.label}完成情况报送已截止，${fresh.map((u) => `${u.name}（${u.tasks}项）`).join('、')}逾期未报送。`;
      const messageEn = `Reports for “${listTitle}”, ${englishPeriodLabel(p.label)}, have closed; not reported: ${fresh.map((u) => `${u.name} (${u.tasks})`).join(', ')}.`;
      for (const userId of await roleUserIds(tx, tenantId, 'office')) notices.push({ tenantId, userId, kind: 'task.overdue', message, messageEn });
    }
    await notifyRows(tx, notices);
    await appendAudit(tx, [{
      tenantId, actorId: null, action: `task_period.${kind}_scan`, entityType: 'task_period', entityId: p.id,
      after: { units: fresh, dueDate: p.dueDate, scannedOn: today }, ip: null,
    }]);
    out[kind === 'overdue' ? 'overdue' : 'dueSoon'] += fresh.length;
    out.notified += notices.length;
  }
  return out;
}
