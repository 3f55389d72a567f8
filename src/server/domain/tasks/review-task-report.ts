import { and, eq } from 'drizzle-orm';
import { englishPeriodLabel } from '../../../shared/dates.js';
import type { Executor } from '../../db/client.js';
import { taskReports } from '../../db/schema.js';
import { REPORT_STATE_LABELS, type ReviewReportBody } from '../../../shared/schemas/tasks.js';
import { conflict, staleVersion } from '../../errors.js';
import type { Actor } from '../actor.js';
import { notify, writeAudit } from '../audit.js';
import { unitUserIds } from '../proposal-access.js';
import { getTaskPeriod, getVisibleTask } from './task-access.js';
import { loadReportRow, presentOne } from './task-reports.js';

/** 审核 (督查室): accepts a submitted report, or returns it with a comment for the unit to redo. */
export async function reviewTaskReport(tx: Executor, actor: Actor, reportId: number, input: ReviewReportBody, now: Date) {
  const r = await loadReportRow(tx, actor, reportId, true);
  const task = await getVisibleTask(tx, actor, r.taskId);
  const period = await getTaskPeriod(tx, actor, r.periodId);
  if (r.version !== input.version) throw staleVersion();
  if (r.state !== 'submitted') throw conflict(`报告${REPORT_STATE_LABELS[r.state]}，只能审核已报送的报告`, { state: r.state });
  if (period.status === 'published') throw conflict(`报告期「${period.label}」已公开，请先撤回公开再审核`);
  const state = input.decision === 'accept' ? ('accepted' as const) : ('returned' as const);
  const [row] = await tx
    .update(taskReports)
    .set({ state, officeComment: input.comment ?? null, reviewedAt: now, reviewedBy: actor.userId, updatedAt: now, version: r.version + 1 })
    .where(and(eq(taskReports.id, r.id), eq(taskReports.version, r.version)))
    .returning();
  if (!row) throw staleVersion();
  await writeAudit(tx, actor, { action: `task_report.${input.decision}`, entityType: 'task_report', entityId: r.id, before: { state: r.state }, after: { state, comment: input.comment ?? null } });
  if (state === 'returned') {
    await notify(tx, actor.tenantId, await unitUserIds(tx, actor.tenantId, [r.unitId]), {
      kind: 'task.report_returned',
      message: `${period.label}重点工作「${task.text.slice(0, 40)}」的完成情况被退回：${input.comment}。请修改后重新报送。`,
      messageEn: `Your ${englishPeriodLabel(period.label)} progress report on key task “${task.text.slice(0, 40)}” was returned: ${input.comment}. Please revise it and report again.`,
    });
  }
  return presentOne(tx, row);
}
