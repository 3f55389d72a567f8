import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { taskReports, tasks, taskUnits, units } from '../../db/schema.js';
import type { TaskPeriodRow } from './task-access.js';

export interface OwingUnit {
  unitId: number;
  name: string;
  /** Tasks the unit leads whose report for the period is not in (none, draft or returned). */
  tasks: number;
}

/** Lead units that still owe their report for a period, with how many tasks each. */
export async function owingUnits(tx: Executor, period: TaskPeriodRow, taskIds?: number[]): Promise<OwingUnit[]> {
  const conds = [
    eq(tasks.listId, period.listId),
    eq(tasks.tenantId, period.tenantId),
    eq(taskUnits.isLead, true),
    or(isNull(taskReports.id), inArray(taskReports.state, ['draft', 'returned'])),
  ];
  if (taskIds) conds.push(inArray(tasks.id, taskIds.length ? taskIds : [-1]));
  return tx
    .select({ unitId: taskUnits.unitId, name: units.name, tasks: sql<number>`count(*)::int` })
    .from(taskUnits)
    .innerJoin(tasks, eq(tasks.id, taskUnits.taskId))
    .innerJoin(units, eq(units.id, taskUnits.unitId))
    .leftJoin(taskReports, and(eq(taskReports.taskId, taskUnits.taskId), eq(taskReports.unitId, taskUnits.unitId), eq(taskReports.periodId, period.id)))
    .where(and(...conds))
    .groupBy(taskUnits.unitId, units.name)
    .orderBy(units.name);
}
