import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { taskLists, taskPeriods, tasks } from '../../db/schema.js';
import type { TaskList } from '../../../shared/schemas/tasks.js';
import type { Actor } from '../actor.js';
import { getTaskList, presentPeriod, visibleTasks, type TaskListRow } from './task-access.js';

export function presentList(l: TaskListRow, taskCount: number): TaskList {
  return { id: l.id, title: l.title, year: l.year, status: l.status, taskCount, version: l.version, createdAt: l.createdAt.toISOString() };
}

/** Every list of the tenant, newest year first, with the number of tasks the caller may see. */
export async function listTaskLists(tx: Executor, actor: Actor): Promise<TaskList[]> {
  const lists = await tx.select().from(taskLists).where(eq(taskLists.tenantId, actor.tenantId)).orderBy(desc(taskLists.year), asc(taskLists.id));
  const counts = await tx
    .select({ listId: tasks.listId, n: sql<number>`count(*)::int` })
    .from(tasks)
    .where(visibleTasks(actor))
    .groupBy(tasks.listId);
  const by = new Map(counts.map((c) => [c.listId, c.n]));
  return lists.map((l) => presentList(l, by.get(l.id) ?? 0));
}

/** The reporting periods of a list, in order. */
export async function listTaskPeriods(tx: Executor, actor: Actor, listId: number) {
  const list = await getTaskList(tx, actor, listId);
  const rows = await tx
    .select()
    .from(taskPeriods)
    .where(and(eq(taskPeriods.listId, list.id), eq(taskPeriods.tenantId, actor.tenantId)))
    .orderBy(asc(taskPeriods.startDate), asc(taskPeriods.id));
  return rows.map(presentPeriod);
}
