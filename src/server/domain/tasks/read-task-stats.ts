import type { Executor } from '../../db/client.js';
import { countLight, emptyCounts, type LightCounts } from '../../../shared/tasks/traffic-light.js';
import type { TaskStats } from '../../../shared/schemas/tasks.js';
import type { Actor } from '../actor.js';
import { judgeTasks } from './judge-tasks.js';
import { getTaskList } from './task-access.js';
import { periodFor } from './read-tasks.js';

/** 红黄绿灯统计: counts per leader, per lead unit and overall, over the tasks the caller may see. */
export async function readTaskStats(tx: Executor, actor: Actor, listId: number, periodId: number | undefined, today: string): Promise<TaskStats> {
  const list = await getTaskList(tx, actor, listId);
  const period = await periodFor(tx, actor, list.id, periodId);
  const judged = await judgeTasks(tx, actor, { listId: list.id }, period, today);
  const overall = emptyCounts();
  const byStatus = { done: 0, on_track: 0, behind: 0, not_started: 0, unreported: 0 };
  const byLeader = new Map<string, LightCounts>();
  const byUnit = new Map<number, LightCounts & { unitName: string }>();
  for (const j of judged) {
    countLight(overall, j.light);
    byStatus[j.status ?? 'unreported']++;
    const l = byLeader.get(j.task.leaderName) ?? emptyCounts();
    countLight(l, j.light);
    byLeader.set(j.task.leaderName, l);
    for (const u of j.units.filter((x) => x.isLead)) {
      const c = byUnit.get(u.unitId) ?? { ...emptyCounts(), unitName: u.name };
      countLight(c, j.light);
      byUnit.set(u.unitId, c);
    }
  }
  return {
    periodId: period?.id ?? null,
    overall,
    byStatus,
    byLeader: [...byLeader].map(([leaderName, c]) => ({ leaderName, ...c })),
    byUnit: [...byUnit].map(([unitId, c]) => ({ unitId, ...c })).sort((a, b) => b.red - a.red || b.yellow - a.yellow || a.unitName.localeCompare(b.unitName, 'zh')),
  };
}
