import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { leaders, tasks, units } from '../../db/schema.js';
import { guessTargets } from '../../../shared/tasks/targets.js';
import { taskContentKey, type ParsedTable } from '../../../shared/tasks/task-table.js';
import type { ImportPreview } from '../../../shared/schemas/tasks.js';
import type { TaskListRow } from './task-access.js';

export interface ImportPlan {
  preview: Omit<ImportPreview, 'fileName'>;
  /** Unit ids by name, for names the tenant knows. */
  unitIds: Map<string, number>;
  leaderIds: Map<string, number>;
  existing: Map<string, { id: number; groupOrder: number; leaderName: string }>;
}

/** What an import would do: compares the parsed table with the list and the tenant's units. Writes nothing. */
export async function planTaskImport(tx: Executor, tenantId: number, list: TaskListRow, parsed: ParsedTable): Promise<ImportPlan> {
  const unitRows = await tx.select({ id: units.id, name: units.name }).from(units).where(eq(units.tenantId, tenantId));
  const unitIds = new Map(unitRows.map((u) => [u.name, u.id]));
  const leaderRows = await tx.select({ id: leaders.id, name: leaders.name }).from(leaders).where(eq(leaders.tenantId, tenantId));
  const leaderIds = new Map(leaderRows.map((l) => [l.name, l.id]));
  const existingRows = await tx
    .select({ id: tasks.id, key: tasks.contentKey, groupOrder: tasks.groupOrder, leaderName: tasks.leaderName })
    .from(tasks)
    .where(and(eq(tasks.listId, list.id), eq(tasks.tenantId, tenantId)));
  const existing = new Map(existingRows.map((r) => [r.key, r]));

  const leaderCount = new Map<string, number>();
  const unknown = new Map<string, number[]>();
  const known = new Map<string, number>();
  let fresh = 0;
  const taskItems = parsed.rows.map((r) => {
    leaderCount.set(r.leaderName, (leaderCount.get(r.leaderName) ?? 0) + 1);
    const exists = existing.has(taskContentKey(r.leaderName, r.seq, r.text));
    if (!exists) fresh++;
    return {
      row: r.row,
      leaderName: r.leaderName,
      seq: r.seq,
      text: r.text,
      progress: r.progress,
      units: r.units.map((u) => {
        const id = unitIds.get(u.name) ?? null;
        if (id === null) unknown.set(u.name, [...(unknown.get(u.name) ?? []), r.row]);
        else known.set(u.name, id);
        return { name: u.name, isLead: u.isLead, unitId: id };
      }),
      targets: guessTargets(r.text),
      exists,
    };
  });
  return {
    preview: {
      progressLabel: parsed.progressLabel,
      leaders: [...leaderCount].map(([name, n]) => ({ name, leaderId: leaderIds.get(name) ?? null, tasks: n })),
      tasks: taskItems,
      knownUnits: [...known].map(([name, unitId]) => ({ name, unitId })),
      unknownUnits: [...unknown].map(([name, rows]) => ({ name, rows, suggestion: suggestUnit(name, unitRows) })),
      counts: {
        tasks: taskItems.length,
        new: fresh,
        existing: taskItems.length - fresh,
        withProgress: taskItems.filter((t) => t.progress !== '').length,
      },
    },
    unitIds,
    leaderIds,
    existing: new Map(existingRows.map((r) => [r.key, { id: r.id, groupOrder: r.groupOrder, leaderName: r.leaderName }])),
  };
}

/** Short names in the tables (发改局) are the full name's characters in order (发展和改革局). */
function suggestUnit(name: string, all: { id: number; name: string }[]) {
  const core = name.replace(/(局|委|办|部|中心)$/, '');
  const fits = all.filter((u) => isSubsequence(name, u.name) || (core.length >= 2 && u.name.startsWith(core)));
  fits.sort((a, b) => a.name.length - b.name.length);
  const best = fits[0];
  return best ? { unitId: best.id, name: best.name } : null;
}

function isSubsequence(short: string, long: string): boolean {
  let i = 0;
  for (const ch of long) if (ch === short[i]) i++;
  return i === short.length;
}
