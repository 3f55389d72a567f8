import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { taskLists } from '../../db/schema.js';
import type { CreateTaskListBody } from '../../../shared/schemas/tasks.js';
import { conflict } from '../../errors.js';
import type { Actor } from '../actor.js';
import { writeAudit } from '../audit.js';

/** 新建任务清单 (督查室), e.g. 2025年政府工作报告重点工作任务. */
export async function createTaskList(tx: Executor, actor: Actor, input: CreateTaskListBody) {
  const [dup] = await tx
    .select({ id: taskLists.id })
    .from(taskLists)
    .where(and(eq(taskLists.tenantId, actor.tenantId), eq(taskLists.title, input.title)));
  if (dup) throw conflict(`已有名为「${input.title}」的任务清单`);
  const [row] = await tx
    .insert(taskLists)
    .values({ tenantId: actor.tenantId, title: input.title, year: input.year, createdBy: actor.userId })
    .returning();
  await writeAudit(tx, actor, { action: 'task_list.create', entityType: 'task_list', entityId: row!.id, after: row });
  return row!;
}
