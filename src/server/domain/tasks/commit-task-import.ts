import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { taskPeriods, taskReports, tasks, taskTargets, taskUnits, units } from '../../db/schema.js';
import { taskContentKey } from '../../../shared/tasks/task-table.js';
import { guessTargets } from '../../../shared/tasks/targets.js';
import { TASK_STATUS_LABELS, type ImportCommitBody, type ImportResult } from '../../../shared/schemas/tasks.js';
import { AppError, notFound } from '../../errors.js';
import { readTaskFile } from '../../tasks/read-task-file.js';
import type { Actor } from '../actor.js';
import { writeAudit } from '../audit.js';
import { chunked, getTaskList } from './task-access.js';
import { planTaskImport } from './plan-task-import.js';

/**
 * 导入: creates the tasks of the file that the list lacks, with their units and guessed targets,
 * in the route's single transaction. A task already in the list (same leader, 序号 and text) is
 * skipped, so importing the same file again adds nothing. With `periodId`, a filled progress
 * column becomes the first lead unit's submitted report for that period, unless that unit has one.
 */
export async function commitTaskImport(tx: Executor, actor: Actor, listId: number, input: ImportCommitBody, now: Date): Promise<ImportResult> {
  const list = await getTaskList(tx, actor, listId, { forUpdate: true });
  const parsed = await readTaskFile(input.fileName, input.contentBase64);
  const plan = await planTaskImport(tx, actor.tenantId, list, parsed);
  const period = input.periodId ? await periodOf(tx, actor, list.id, input.periodId) : null;

  // Every unknown unit of a task to create must be mapped, to a unit of this tenant or to 'create'.
  const unitIds = new Map(plan.unitIds);
  const freshRows = new Set(plan.preview.tasks.filter((t) => !t.exists).map((t) => t.row));
  const needed = plan.preview.unknownUnits.filter((u) => u.rows.some((r) => freshRows.has(r)));
  const unmapped = needed.filter((u) => input.unitMapping[u.name] === undefined);
  if (unmapped.length) {
    throw new AppError(
      'VALIDATION_FAILED',
      `以下责任单位不在单位名录中，请指定对应单位或选择新建：${unmapped.map((u) => u.name).join('、')}`,
      unmapped.map((u) => ({ path: `unitMapping.${u.name}`, message: `「${u.name}」（第${u.rows.join('、')}行）未指定对应单位` })),
    );
  }
  const mappedIds = [...new Set(Object.values(input.unitMapping).filter((v): v is number => v !== 'create'))];
  if (mappedIds.length) {
    const found = await tx.select({ id: units.id }).from(units).where(and(inArray(units.id, mappedIds), eq(units.tenantId, actor.tenantId)));
    if (found.length !== mappedIds.length) throw notFound('对应单位');
  }
  const toCreate = needed.filter((u) => input.unitMapping[u.name] === 'create').map((u) => u.name);
  for (const u of needed) {
    const v = input.unitMapping[u.name];
    if (typeof v === 'number') unitIds.set(u.name, v);
  }
  if (toCreate.length) {
    const made = await tx
      .insert(units)
      .values(toCreate.map((name) => ({ tenantId: actor.tenantId, name, kind: /(镇|街道)$/.test(name) ? ('town' as const) : ('department' as const) })))
      .onConflictDoNothing()
      .returning({ id: units.id, name: units.name });
    for (const m of made) unitIds.set(m.name, m.id);
  }

  // Leaders keep their order of the file; a leader already in the list keeps their place.
  const groupOrders = new Map<string, number>();
  let maxGroup = 0;
  for (const e of plan.existing.values()) {
    groupOrders.set(e.leaderName, e.groupOrder);
    maxGroup = Math.max(maxGroup, e.groupOrder);
  }
  for (const r of parsed.rows) if (!groupOrders.has(r.leaderName)) groupOrders.set(r.leaderName, ++maxGroup);

  const fresh = parsed.rows.filter((r) => !plan.existing.has(taskContentKey(r.leaderName, r.seq, r.text)));
  const ids = new Map<string, number>([...plan.existing].map(([k, v]) => [k, v.id]));
  let created = 0;
  for (const batch of chunked(fresh)) {
    const rows = await tx
      .insert(tasks)
      .values(
        batch.map((r) => ({
          tenantId: actor.tenantId,
          listId: list.id,
          leaderName: r.leaderName,
          leaderId: plan.leaderIds.get(r.leaderName) ?? null,
          groupOrder: groupOrders.get(r.leaderName)!,
          seq: r.seq,
          text: r.text,
          contentKey: taskContentKey(r.leaderName, r.seq, r.text),
          dueDate: `${list.year}-12-31`,
        })),
      )
      // A concurrent import of the same file: its rows win, ours are skipped.
      .onConflictDoNothing()
      .returning({ id: tasks.id, key: tasks.contentKey });
    for (const r of rows) ids.set(r.key, r.id);
    created += rows.length;
  }
  const createdKeys = new Set(fresh.map((r) => taskContentKey(r.leaderName, r.seq, r.text)).filter((k) => ids.has(k) && !plan.existing.has(k)));
  const newRows = parsed.rows.filter((r) => createdKeys.has(taskContentKey(r.leaderName, r.seq, r.text)));

  const unitValues = newRows.flatMap((r) => {
    const taskId = ids.get(taskContentKey(r.leaderName, r.seq, r.text))!;
    const seen = new Set<number>();
    return r.units.flatMap((u, position) => {
      const unitId = unitIds.get(u.name)!;
      // Two names mapped to one unit: keep the first, leading if either leads.
      if (seen.has(unitId)) return [];
      seen.add(unitId);
      const isLead = r.units.some((x) => unitIds.get(x.name) === unitId && x.isLead);
      return [{ tenantId: actor.tenantId, taskId, unitId, isLead, position }];
    });
  });
  for (const batch of chunked(unitValues)) await tx.insert(taskUnits).values(batch);

  const targetValues = newRows.flatMap((r) =>
    guessTargets(r.text).map((t, position) => ({ tenantId: actor.tenantId, taskId: ids.get(taskContentKey(r.leaderName, r.seq, r.text))!, position, ...t })),
  );
  for (const batch of chunked(targetValues)) await tx.insert(taskTargets).values(batch);

  let reportsCreated = 0;
  let reportsSkipped = 0;
  let note: string | null = null;
  const withProgress = parsed.rows.filter((r) => r.progress !== '');
  if (withProgress.length && !period) {
    note = `文件含「${parsed.progressLabel ?? '完成情况'}」列，但未指定报告期，完成情况未导入`;
  } else if (withProgress.length && period) {
    const leads = await firstLeadUnits(tx, withProgress.map((r) => ids.get(taskContentKey(r.leaderName, r.seq, r.text))).filter((x): x is number => x !== undefined));
    const reportValues = withProgress.flatMap((r) => {
      const taskId = ids.get(taskContentKey(r.leaderName, r.seq, r.text));
      const unitId = taskId === undefined ? undefined : leads.get(taskId);
      if (taskId === undefined || unitId === undefined) return [];
      return [{
        tenantId: actor.tenantId, taskId, periodId: period.id, unitId, isLead: true, progress: r.progress,
        status: input.progressStatus, state: 'submitted' as const, submittedAt: now, submittedBy: actor.userId, updatedBy: actor.userId,
      }];
    });
    for (const batch of chunked(reportValues)) {
      const made = await tx.insert(taskReports).values(batch).onConflictDoNothing().returning({ id: taskReports.id });
      reportsCreated += made.length;
    }
    reportsSkipped = reportValues.length - reportsCreated;
    note = `「${parsed.progressLabel ?? '完成情况'}」已记为「${period.label}」牵头单位（多个牵头单位时为第一个）的已报送报告，状态记为「${TASK_STATUS_LABELS[input.progressStatus]}」，待督查室审核；已有报告的不覆盖`;
  }

  const result: ImportResult = {
    created,
    skipped: parsed.rows.length - created,
    unitsCreated: toCreate.length,
    targetsCreated: targetValues.length,
    reportsCreated,
    reportsSkipped,
    note,
  };
  await writeAudit(tx, actor, {
    action: 'task_list.import',
    entityType: 'task_list',
    entityId: list.id,
    after: { fileName: input.fileName, rows: parsed.rows.length, periodId: period?.id ?? null, createdUnits: toCreate, ...result },
  });
  return result;
}

/** The first lead unit of each task, as stored (the file's names may since map elsewhere). */
async function firstLeadUnits(tx: Executor, taskIds: number[]): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  for (const batch of chunked(taskIds, 1000)) {
    const rows = await tx
      .select({ taskId: taskUnits.taskId, unitId: taskUnits.unitId })
      .from(taskUnits)
      .where(and(inArray(taskUnits.taskId, batch), eq(taskUnits.isLead, true)))
      .orderBy(asc(taskUnits.taskId), asc(taskUnits.position));
    for (const r of rows) if (!out.has(r.taskId)) out.set(r.taskId, r.unitId);
  }
  return out;
}

async function periodOf(tx: Executor, actor: Actor, listId: number, periodId: number) {
  const [p] = await tx
    .select()
    .from(taskPeriods)
    .where(and(eq(taskPeriods.id, periodId), eq(taskPeriods.listId, listId), eq(taskPeriods.tenantId, actor.tenantId)));
  if (!p) throw notFound('报告期');
  return p;
}
