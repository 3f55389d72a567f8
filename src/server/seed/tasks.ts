import type { Tx } from '../db/client.js';
import { leaders, taskLists, taskPeriods, taskReports, tasks, taskTargets, taskUnits } from '../db/schema.js';
import { taskContentKey } from '../../shared/tasks/task-table.js';
import { guessTargets } from '../../shared/tasks/targets.js';
import type { TaskStatus } from '../../shared/tasks/traffic-light.js';
import type { Org } from './org.js';
import { at, Rng, TODAY } from './rng.js';
import { TASK_GROUPS } from './task-texts.js';

// 平湖市's 2026 government key tasks as they stand on TODAY (2026-11-23): the 一季度 table
// reported, reviewed and published; the November period open and due in 9 working days, so the
// lights show every colour. The year follows the demo's "today" rather than the table's 2025.

const YEAR = 2026;
type Report = typeof taskReports.$inferInsert;

export async function seedKeyTasks(tx: Tx, org: Org) {
  const rng = new Rng(20260301);
  const ph = org.ph;
  const tenantId = ph.tenantId;
  const office = ph.users.get('ducha')!;
  const leaderIds = new Map(ph.leaders.map((l) => [l.name, l.id]));
  for (const g of TASK_GROUPS) {
    if (!leaderIds.has(g.leader)) {
      // 分管市长: government leaders (documents print 「市政府领导…」).
      const [l] = await tx.insert(leaders).values({ tenantId, name: g.leader, title: g.title, organ: 'government' }).returning();
      leaderIds.set(g.leader, l!.id);
    }
  }
  const [list] = await tx
    .insert(taskLists)
    .values({ tenantId, title: `${YEAR}年政府工作报告重点工作任务`, year: YEAR, createdBy: office, createdAt: at('2026-02-20', 9, 0) })
    .returning();
  const [q1, nov] = await tx
    .insert(taskPeriods)
    .values([
      { tenantId, listId: list!.id, label: '一季度', kind: 'quarter', startDate: '2026-01-01', endDate: '2026-03-31', dueDate: '2026-04-10', status: 'published', publishedAt: at('2026-04-20', 10, 0), createdAt: at('2026-03-25', 9, 0) },
      { tenantId, listId: list!.id, label: '2026年11月', kind: 'month', startDate: '2026-11-01', endDate: '2026-11-30', dueDate: '2026-12-04', status: 'open', createdAt: at('2026-11-16', 9, 0) },
    ])
    .returning();

  const specs = TASK_GROUPS.flatMap((g, gi) => g.tasks.map((s, i) => ({ ...s, leader: g.leader, groupOrder: gi + 1, seq: i + 1 })));
  const rows = await tx
    .insert(tasks)
    .values(
      specs.map((s) => ({
        tenantId, listId: list!.id, leaderName: s.leader, leaderId: leaderIds.get(s.leader)!, groupOrder: s.groupOrder, seq: s.seq,
        text: s.text, contentKey: taskContentKey(s.leader, s.seq, s.text), dueDate: s.due ?? `${YEAR}-12-31`, createdAt: at('2026-02-20', 9, 0),
      })),
    )
    .returning({ id: tasks.id });

  const unitValues: (typeof taskUnits.$inferInsert)[] = [];
  const targetValues: (typeof taskTargets.$inferInsert)[] = [];
  const leadsOf: number[][] = [];
  specs.forEach((s, i) => {
    const taskId = rows[i]!.id;
    const codes = s.units.split(',');
    const starred = codes.some((c) => c.startsWith('*'));
    const leads: number[] = [];
    codes.forEach((c, position) => {
      const unit = ph.units.get(c.replace('*', ''));
      if (!unit) throw new Error(`seed: unknown unit code ${c}`);
      const isLead = !starred || c.startsWith('*');
      if (isLead) leads.push(unit.id);
      unitValues.push({ tenantId, taskId, unitId: unit.id, isLead, position });
    });
    leadsOf.push(leads);
    guessTargets(s.text).forEach((g, position) => targetValues.push({ tenantId, taskId, position, ...g }));
  });
  await tx.insert(taskUnits).values(unitValues);
  const targets = await tx.insert(taskTargets).values(targetValues).returning({ id: taskTargets.id, taskId: taskTargets.taskId, targetValue: taskTargets.targetValue, label: taskTargets.label, unit: taskTargets.unit });

  const reports: Report[] = [];
  specs.forEach((s, i) => {
    const taskId = rows[i]!.id;
    const own = targets.filter((t) => t.taskId === taskId);
    for (const unitId of leadsOf[i]!) {
      // 一季度: everything reported and accepted, with a mix of statuses.
      const q1Status = pickStatus(rng, { done: 0.08, on_track: 0.72, behind: 0.12, not_started: 0.08 });
      reports.push(report(rng, { tenantId, taskId, periodId: q1!.id, unitId, status: q1Status, state: 'accepted', share: 0.25, targets: own, office, day: '2026-04-08' }));
      // 11月: about half in, some drafts, a few returned, the rest not yet started.
      const roll = rng.next();
      if (roll < 0.5) {
        const early = s.due && s.due < TODAY;
        const status = early ? (rng.chance(0.6) ? 'done' : 'behind') : pickStatus(rng, { done: 0.15, on_track: 0.7, behind: 0.15, not_started: 0 });
        reports.push(report(rng, { tenantId, taskId, periodId: nov!.id, unitId, status, state: rng.chance(0.5) ? 'accepted' : 'submitted', share: 0.85, targets: own, office, day: '2026-11-20' }));
      } else if (roll < 0.62) {
        reports.push(report(rng, { tenantId, taskId, periodId: nov!.id, unitId, status: 'on_track', state: 'draft', share: 0.8, targets: own, office, day: '2026-11-21' }));
      } else if (roll < 0.68) {
        reports.push({ ...report(rng, { tenantId, taskId, periodId: nov!.id, unitId, status: 'on_track', state: 'returned', share: 0.8, targets: own, office, day: '2026-11-19' }), officeComment: '请补充具体数据和下一步工作计划。', version: 3 });
      }
    }
  });
  for (let i = 0; i < reports.length; i += 300) await tx.insert(taskReports).values(reports.slice(i, i + 300));
}

function pickStatus(rng: Rng, weights: Record<TaskStatus, number>): TaskStatus {
  let x = rng.next();
  for (const [k, w] of Object.entries(weights) as [TaskStatus, number][]) {
    if ((x -= w) < 0) return k;
  }
  return 'on_track';
}

const PHRASES: Record<TaskStatus, string[]> = {
  done: ['已全面完成年度目标任务。', '提前完成既定任务，相关工作已通过验收。'],
  on_track: ['按计划有序推进，各项工作节点均已落实。', '已制定实施方案，明确责任分工和时间节点，工作序时推进。', '召开专题推进会，协调解决重点难点问题，进度符合预期。'],
  behind: ['受要素保障制约，进度滞后于计划，正在协调推进。', '项目前期手续办理时间较长，进度有所滞后，已制定赶超措施。'],
  not_started: ['正在开展前期调研，尚未正式启动。'],
};

function report(
  rng: Rng,
  o: {
    tenantId: number; taskId: number; periodId: number; unitId: number; status: TaskStatus; state: 'accepted' | 'submitted' | 'draft' | 'returned';
    share: number; targets: { id: number; targetValue: number; label: string; unit: string }[]; office: number; day: string;
  },
): Report {
  const factor = o.status === 'done' ? 1.02 : o.status === 'behind' ? o.share * 0.6 : o.status === 'not_started' ? 0 : o.share;
  const figures = o.targets.map((t) => ({ targetId: t.id, value: Math.round(t.targetValue * factor * 10) / 10 }));
  const lead = o.targets[0] && o.status !== 'not_started' ? `${o.targets[0].label}完成${figures[0]!.value}${o.targets[0].unit}。` : '';
  const submitted = o.state !== 'draft';
  return {
    tenantId: o.tenantId, taskId: o.taskId, periodId: o.periodId, unitId: o.unitId, isLead: true,
    progress: `${lead}${rng.pick(PHRASES[o.status])}`, status: o.status, figures, state: o.state,
    submittedAt: submitted ? at(o.day, 10, 0) : null, reviewedAt: o.state === 'accepted' || o.state === 'returned' ? at(o.day, 15, 0) : null,
    reviewedBy: o.state === 'accepted' || o.state === 'returned' ? o.office : null, version: submitted ? 2 : 1,
    createdAt: at(o.day, 9, 0), updatedAt: at(o.day, 10, 0),
  };
}
