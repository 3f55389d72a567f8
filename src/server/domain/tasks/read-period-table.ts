import { and, asc, eq, inArray, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { taskLists, taskPeriods, taskReports, tasks, taskUnits, tenants, units } from '../../db/schema.js';
import { formatUnitsCell, leadProgressText } from '../../../shared/tasks/task-table.js';
import { byPosition } from './task-reports.js';
import { reportedStatus } from '../../../shared/tasks/traffic-light.js';
import type { PublicTaskPeriod } from '../../../shared/schemas/tasks.js';
import { notFound } from '../../errors.js';
import type { Actor } from '../actor.js';
import { chunked, getTaskPeriod, visibleTasks, type TaskPeriodRow } from './task-access.js';

export type PeriodTableRow = PublicTaskPeriod['rows'][number];

export interface PeriodTable {
  title: string;
  progressHeader: string;
  period: TaskPeriodRow;
  rows: PeriodTableRow[];
}

/** The column header of the progress column: 一季度重点工作完成情况. */
export const progressHeader = (label: string) => `${label}重点工作完成情况`;

/**
 * The period's table in the original layout: tasks in order, the lead units' submitted or
 * accepted progress (several lead units: once when they say the same, else each prefixed with
 * its unit's name), units with ★.
 */
export async function buildPeriodTable(tx: Executor, period: TaskPeriodRow, scope: SQL): Promise<PeriodTable> {
  const [list] = await tx.select().from(taskLists).where(eq(taskLists.id, period.listId));
  const rows = await tx
    .select()
    .from(tasks)
    .where(and(eq(tasks.listId, period.listId), scope))
    .orderBy(asc(tasks.groupOrder), asc(tasks.seq), asc(tasks.id));
  const ids = rows.map((t) => t.id);
  const unitRows: { taskId: number; unitId: number; name: string; isLead: boolean }[] = [];
  const reports: { taskId: number; unitId: number; progress: string; status: (typeof taskReports.$inferSelect)['status']; state: (typeof taskReports.$inferSelect)['state']; isLead: boolean }[] = [];
  for (const batch of chunked(ids, 1000)) {
    unitRows.push(
      ...(await tx
        .select({ taskId: taskUnits.taskId, unitId: taskUnits.unitId, name: units.name, isLead: taskUnits.isLead })
        .from(taskUnits)
        .innerJoin(units, eq(units.id, taskUnits.unitId))
        .where(inArray(taskUnits.taskId, batch))
        .orderBy(asc(taskUnits.taskId), asc(taskUnits.position))),
    );
    reports.push(
      ...(await tx
        .select({ taskId: taskReports.taskId, unitId: taskReports.unitId, progress: taskReports.progress, status: taskReports.status, state: taskReports.state, isLead: taskReports.isLead })
        .from(taskReports)
        .where(and(eq(taskReports.periodId, period.id), inArray(taskReports.taskId, batch), inArray(taskReports.state, ['submitted', 'accepted'])))),
    );
  }
  const unitsOf = groupBy(unitRows);
  const reportsOf = groupBy(reports);
  let leader = '';
  const out = rows.map((t) => {
    const us = unitsOf.get(t.id) ?? [];
    const leads = new Set(us.filter((u) => u.isLead).map((u) => u.unitId));
    const rs = (reportsOf.get(t.id) ?? []).filter((r) => leads.has(r.unitId));
    const progress = leadProgressText(byPosition(rs, us).map((r) => ({ unitName: us.find((u) => u.unitId === r.unitId)?.name ?? '', progress: r.progress })));
    const firstOfGroup = t.leaderName !== leader;
    leader = t.leaderName;
    return { leaderName: t.leaderName, firstOfGroup, seq: t.seq, text: t.text, progress, status: reportedStatus(rs, leads.size), units: formatUnitsCell(us) };
  });
  return { title: list!.title, progressHeader: progressHeader(period.label), period, rows: out };
}

function groupBy<T extends { taskId: number }>(list: T[]): Map<number, T[]> {
  const m = new Map<number, T[]>();
  for (const r of list) {
    const a = m.get(r.taskId);
    if (a) a.push(r);
    else m.set(r.taskId, [r]);
  }
  return m;
}

/** The table as the caller may export it: only the tasks they may see. */
export async function readPeriodTable(tx: Executor, actor: Actor, periodId: number): Promise<PeriodTable> {
  const period = await getTaskPeriod(tx, actor, periodId);
  return buildPeriodTable(tx, period, visibleTasks(actor));
}

/** 公众平台: a published period's table. Names of officials and units only; no reviewers or comments. */
export async function readPublicTaskPeriod(tx: Executor, periodId: number): Promise<PublicTaskPeriod> {
  const [period] = await tx.select().from(taskPeriods).where(and(eq(taskPeriods.id, periodId), eq(taskPeriods.status, 'published')));
  if (!period) throw notFound('公开的报告期');
  const [tenant] = await tx.select({ name: tenants.name }).from(tenants).where(eq(tenants.id, period.tenantId));
  const [list] = await tx.select().from(taskLists).where(eq(taskLists.id, period.listId));
  const table = await buildPeriodTable(tx, period, eq(tasks.tenantId, period.tenantId));
  return {
    tenantName: tenant!.name,
    listTitle: list!.title,
    year: list!.year,
    period: { id: period.id, label: period.label, startDate: period.startDate, endDate: period.endDate, publishedAt: period.publishedAt?.toISOString() ?? null },
    progressHeader: table.progressHeader,
    rows: table.rows,
  };
}

/** 公众平台: the published periods of a tenant. */
export async function listPublicTaskPeriods(tx: Executor, tenantId: number) {
  const rows = await tx
    .select({ id: taskPeriods.id, label: taskPeriods.label, listTitle: taskLists.title, year: taskLists.year, publishedAt: taskPeriods.publishedAt })
    .from(taskPeriods)
    .innerJoin(taskLists, eq(taskLists.id, taskPeriods.listId))
    .where(and(eq(taskPeriods.tenantId, tenantId), eq(taskPeriods.status, 'published')))
    .orderBy(asc(taskLists.year), asc(taskPeriods.startDate));
  return rows.map((r) => ({ ...r, publishedAt: r.publishedAt?.toISOString() ?? null }));
}
