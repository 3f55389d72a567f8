import { and, eq, inArray, ne } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { taskTargets, tasks, taskUnits, units } from '../../db/schema.js';
import { taskContentKey } from '../../../shared/tasks/task-table.js';
import type { UpdateTaskBody } from '../../../shared/schemas/tasks.js';
import { conflict, notFound, staleVersion } from '../../errors.js';
import type { Actor } from '../actor.js';
import { writeAudit } from '../audit.js';
import { getVisibleTask } from './task-access.js';

/**
 * 修改任务 (督查室): text, due date, targets and responsible units. Targets named by id keep
 * their id (reports' figures refer to it); targets left out are removed.
 */
export async function updateTask(tx: Executor, actor: Actor, id: number, input: UpdateTaskBody) {
  const t = await getVisibleTask(tx, actor, id, { forUpdate: true });
  if (t.version !== input.version) throw staleVersion();
  const before = { text: t.text, dueDate: t.dueDate };
  const text = input.text ?? t.text;
  const contentKey = taskContentKey(t.leaderName, t.seq, text);
  if (contentKey !== t.contentKey) {
    const [dup] = await tx.select({ id: tasks.id }).from(tasks).where(and(eq(tasks.listId, t.listId), eq(tasks.contentKey, contentKey), ne(tasks.id, t.id)));
    if (dup) throw conflict('清单中已有同一分管市长、序号和内容的任务');
  }
  const [row] = await tx
    .update(tasks)
    .set({ text, contentKey, dueDate: input.dueDate ?? t.dueDate, version: t.version + 1, updatedAt: new Date() })
    .where(and(eq(tasks.id, t.id), eq(tasks.version, t.version)))
    .returning();
  if (!row) throw staleVersion();

  if (input.targets) {
    const current = await tx.select().from(taskTargets).where(eq(taskTargets.taskId, t.id));
    const keep = new Set(input.targets.map((x) => x.id).filter((x): x is number => x !== undefined));
    for (const k of keep) if (!current.some((c) => c.id === k)) throw notFound('指标');
    const drop = current.filter((c) => !keep.has(c.id)).map((c) => c.id);
    if (drop.length) await tx.delete(taskTargets).where(inArray(taskTargets.id, drop));
    for (const [position, x] of input.targets.entries()) {
      const values = { label: x.label, targetValue: x.targetValue, unit: x.unit, position };
      if (x.id !== undefined) await tx.update(taskTargets).set(values).where(eq(taskTargets.id, x.id));
      else await tx.insert(taskTargets).values({ tenantId: t.tenantId, taskId: t.id, ...values });
    }
  }
  if (input.units) {
    const ids = input.units.map((u) => u.unitId);
    const found = await tx.select({ id: units.id }).from(units).where(and(inArray(units.id, ids), eq(units.tenantId, actor.tenantId)));
    if (found.length !== ids.length) throw notFound('责任单位');
    await tx.delete(taskUnits).where(eq(taskUnits.taskId, t.id));
    await tx.insert(taskUnits).values(input.units.map((u, position) => ({ tenantId: t.tenantId, taskId: t.id, unitId: u.unitId, isLead: u.isLead, position })));
  }
  await writeAudit(tx, actor, {
    action: 'task.update',
    entityType: 'task',
    entityId: t.id,
    before,
    after: { text: row.text, dueDate: row.dueDate, targets: input.targets ?? undefined, units: input.units ?? undefined },
  });
  return row;
}
