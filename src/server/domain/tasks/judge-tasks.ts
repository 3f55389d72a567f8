import { and, asc, desc, eq, inArray, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { taskPeriods, taskReports, tasks, taskTargets, taskUnits, units } from '../../db/schema.js';
import { loadCalendar, workingDaysBetween } from '../../calendar/working-days.js';
import { reportedStatus, trafficLight, type Light, type LightReason, type ReportState, type TaskStatus } from '../../../shared/tasks/traffic-light.js';
import type { TaskSummary } from '../../../shared/schemas/tasks.js';
import { leadProgressText } from '../../../shared/tasks/task-table.js';
import { byPosition } from './task-reports.js';
import type { Actor } from '../actor.js';
import { chunked, visibleTasks, type TaskPeriodRow, type TaskRow } from './task-access.js';

export interface JudgedTask {
  task: TaskRow;
  units: { unitId: number; name: string; isLead: boolean }[];
  targets: { id: number; label: string; targetValue: number; unit: string }[];
  light: Light;
  lightReason: LightReason;
  status: TaskStatus | null;
  reportState: ReportState | null;
  /** The lead units' submitted or accepted progress for the period (several: each prefixed with its name). */
  progress: string;
}

// Least advanced first: a returned report needs the unit, a draft is not yet in.
const STATE_ORDER: ReportState[] = ['returned', 'draft', 'submitted', 'accepted'];

/** The period lights are judged for when none is named: the latest one of the list. */
export async function defaultPeriod(tx: Executor, tenantId: number, listId: number): Promise<TaskPeriodRow | null> {
  const [p] = await tx
    .select()
    .from(taskPeriods)
    .where(and(eq(taskPeriods.listId, listId), eq(taskPeriods.tenantId, tenantId)))
    .orderBy(desc(taskPeriods.startDate), desc(taskPeriods.id))
    .limit(1);
  return p ?? null;
}

/** A function giving working days from `today` to a day, cached: thousands of tasks share few due dates. */
export async function daysUntilFn(tx: Executor, tenantId: number, today: string) {
  const cal = await loadCalendar(tx, tenantId);
  const cache = new Map<string, number>();
  return (day: string) => {
    let n = cache.get(day);
    if (n === undefined) cache.set(day, (n = workingDaysBetween(today, day, cal)));
    return n;
  };
}

/**
 * Loads the visible tasks of a list (or of given ids) with units, targets and the lead reports
 * of `period`, and judges each one. In memory: a list holds at most a few thousand tasks.
 */
export async function judgeTasks(
  tx: Executor,
  actor: Actor,
  where: { listId?: number; taskIds?: number[]; extra?: SQL },
  period: TaskPeriodRow | null,
  today: string,
): Promise<JudgedTask[]> {
  const conds = [visibleTasks(actor)];
  if (where.listId !== undefined) conds.push(eq(tasks.listId, where.listId));
  if (where.taskIds) conds.push(inArray(tasks.id, where.taskIds.length ? where.taskIds : [-1]));
  if (where.extra) conds.push(where.extra);
  const rows = await tx.select().from(tasks).where(and(...conds)).orderBy(asc(tasks.listId), asc(tasks.groupOrder), asc(tasks.seq), asc(tasks.id));
  if (rows.length === 0) return [];
  const ids = rows.map((t) => t.id);
  const unitRows: { taskId: number; unitId: number; name: string; isLead: boolean; position: number }[] = [];
  const targetRows: (typeof taskTargets.$inferSelect)[] = [];
  const reportRows: { taskId: number; unitId: number; status: TaskStatus | null; state: ReportState; progress: string }[] = [];
  for (const batch of chunked(ids, 1000)) {
    unitRows.push(
      ...(await tx
        .select({ taskId: taskUnits.taskId, unitId: taskUnits.unitId, name: units.name, isLead: taskUnits.isLead, position: taskUnits.position })
        .from(taskUnits)
        .innerJoin(units, eq(units.id, taskUnits.unitId))
        .where(inArray(taskUnits.taskId, batch))
        .orderBy(asc(taskUnits.taskId), asc(taskUnits.position))),
    );
    targetRows.push(...(await tx.select().from(taskTargets).where(inArray(taskTargets.taskId, batch)).orderBy(asc(taskTargets.position), asc(taskTargets.id))));
    if (period) {
      reportRows.push(
        ...(await tx
          .select({ taskId: taskReports.taskId, unitId: taskReports.unitId, status: taskReports.status, state: taskReports.state, progress: taskReports.progress })
          .from(taskReports)
          .where(and(eq(taskReports.periodId, period.id), eq(taskReports.isLead, true), inArray(taskReports.taskId, batch)))),
      );
    }
  }
  const byTask = <T extends { taskId: number }>(list: T[]) => {
    const m = new Map<number, T[]>();
    for (const r of list) m.set(r.taskId, [...(m.get(r.taskId) ?? []), r]);
    return m;
  };
  const unitsOf = byTask(unitRows);
  const targetsOf = byTask(targetRows);
  const reportsOf = byTask(reportRows);
  const daysUntil = await daysUntilFn(tx, actor.tenantId, today);

  return rows.map((task) => {
    const us = unitsOf.get(task.id) ?? [];
    const leadIds = new Set(us.filter((u) => u.isLead).map((u) => u.unitId));
    // A report of a unit that no longer leads does not count.
    const leadReports = (reportsOf.get(task.id) ?? []).filter((r) => leadIds.has(r.unitId));
    const { light, reason } = trafficLight({
      today,
      taskDueDate: task.dueDate,
      period: period ? { dueDate: period.dueDate } : null,
      leadUnitCount: leadIds.size,
      leadReports,
      workingDaysUntil: daysUntil,
    });
    const status = reportedStatus(leadReports, leadIds.size);
    const reportState =
      leadReports.length < leadIds.size || leadReports.length === 0
        ? null
        : leadReports.map((r) => r.state).sort((a, b) => STATE_ORDER.indexOf(a) - STATE_ORDER.indexOf(b))[0]!;
    // As in the published table: only what the lead units sent in, not their drafts.
    const sent = leadReports.filter((r) => r.state === 'submitted' || r.state === 'accepted');
    const progress = leadProgressText(byPosition(sent, us).map((r) => ({ unitName: us.find((u) => u.unitId === r.unitId)?.name ?? '', progress: r.progress })));
    return {
      task,
      progress,
      units: us.map((u) => ({ unitId: u.unitId, name: u.name, isLead: u.isLead })),
      targets: (targetsOf.get(task.id) ?? []).map((t) => ({ id: t.id, label: t.label, targetValue: Number(t.targetValue), unit: t.unit })),
      light,
      lightReason: reason,
      status,
      reportState,
    };
  });
}

export function presentJudged(j: JudgedTask): TaskSummary {
  const t = j.task;
  return {
    id: t.id,
    listId: t.listId,
    leaderName: t.leaderName,
    leaderId: t.leaderId,
    groupOrder: t.groupOrder,
    seq: t.seq,
    text: t.text,
    dueDate: t.dueDate,
    version: t.version,
    units: j.units,
    targets: j.targets,
    light: j.light,
    lightReason: j.lightReason,
    status: j.status,
    reportState: j.reportState,
    progress: j.progress,
  };
}
