import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { taskReports, taskTargets } from '../../db/schema.js';
import { REPORT_STATE_LABELS, type SaveReportBody } from '../../../shared/schemas/tasks.js';
import { conflict, invalid, staleVersion } from '../../errors.js';
import type { Actor } from '../actor.js';
import { writeAudit } from '../audit.js';
import { getTaskPeriod, getVisibleTask, type TaskPeriodRow, type TaskRow } from './task-access.js';
import { presentOne, unitRole } from './task-reports.js';

/**
 * 填报完成情况 (责任单位): saves the caller's unit's report on a task for a period as a draft —
 * the lead unit's report, or a helping unit's contribution. Editable while the period is open and
 * the report is a draft or was returned.
 */
export async function saveTaskReport(tx: Executor, actor: Actor, taskId: number, periodId: number, input: SaveReportBody, now: Date) {
  const task = await getVisibleTask(tx, actor, taskId, { forUpdate: true });
  const period = await openPeriodOf(tx, actor, task, periodId);
  const { unitId, isLead } = await unitRole(tx, actor, task.id);
  await checkFigures(tx, task.id, input.figures);

  const [existing] = await tx
    .select()
    .from(taskReports)
    .where(and(eq(taskReports.taskId, task.id), eq(taskReports.periodId, period.id), eq(taskReports.unitId, unitId)))
    .for('update');
  const values = { progress: input.progress, status: input.status ?? null, figures: input.figures, updatedBy: actor.userId, updatedAt: now };
  let row;
  if (!existing) {
    if (input.version !== undefined) throw staleVersion();
    [row] = await tx
      .insert(taskReports)
      .values({ tenantId: actor.tenantId, taskId: task.id, periodId: period.id, unitId, isLead, ...values })
      .onConflictDoNothing()
      .returning();
    // Another user of the unit created it meanwhile.
    if (!row) throw staleVersion();
  } else {
    if (input.version !== existing.version) throw staleVersion();
    if (existing.state !== 'draft' && existing.state !== 'returned') {
      throw conflict(`报告${REPORT_STATE_LABELS[existing.state]}，不能修改`, { state: existing.state });
    }
    [row] = await tx
      .update(taskReports)
      .set({ ...values, isLead, version: existing.version + 1 })
      .where(and(eq(taskReports.id, existing.id), eq(taskReports.version, existing.version)))
      .returning();
    if (!row) throw staleVersion();
  }
  await writeAudit(tx, actor, {
    action: 'task_report.save',
    entityType: 'task_report',
    entityId: row.id,
    before: existing ? { progress: existing.progress, status: existing.status, figures: existing.figures } : undefined,
    after: { taskId: task.id, periodId: period.id, unitId, progress: row.progress, status: row.status, figures: row.figures },
  });
  return presentOne(tx, row);
}

export async function openPeriodOf(tx: Executor, actor: Actor, task: TaskRow, periodId: number): Promise<TaskPeriodRow> {
  const period = await getTaskPeriod(tx, actor, periodId);
  if (period.listId !== task.listId) throw invalid('periodId', '报告期不属于该任务所在清单');
  if (period.status !== 'open') throw conflict(`报告期「${period.label}」已截止，不能再填报`, { state: period.status });
  return period;
}

async function checkFigures(tx: Executor, taskId: number, figures: SaveReportBody['figures']) {
  if (figures.length === 0) return;
  const ids = new Set((await tx.select({ id: taskTargets.id }).from(taskTargets).where(eq(taskTargets.taskId, taskId))).map((t) => t.id));
  for (const [i, f] of figures.entries()) if (!ids.has(f.targetId)) throw invalid(`body.figures.${i}.targetId`, '该指标不属于此任务');
  if (new Set(figures.map((f) => f.targetId)).size !== figures.length) throw invalid('body.figures', '同一指标只能填写一次');
}
