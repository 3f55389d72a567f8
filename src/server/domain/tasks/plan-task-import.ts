import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { leaders, taskPeriods, taskReports, tasks, taskUnits, tenants, units } from '../../db/schema.js';
import { extractTargets } from '../../../shared/tasks/targets.js';
import { taskContentKey, type ParsedTable } from '../../../shared/tasks/task-table.js';
import { groupUnitNames, matchUnit, newUnitName, regionPrefixes } from '../../../shared/tasks/unit-names.js';
import type { ImportPreview, ProgressFate } from '../../../shared/schemas/tasks.js';
import { conflict } from '../../errors.js';
import { chunked, type TaskListRow, type TaskPeriodRow } from './task-access.js';

type UnknownUnit = ImportPreview['unknownUnits'][number];

export interface ImportPlan {
  preview: Omit<ImportPreview, 'fileName'>;
  /** Unit ids by printed name, for names the tenant knows (as written or after normalisation). */
  unitIds: Map<string, number>;
  unknown: UnknownUnit[];
  leaderIds: Map<string, number>;
  existing: Map<string, { id: number; groupOrder: number; leaderName: string }>;
  /** The tenant's region prefixes (平湖市, 平湖), for naming new units. */
  prefixes: string[];
}

/**
 * What an import would do: compares the parsed table with the list, the tenant's units and, when
 * a period is named, the period's reports. Writes nothing.
 */
export async function planTaskImport(
  tx: Executor,
  tenantId: number,
  list: TaskListRow,
  parsed: ParsedTable,
  period: TaskPeriodRow | null,
): Promise<ImportPlan> {
  const [tenant] = await tx.select({ name: tenants.name }).from(tenants).where(eq(tenants.id, tenantId));
  const prefixes = regionPrefixes(tenant?.name ?? '');
  const directory = await tx.select({ id: units.id, name: units.name }).from(units).where(eq(units.tenantId, tenantId));
  const nameOf = new Map(directory.map((u) => [u.id, u.name]));
  const leaderRows = await tx.select({ id: leaders.id, name: leaders.name }).from(leaders).where(eq(leaders.tenantId, tenantId));
  const leaderIds = new Map(leaderRows.map((l) => [l.name, l.id]));
  const existingRows = await tx
    .select({ id: tasks.id, key: tasks.contentKey, groupOrder: tasks.groupOrder, leaderName: tasks.leaderName })
    .from(tasks)
    .where(and(eq(tasks.listId, list.id), eq(tasks.tenantId, tenantId)));
  const existing = new Map(existingRows.map((r) => [r.key, { id: r.id, groupOrder: r.groupOrder, leaderName: r.leaderName }]));

  // Each printed name once: known as written, the same after normalisation, or unknown.
  const unitIds = new Map<string, number>();
  const unknownRows = new Map<string, number[]>();
  const matches = new Map<string, ReturnType<typeof matchUnit<{ id: number; name: string }>>>();
  for (const r of parsed.rows) {
    for (const u of r.units) {
      if (unitIds.has(u.name)) continue;
      if (!matches.has(u.name)) matches.set(u.name, matchUnit(u.name, directory, prefixes));
      const m = matches.get(u.name)!;
      if (m?.kind === 'same' && m.units.length === 1) unitIds.set(u.name, m.units[0]!.id);
      else unknownRows.set(u.name, [...(unknownRows.get(u.name) ?? []), r.row]);
    }
  }
  const groups = groupUnitNames([...unknownRows.keys()], prefixes);
  const unknown: UnknownUnit[] = [...unknownRows].map(([name, rows]) => {
    const m = matches.get(name) ?? null;
    const candidates = (m?.units ?? []).map((u) => ({ unitId: u.id, name: u.name }));
    const canonical = groups.get(name) ?? name;
    return {
      name,
      rows,
      suggestion: candidates[0] ?? null,
      match: candidates.length === 0 ? null : candidates.length === 1 ? ('abbreviation' as const) : ('ambiguous' as const),
      candidates,
      createAs: newUnitName(canonical, prefixes),
      sameAs: [...groups].filter(([other, c]) => c === canonical && other !== name).map(([other]) => other),
    };
  });

  const leaderCount = new Map<string, number>();
  const taskItems = parsed.rows.map((r) => {
    leaderCount.set(r.leaderName, (leaderCount.get(r.leaderName) ?? 0) + 1);
    const exists = existing.has(taskContentKey(r.leaderName, r.seq, r.text));
    return {
      row: r.row,
      leaderName: r.leaderName,
      seq: r.seq,
      text: r.text,
      progress: r.progress,
      units: r.units.map((u) => ({ name: u.name, isLead: u.isLead, unitId: unitIds.get(u.name) ?? null })),
      // Existing tasks keep their targets: the commit does not touch them.
      targets: exists ? [] : extractTargets(r.text),
      exists,
      progressFate: null as ProgressFate | null,
    };
  });

  const progress = await planProgress(tx, list.id, taskItems, existing, period, groups);
  const newTasks = taskItems.filter((t) => !t.exists);
  const targets = newTasks.flatMap((t) => t.targets);
  return {
    preview: {
      progressLabel: parsed.progressLabel,
      leaders: [...leaderCount].map(([name, n]) => ({ name, leaderId: leaderIds.get(name) ?? null, tasks: n })),
      tasks: taskItems,
      knownUnits: [...unitIds].map(([name, unitId]) => ({ name, unitId, unitName: nameOf.get(unitId)! })),
      unknownUnits: unknown,
      counts: {
        tasks: taskItems.length,
        new: newTasks.length,
        existing: taskItems.length - newTasks.length,
        withProgress: taskItems.filter((t) => t.progress !== '').length,
        targets: targets.length,
        uncertainTargets: targets.filter((t) => t.uncertain).length,
      },
      progress,
    },
    unitIds,
    unknown,
    leaderIds,
    existing,
    prefixes,
  };
}

/**
 * Sets each row's progress fate and sums them up. With a period, a row's text becomes a submitted
 * report of each of its lead units that has none for the period (a row without ★ has every unit
 * leading, so the task counts as reported); without one, nothing of the column is imported.
 */
async function planProgress(
  tx: Executor,
  listId: number,
  items: { text: string; leaderName: string; seq: number; progress: string; exists: boolean; units: { name: string; isLead: boolean; unitId: number | null }[]; progressFate: ProgressFate | null }[],
  existing: ImportPlan['existing'],
  period: TaskPeriodRow | null,
  groups: Map<string, string>,
): Promise<ImportPreview['progress']> {
  const withText = items.filter((t) => t.progress !== '');
  const summary: ImportPreview['progress'] = {
    period: period ? { id: period.id, label: period.label, status: period.status } : null,
    import: 0,
    reports: 0,
    alreadyReported: 0,
    notImported: 0,
    reason: null,
  };
  if (withText.length === 0) return summary;
  if (period?.status === 'published') {
    throw conflict(`报告期「${period.label}」已公开，不能再导入完成情况；请先撤回公开，或选择其他报告期`, { state: period.status });
  }
  if (!period) {
    for (const t of withText) t.progressFate = 'not_imported';
    summary.notImported = withText.length;
    const [any] = await tx.select({ id: taskPeriods.id }).from(taskPeriods).where(eq(taskPeriods.listId, listId)).limit(1);
    summary.reason = any ? '未选择报告期，完成情况不导入' : '清单还没有报告期，完成情况不导入';
    return summary;
  }
  // Existing tasks: their stored lead units and the reports these already have for the period.
  const existingIds = withText.filter((t) => t.exists).map((t) => existing.get(taskContentKey(t.leaderName, t.seq, t.text))!.id);
  const leadsOf = new Map<number, Set<number>>();
  const reportedOf = new Map<number, Set<number>>();
  for (const batch of chunked(existingIds, 1000)) {
    for (const l of await tx.select({ taskId: taskUnits.taskId, unitId: taskUnits.unitId }).from(taskUnits).where(and(inArray(taskUnits.taskId, batch), eq(taskUnits.isLead, true)))) {
      leadsOf.set(l.taskId, (leadsOf.get(l.taskId) ?? new Set()).add(l.unitId));
    }
    for (const r of await tx.select({ taskId: taskReports.taskId, unitId: taskReports.unitId }).from(taskReports).where(and(inArray(taskReports.taskId, batch), eq(taskReports.periodId, period.id)))) {
      reportedOf.set(r.taskId, (reportedOf.get(r.taskId) ?? new Set()).add(r.unitId));
    }
  }
  for (const t of withText) {
    let missing: number;
    if (t.exists) {
      const id = existing.get(taskContentKey(t.leaderName, t.seq, t.text))!.id;
      const reported = reportedOf.get(id) ?? new Set<number>();
      missing = [...(leadsOf.get(id) ?? [])].filter((u) => !reported.has(u)).length;
    } else {
      // A new task: one report per lead unit, names that are one unit counted once.
      missing = new Set(t.units.filter((u) => u.isLead).map((u) => (u.unitId !== null ? `#${u.unitId}` : groups.get(u.name) ?? u.name))).size;
    }
    if (missing === 0) {
      t.progressFate = 'already_reported';
      summary.alreadyReported++;
    } else {
      t.progressFate = 'import';
      summary.import++;
      summary.reports += missing;
    }
  }
  return summary;
}
