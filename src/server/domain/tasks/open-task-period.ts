import { and, eq } from 'drizzle-orm';
import { englishDate, englishPeriodLabel } from '../../../shared/dates.js';
import type { Executor } from '../../db/client.js';
import { taskPeriods, tasks, taskUnits } from '../../db/schema.js';
import type { OpenPeriodBody } from '../../../shared/schemas/tasks.js';
import { conflict } from '../../errors.js';
import { formatDay } from '../../tasks/format-day.js';
import type { Actor } from '../actor.js';
import { notify, writeAudit } from '../audit.js';
import { unitUserIds } from '../proposal-access.js';
import { getTaskList, presentPeriod } from './task-access.js';

/** 开启报告期 (督查室): the lead units of the list's tasks are asked to report by the due date. */
export async function openTaskPeriod(tx: Executor, actor: Actor, listId: number, input: OpenPeriodBody) {
  const list = await getTaskList(tx, actor, listId, { forUpdate: true });
  const [dup] = await tx.select({ id: taskPeriods.id }).from(taskPeriods).where(and(eq(taskPeriods.listId, list.id), eq(taskPeriods.label, input.label)));
  if (dup) throw conflict(`该清单已有名为「${input.label}」的报告期`);
  const [row] = await tx
    .insert(taskPeriods)
    .values({ tenantId: actor.tenantId, listId: list.id, label: input.label, kind: input.kind, startDate: input.startDate, endDate: input.endDate, dueDate: input.dueDate })
    .returning();
  await writeAudit(tx, actor, { action: 'task_period.open', entityType: 'task_period', entityId: row!.id, after: row });
  const leadUnits = await tx
    .selectDistinct({ unitId: taskUnits.unitId })
    .from(taskUnits)
    .innerJoin(tasks, eq(tasks.id, taskUnits.taskId))
    .where(and(eq(tasks.listId, list.id), eq(tasks.tenantId, actor.tenantId), eq(taskUnits.isLead, true)));
  await notify(tx, actor.tenantId, await unitUserIds(tx, actor.tenantId, leadUnits.map((u) => u.unitId)), {
    kind: 'task.period_open',
    message: `「${list.title}」${input.label}重点工作完成情况开始填报，请于${formatDay(input.dueDate)}前报送本单位牵头任务的完成情况。`,
    messageEn: `Progress reports for “${list.title}”, ${englishPeriodLabel(input.label)}, are open: please report on the tasks your unit leads by ${englishDate(input.dueDate)}.`,
  });
  return presentPeriod(row!);
}
