import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { taskPeriods, taskReminders } from '../../db/schema.js';
import { PERIOD_STATUS_LABELS, type PeriodStatus, type UpdatePeriodBody } from '../../../shared/schemas/tasks.js';
import { conflict, staleVersion } from '../../errors.js';
import type { Actor } from '../actor.js';
import { writeAudit } from '../audit.js';
import { getTaskPeriod, presentPeriod } from './task-access.js';
import { notifyPeriodClosed } from './notify-period-closed.js';

const NEXT: Record<PeriodStatus, PeriodStatus[]> = {
  open: ['closed', 'published'],
  closed: ['open', 'published'],
  published: ['closed'],
};

/**
 * 报告期截止 / 重新开放 / 公开 / 撤回公开, and moving the due date (督查室). A new due date
 * clears the reminders already sent, so that the units are reminded again before it.
 */
export async function updateTaskPeriod(tx: Executor, actor: Actor, id: number, input: UpdatePeriodBody, now: Date) {
  const p = await getTaskPeriod(tx, actor, id, { forUpdate: true });
  if (p.version !== input.version) throw staleVersion();
  const status = input.status ?? p.status;
  if (status !== p.status && !NEXT[p.status].includes(status)) {
    throw conflict(`报告期当前为「${PERIOD_STATUS_LABELS[p.status]}」，不能改为「${PERIOD_STATUS_LABELS[status]}」`, { state: p.status });
  }
  const dueDate = input.dueDate ?? p.dueDate;
  const [row] = await tx
    .update(taskPeriods)
    .set({ status, dueDate, publishedAt: status === 'published' ? (p.publishedAt ?? now) : null, version: p.version + 1 })
    .where(and(eq(taskPeriods.id, p.id), eq(taskPeriods.version, p.version)))
    .returning();
  if (!row) throw staleVersion();
  if (dueDate !== p.dueDate) await tx.delete(taskReminders).where(eq(taskReminders.periodId, p.id));
  if (p.status === 'open' && status === 'closed') await notifyPeriodClosed(tx, actor.tenantId, row);
  await writeAudit(tx, actor, {
    action: 'task_period.update',
    entityType: 'task_period',
    entityId: p.id,
    before: { status: p.status, dueDate: p.dueDate },
    after: { status: row.status, dueDate: row.dueDate },
  });
  return presentPeriod(row);
}
