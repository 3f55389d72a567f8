import { and, eq } from 'drizzle-orm';
import { englishPeriodLabel } from '../../../shared/dates.js';
import type { Executor } from '../../db/client.js';
import { taskLists, taskPeriods, tasks, taskUnits } from '../../db/schema.js';
import { notify } from '../audit.js';
import { roleUserIds, unitUserIds } from '../proposal-access.js';

/** 报告期截止: the lead units and the leaders hear that reporting for the period has closed. */
export async function notifyPeriodClosed(tx: Executor, tenantId: number, p: typeof taskPeriods.$inferSelect) {
  const [list] = await tx.select({ title: taskLists.title }).from(taskLists).where(eq(taskLists.id, p.listId));
  const lead = await tx
    .selectDistinct({ unitId: taskUnits.unitId })
    .from(taskUnits)
    .innerJoin(tasks, eq(tasks.id, taskUnits.taskId))
    .where(and(eq(tasks.listId, p.listId), eq(tasks.tenantId, tenantId), eq(taskUnits.isLead, true)));
  const message = `「${list?.title ?? ''}」${p.label}重点工作完成情况填报已截止，督查室正在汇总审核。`;
  await notify(tx, tenantId, [...(await unitUserIds(tx, tenantId, lead.map((u) => u.unitId))), ...(await roleUserIds(tx, tenantId, 'leader'))], {
    kind: 'task.period_closed',
    message,
    messageEn: `Reporting for “${list?.title ?? ''}”, ${englishPeriodLabel(p.label)}, has closed; the supervision office is reviewing the reports.`,
  });
}
