import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { taskPeriods, taskReports, tasks, taskTargets, taskUnits, units } from '../../db/schema.js';
import { taskContentKey, type ParsedTaskRow } from '../../../shared/tasks/task-table.js';
import { extractTargets } from '../../../shared/tasks/targets.js';
import { TASK_STATUS_LABELS, type ImportCommitBody, type ImportResult } from '../../../shared/schemas/tasks.js';
import type { FieldIssue } from '../../../shared/errors.js';
import { AppError, notFound } from '../../errors.js';
import { readTaskFile } from '../../tasks/read-task-file.js';
import type { Actor } from '../actor.js';
import { writeAudit } from '../audit.js';
import { chunked, getTaskList, type TaskPeriodRow } from './task-access.js';
import { planTaskImport, type ImportPlan } from './plan-task-import.js';

/**
 * 导入: creates the tasks of the file that the list lacks, with their units and the targets
 * confirmed in the preview, in the route's single transaction. A task already in the list (same
 * leader, 序号 and text) is skipped, so importing the same file again adds nothing. With
 * `periodId`, a filled progress column becomes a submitted report of every lead unit of the task
 * for that period (a unit's report already there is kept), so a task without ★ shows as reported.
 */
export async function commitTaskImport(tx: Executor, actor: Actor, listId: number, input: ImportCommitBody, now: Date): Promise<ImportResult> {
  const list = await getTaskList(tx, actor, listId, { forUpdate: true });
  const period = input.periodId ? await importPeriodOf(tx, actor, list.id, input.periodId) : null;
  const parsed = await readTaskFile(input.fileName, input.contentBase64);
  const plan = await planTaskImport(tx, actor.tenantId, list, parsed, period);
  const fresh = parsed.rows.filter((r) => !plan.existing.has(keyOf(r)));

  const { unitIds, toCreate, matched } = await resolveUnits(tx, actor, plan, fresh, input.unitMapping);
  if (toCreate.length) {
    await tx
      .insert(units)
      .values(toCreate.map((name) => ({ tenantId: actor.tenantId, name, kind: /(镇|街道|乡)$/.test(name) ? ('town' as const) : ('department' as const) })))
      .onConflictDoNothing();
    // Read back rather than trust RETURNING: a unit of that name made meanwhile is the same unit.
    const made = await tx.select({ id: units.id, name: units.name }).from(units).where(and(eq(units.tenantId, actor.tenantId), inArray(units.name, toCreate)));
    const idOf = new Map(made.map((m) => [m.name, m.id]));
    for (const u of plan.unknown) if (!unitIds.has(u.name) && idOf.has(u.createAs)) unitIds.set(u.name, idOf.get(u.createAs)!);
  }

  // Leaders keep their order of the file; a leader already in the list keeps their place.
  const groupOrders = new Map<string, number>();
  let maxGroup = 0;
  for (const e of plan.existing.values()) {
    groupOrders.set(e.leaderName, e.groupOrder);
    maxGroup = Math.max(maxGroup, e.groupOrder);
  }
  for (const r of parsed.rows) if (!groupOrders.has(r.leaderName)) groupOrders.set(r.leaderName, ++maxGroup);

  const ids = new Map<string, number>([...plan.existing].map(([k, v]) => [k, v.id]));
  const createdKeys = new Set<string>();
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
          contentKey: keyOf(r),
          dueDate: `${list.year}-12-31`,
        })),
      )
      // A concurrent import of the same file: its rows win, ours are skipped.
      .onConflictDoNothing()
      .returning({ id: tasks.id, key: tasks.contentKey });
    for (const r of rows) {
      ids.set(r.key, r.id);
      createdKeys.add(r.key);
    }
  }
  const newRows = parsed.rows.filter((r) => createdKeys.has(keyOf(r)));

  const unitValues = newRows.flatMap((r) => {
    const taskId = ids.get(keyOf(r))!;
    const seen = new Set<number>();
    return r.units.flatMap((u, position) => {
      const unitId = unitIds.get(u.name)!;
      // Two names of one unit (发改局、发展和改革局): keep the first, leading if either leads.
      if (seen.has(unitId)) return [];
      seen.add(unitId);
      const isLead = r.units.some((x) => unitIds.get(x.name) === unitId && x.isLead);
      return [{ tenantId: actor.tenantId, taskId, unitId, isLead, position }];
    });
  });
  for (const batch of chunked(unitValues)) await tx.insert(taskUnits).values(batch);

  // The targets confirmed in the preview; a row not named keeps only the targets the rules are sure of.
  const targetValues = newRows.flatMap((r) => {
    const chosen = input.targets[String(r.row)] ?? extractTargets(r.text).filter((t) => !t.uncertain);
    return chosen.map((t, position) => ({ tenantId: actor.tenantId, taskId: ids.get(keyOf(r))!, position, label: t.label, targetValue: t.targetValue, unit: t.unit }));
  });
  for (const batch of chunked(targetValues)) await tx.insert(taskTargets).values(batch);

  const progress = await importProgress(tx, actor, parsed.rows, ids, period, input, now);
  const label = parsed.progressLabel ?? '完成情况';
  let note: string | null = null;
  if (progress.rows > 0 && !period) note = `文件含「${label}」列，但未指定报告期，完成情况未导入`;
  else if (progress.rows > 0 && period) {
    note =
      `「${label}」已记为「${period.label}」${progress.tasks}项任务各牵头单位的已报送报告（${progress.created}份），` +
      `状态记为「${TASK_STATUS_LABELS[input.progressStatus]}」，待督查室审核` +
      (progress.skipped ? `；${progress.skipped}份已有报告未覆盖` : '');
  }

  const result: ImportResult = {
    created: createdKeys.size,
    skipped: parsed.rows.length - createdKeys.size,
    unitsCreated: toCreate.length,
    unitsMatched: matched,
    targetsCreated: targetValues.length,
    reportsCreated: progress.created,
    reportsSkipped: progress.skipped,
    progressTasks: progress.tasks,
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

const keyOf = (r: ParsedTaskRow) => taskContentKey(r.leaderName, r.seq, r.text);

/**
 * The unit of every printed name of the new tasks. A name the preview left unknown must be mapped
 * to a unit of the tenant or to 'create'; 'create' never makes a twin: a name that stands for one
 * existing unit (发改局 → 发展和改革局) maps to it, one that stands for several must be chosen, and
 * names of the file that are one unit (卫健委, 市卫健委) make one unit.
 */
async function resolveUnits(tx: Executor, actor: Actor, plan: ImportPlan, fresh: ParsedTaskRow[], mapping: ImportCommitBody['unitMapping']) {
  const unitIds = new Map(plan.unitIds);
  const freshRows = new Set(fresh.map((r) => r.row));
  const needed = plan.unknown.filter((u) => u.rows.some((r) => freshRows.has(r)));
  const issues: FieldIssue[] = [];
  const unmapped = needed.filter((u) => mapping[u.name] === undefined);
  if (unmapped.length) {
    throw new AppError(
      'VALIDATION_FAILED',
      `以下责任单位不在单位名录中，请指定对应单位或选择新建：${unmapped.map((u) => u.name).join('、')}`,
      unmapped.map((u) => ({ path: `unitMapping.${u.name}`, message: `「${u.name}」（第${u.rows.join('、')}行）未指定对应单位` })),
    );
  }
  const mappedIds = [...new Set(needed.map((u) => mapping[u.name]).filter((v): v is number => typeof v === 'number'))];
  const names = new Map<number, string>();
  if (mappedIds.length) {
    const found = await tx.select({ id: units.id, name: units.name }).from(units).where(and(inArray(units.id, mappedIds), eq(units.tenantId, actor.tenantId)));
    if (found.length !== mappedIds.length) throw notFound('对应单位');
    for (const f of found) names.set(f.id, f.name);
  }
  for (const u of needed) {
    const v = mapping[u.name];
    if (typeof v === 'number') unitIds.set(u.name, v);
  }
  const matched: ImportResult['unitsMatched'] = [];
  const toCreate = new Set<string>();
  for (const u of needed) {
    if (mapping[u.name] !== 'create') continue;
    if (u.candidates.length === 1) {
      const c = u.candidates[0]!;
      unitIds.set(u.name, c.unitId);
      matched.push({ name: u.name, unitId: c.unitId, unitName: c.name });
      continue;
    }
    if (u.candidates.length > 1) {
      issues.push({
        path: `unitMapping.${u.name}`,
        message: `「${u.name}」与已有单位${u.candidates.map((c) => `「${c.name}」`).join('')}相近，请选择其中之一，不能新建`,
      });
      continue;
    }
    // One unit with another name of the file that is mapped to an existing unit: the same one.
    const twin = u.sameAs.map((n) => mapping[n]).find((x): x is number => typeof x === 'number');
    if (twin !== undefined) {
      unitIds.set(u.name, twin);
      matched.push({ name: u.name, unitId: twin, unitName: names.get(twin)! });
    } else toCreate.add(u.createAs);
  }
  if (issues.length) throw new AppError('VALIDATION_FAILED', issues.map((i) => i.message).join('；'), issues);
  return { unitIds, toCreate: [...toCreate], matched };
}

/**
 * Stores the progress column as the period's submitted report of every lead unit of each task
 * (stored units: a name may since map elsewhere). A unit's own report, if any, is kept.
 */
async function importProgress(tx: Executor, actor: Actor, rows: ParsedTaskRow[], ids: Map<string, number>, period: TaskPeriodRow | null, input: ImportCommitBody, now: Date) {
  const withText = rows.filter((r) => r.progress !== '' && ids.has(keyOf(r)));
  const out = { rows: rows.filter((r) => r.progress !== '').length, created: 0, skipped: 0, tasks: 0 };
  if (!period || withText.length === 0) return out;
  const leads = await leadUnits(tx, withText.map((r) => ids.get(keyOf(r))!));
  const values = withText.flatMap((r) => {
    const taskId = ids.get(keyOf(r))!;
    return (leads.get(taskId) ?? []).map((unitId) => ({
      tenantId: actor.tenantId, taskId, periodId: period.id, unitId, isLead: true, progress: r.progress,
      status: input.progressStatus, state: 'submitted' as const, submittedAt: now, submittedBy: actor.userId, updatedBy: actor.userId,
    }));
  });
  const reported = new Set<number>();
  for (const batch of chunked(values)) {
    const made = await tx.insert(taskReports).values(batch).onConflictDoNothing().returning({ taskId: taskReports.taskId });
    for (const m of made) reported.add(m.taskId);
    out.created += made.length;
  }
  out.skipped = values.length - out.created;
  out.tasks = reported.size;
  return out;
}

/** The lead units of each task, in the order of the 责任单位 cell. */
async function leadUnits(tx: Executor, taskIds: number[]): Promise<Map<number, number[]>> {
  const out = new Map<number, number[]>();
  for (const batch of chunked(taskIds, 1000)) {
    const rows = await tx
      .select({ taskId: taskUnits.taskId, unitId: taskUnits.unitId })
      .from(taskUnits)
      .where(and(inArray(taskUnits.taskId, batch), eq(taskUnits.isLead, true)))
      .orderBy(asc(taskUnits.taskId), asc(taskUnits.position));
    for (const r of rows) out.set(r.taskId, [...(out.get(r.taskId) ?? []), r.unitId]);
  }
  return out;
}

/** The period progress is imported into: one of the list's (else 404). */
export async function importPeriodOf(tx: Executor, actor: Actor, listId: number, periodId: number): Promise<TaskPeriodRow> {
  const [p] = await tx
    .select()
    .from(taskPeriods)
    .where(and(eq(taskPeriods.id, periodId), eq(taskPeriods.listId, listId), eq(taskPeriods.tenantId, actor.tenantId)));
  if (!p) throw notFound('报告期');
  return p;
}
