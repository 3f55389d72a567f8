import { and, eq } from 'drizzle-orm';
import { englishPeriodLabel } from '../../../shared/dates.js';
import type { Executor } from '../../db/client.js';
import { taskReports, units } from '../../db/schema.js';
import { REPORT_STATE_LABELS } from '../../../shared/schemas/tasks.js';
import { conflict, invalid, staleVersion } from '../../errors.js';
import type { Actor } from '../actor.js';
import { notify, writeAudit } from '../audit.js';
import { roleUserIds } from '../proposal-access.js';
import { getVisibleTask } from './task-access.js';
import { openPeriodOf } from './save-task-report.js';
import { loadOwnReport, presentOne } from './task-reports.js';

/** 报送 (责任单位): a draft or returned report goes to the supervision office for review. */
export async function submitTaskReport(tx: Executor, actor: Actor, reportId: number, input: { version: number }, now: Date) {
  const r = await loadOwnReport(tx, actor, reportId);
  const task = await getVisibleTask(tx, actor, r.taskId);
  const period = await openPeriodOf(tx, actor, task, r.periodId);
  if (r.version !== input.version) throw staleVersion();
  if (r.state !== 'draft' && r.state !== 'returned') throw conflict(`报告${REPORT_STATE_LABELS[r.state]}，不能重复报送`, { state: r.state });
  if (r.isLead && !r.status) throw invalid('status', '牵头单位报送前请选择完成状态（已完成、序时推进、滞后、未启动）');
  if (r.isLead && r.progress.trim() === '') throw invalid('progress', '请填写完成情况');
  const [row] = await tx
    .update(taskReports)
    .set({ state: 'submitted', submittedAt: now, submittedBy: actor.userId, updatedAt: now, version: r.version + 1 })
    .where(and(eq(taskReports.id, r.id), eq(taskReports.version, r.version)))
    .returning();
  if (!row) throw staleVersion();
  await writeAudit(tx, actor, { action: 'task_report.submit', entityType: 'task_report', entityId: r.id, before: { state: r.state }, after: { state: 'submitted', taskId: task.id, periodId: period.id } });
  const [unit] = await tx.select({ name: units.name }).from(units).where(eq(units.id, r.unitId));
  await notify(tx, actor.tenantId, await roleUserIds(tx, actor.tenantId, 'office'), {
    kind: 'task.report_submitted',
    message: `${unit?.name ?? ''}报送了${period.label}重点工作「${task.leaderName}-${task.seq}」的完成情况，请审核。`,
    messageEn: `${unit?.name ?? ''} reported its ${englishPeriodLabel(period.label)} progress on key task ${task.leaderName}-${task.seq}; please review it.`,
  });
  return presentOne(tx, row);
}
