import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { taskReportAttachments, taskReports, taskTargets, taskUnits, units } from '../../db/schema.js';
import type { TaskReport } from '../../../shared/schemas/tasks.js';
import { forbidden, notFound } from '../../errors.js';
import { hasRole, type Actor } from '../actor.js';
import { getVisibleTask } from './task-access.js';

export type TaskReportRow = typeof taskReports.$inferSelect;

/** The reports of some tasks, with unit names and attachments, ready to present. */
export async function loadReports(tx: Executor, where: { taskIds: number[]; periodId?: number }): Promise<TaskReport[]> {
  if (where.taskIds.length === 0) return [];
  const conds = [inArray(taskReports.taskId, where.taskIds)];
  if (where.periodId !== undefined) conds.push(eq(taskReports.periodId, where.periodId));
  const rows = await tx
    .select({ r: taskReports, unitName: units.name })
    .from(taskReports)
    .innerJoin(units, eq(units.id, taskReports.unitId))
    .where(and(...conds))
    .orderBy(asc(taskReports.periodId), asc(taskReports.taskId), asc(taskReports.id));
  const ids = rows.map((x) => x.r.id);
  const files = ids.length
    ? await tx
        .select({ id: taskReportAttachments.id, reportId: taskReportAttachments.reportId, fileName: taskReportAttachments.fileName, mimeType: taskReportAttachments.mimeType, size: taskReportAttachments.size, createdAt: taskReportAttachments.createdAt })
        .from(taskReportAttachments)
        .where(inArray(taskReportAttachments.reportId, ids))
    : [];
  // Figures of a target since removed from the task are not shown.
  const targetIds = new Set(
    (await tx.select({ id: taskTargets.id }).from(taskTargets).where(inArray(taskTargets.taskId, where.taskIds))).map((t) => t.id),
  );
  return rows.map(({ r, unitName }) => ({
    ...presentReport(r, unitName),
    figures: r.figures.filter((f) => targetIds.has(f.targetId)),
    attachments: files.filter((f) => f.reportId === r.id).map((f) => ({ id: f.id, fileName: f.fileName, mimeType: f.mimeType, size: f.size, createdAt: f.createdAt.toISOString() })),
  }));
}

export function presentReport(r: TaskReportRow, unitName: string): TaskReport {
  return {
    id: r.id,
    taskId: r.taskId,
    periodId: r.periodId,
    unitId: r.unitId,
    unitName,
    isLead: r.isLead,
    progress: r.progress,
    status: r.status,
    figures: r.figures,
    state: r.state,
    officeComment: r.officeComment,
    submittedAt: r.submittedAt?.toISOString() ?? null,
    reviewedAt: r.reviewedAt?.toISOString() ?? null,
    updatedAt: r.updatedAt.toISOString(),
    version: r.version,
    attachments: [],
  };
}

export async function presentOne(tx: Executor, r: TaskReportRow): Promise<TaskReport> {
  return (await loadReports(tx, { taskIds: [r.taskId], periodId: r.periodId })).find((x) => x.id === r.id)!;
}

/** The unit's place on a task: lead or helping unit; 403 for a unit that is not responsible. */
export async function unitRole(tx: Executor, actor: Actor, taskId: number): Promise<{ unitId: number; isLead: boolean }> {
  if (!hasRole(actor, 'unit') || !actor.unitId) throw forbidden('只有责任单位可以填报完成情况');
  const [u] = await tx
    .select({ isLead: taskUnits.isLead })
    .from(taskUnits)
    .where(and(eq(taskUnits.taskId, taskId), eq(taskUnits.unitId, actor.unitId)));
  if (!u) throw forbidden('本单位不是该任务的责任单位');
  return { unitId: actor.unitId, isLead: u.isLead };
}

/**
 * A report the actor's unit owns, locked: the task must be visible (else 404) and the report
 * the actor's own unit's (else 403).
 */
export async function loadOwnReport(tx: Executor, actor: Actor, reportId: number): Promise<TaskReportRow> {
  const r = await loadReportRow(tx, actor, reportId, true);
  await getVisibleTask(tx, actor, r.taskId);
  if (!hasRole(actor, 'unit') || actor.unitId !== r.unitId) throw forbidden('只能报送本单位的完成情况');
  return r;
}

export async function loadReportRow(tx: Executor, actor: Actor, reportId: number, forUpdate = false): Promise<TaskReportRow> {
  const q = tx.select().from(taskReports).where(and(eq(taskReports.id, reportId), eq(taskReports.tenantId, actor.tenantId)));
  const [r] = forUpdate ? await q.for('update') : await q;
  if (!r) throw notFound('完成情况报告');
  return r;
}

/** Reports in the order of the 责任单位 cell (the task's units by position). */
export function byPosition<R extends { unitId: number }>(reports: readonly R[], unitsInOrder: readonly { unitId: number }[]): R[] {
  const at = (id: number) => unitsInOrder.findIndex((u) => u.unitId === id);
  return [...reports].sort((a, b) => at(a.unitId) - at(b.unitId));
}
