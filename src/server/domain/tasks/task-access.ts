import { and, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { leaders, taskLists, taskPeriods, tasks, taskUnits } from '../../db/schema.js';
import { notFound } from '../../errors.js';
import { hasRole, type Actor } from '../actor.js';

export type TaskRow = typeof tasks.$inferSelect;
export type TaskListRow = typeof taskLists.$inferSelect;
export type TaskPeriodRow = typeof taskPeriods.$inferSelect;

/** The supervision office and the committee see every task of their tenant. */
export const seesAllTasks = (actor: Actor) => hasRole(actor, 'office', 'staff');

/**
 * The tasks this actor may see, as a WHERE condition (deny by default): office and staff all;
 * a unit user the tasks their unit is responsible for; a leader the tasks of their own group,
 * matched by the leader link or by the name in the 分管市长 column.
 */
export function visibleTasks(actor: Actor): SQL {
  const ors: SQL[] = [];
  if (seesAllTasks(actor)) ors.push(sql`true`);
  if (hasRole(actor, 'unit') && actor.unitId) {
    ors.push(inArray(tasks.id, sql`(select ${taskUnits.taskId} from ${taskUnits} where ${taskUnits.unitId} = ${actor.unitId})`));
  }
  if (hasRole(actor, 'leader') && actor.leaderId) {
    ors.push(eq(tasks.leaderId, actor.leaderId));
    ors.push(
      eq(tasks.leaderName, sql`(select ${leaders.name} from ${leaders} where ${leaders.id} = ${actor.leaderId} and ${leaders.tenantId} = ${actor.tenantId})`),
    );
  }
  return and(eq(tasks.tenantId, actor.tenantId), ors.length ? or(...ors)! : sql`false`)!;
}

/** A task the actor may see, or 404 (its existence is not revealed). */
export async function getVisibleTask(tx: Executor, actor: Actor, id: number, opts: { forUpdate?: boolean } = {}): Promise<TaskRow> {
  const q = tx.select().from(tasks).where(and(eq(tasks.id, id), visibleTasks(actor)));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  if (!row) throw notFound('任务');
  return row;
}

export async function getTaskList(tx: Executor, actor: Actor, id: number, opts: { forUpdate?: boolean } = {}): Promise<TaskListRow> {
  const q = tx.select().from(taskLists).where(and(eq(taskLists.id, id), eq(taskLists.tenantId, actor.tenantId)));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  if (!row) throw notFound('任务清单');
  return row;
}

export async function getTaskPeriod(tx: Executor, actor: Actor, id: number, opts: { forUpdate?: boolean } = {}): Promise<TaskPeriodRow> {
  const q = tx.select().from(taskPeriods).where(and(eq(taskPeriods.id, id), eq(taskPeriods.tenantId, actor.tenantId)));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  if (!row) throw notFound('报告期');
  return row;
}

export function presentPeriod(p: TaskPeriodRow) {
  return {
    id: p.id,
    listId: p.listId,
    label: p.label,
    kind: p.kind,
    startDate: p.startDate,
    endDate: p.endDate,
    dueDate: p.dueDate,
    status: p.status,
    publishedAt: p.publishedAt?.toISOString() ?? null,
    version: p.version,
  };
}

/** Splits a long list of rows into batches well under PostgreSQL's 65535 parameters. */
export function chunked<T>(rows: T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}
