import { and, asc, eq, ilike, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { proposals, taskLists, taskPeriods, taskProposalLinks, tasks, taskUnits } from '../../db/schema.js';
import type { TaskDetail, TaskPage, TasksQuery } from '../../../shared/schemas/tasks.js';
import { invalid } from '../../errors.js';
import type { Actor } from '../actor.js';
import { getVisibleProposal, visibleProposals } from '../proposal-access.js';
import { defaultPeriod, judgeTasks, presentJudged } from './judge-tasks.js';
import { getTaskList, getTaskPeriod, getVisibleTask, presentPeriod, type TaskPeriodRow } from './task-access.js';
import { loadReports } from './task-reports.js';

/** The period a read judges lights for: the one named (of this list), else the list's latest. */
export async function periodFor(tx: Executor, actor: Actor, listId: number, periodId?: number): Promise<TaskPeriodRow | null> {
  if (periodId === undefined) return defaultPeriod(tx, actor.tenantId, listId);
  const p = await getTaskPeriod(tx, actor, periodId);
  if (p.listId !== listId) throw invalid('periodId', '报告期不属于该清单');
  return p;
}

/** 任务列表: the visible tasks of a list in table order, filtered, with their lights; paged. */
export async function listTasks(tx: Executor, actor: Actor, listId: number, q: TasksQuery, today: string): Promise<TaskPage> {
  const list = await getTaskList(tx, actor, listId);
  const period = await periodFor(tx, actor, list.id, q.periodId);
  const extra = [];
  if (q.leader) extra.push(eq(tasks.leaderName, q.leader));
  if (q.q) extra.push(ilike(tasks.text, `%${q.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  if (q.unitId) extra.push(inArray(tasks.id, sql`(select ${taskUnits.taskId} from ${taskUnits} where ${taskUnits.unitId} = ${q.unitId})`));
  let judged = await judgeTasks(tx, actor, { listId: list.id, extra: extra.length ? and(...extra) : undefined }, period, today);
  if (q.light) judged = judged.filter((j) => j.light === q.light);
  if (q.status) judged = judged.filter((j) => (q.status === 'unreported' ? j.status === null : j.status === q.status));
  const start = (q.page - 1) * q.pageSize;
  return { items: judged.slice(start, start + q.pageSize).map(presentJudged), total: judged.length, page: q.page, pageSize: q.pageSize, periodId: period?.id ?? null };
}

/** 任务详情: targets, units, every period with its light and reports, and linked proposals. */
export async function readTask(tx: Executor, actor: Actor, id: number, today: string): Promise<TaskDetail> {
  const task = await getVisibleTask(tx, actor, id);
  const [list] = await tx.select().from(taskLists).where(eq(taskLists.id, task.listId));
  const periods = await tx.select().from(taskPeriods).where(eq(taskPeriods.listId, task.listId)).orderBy(asc(taskPeriods.startDate), asc(taskPeriods.id));
  const latest = periods.at(-1) ?? null;
  const [base] = await judgeTasks(tx, actor, { taskIds: [task.id] }, latest, today);
  const reports = await loadReports(tx, { taskIds: [task.id] });
  const perPeriod = [];
  for (const p of periods) {
    const [j] = p === latest ? [base!] : await judgeTasks(tx, actor, { taskIds: [task.id] }, p, today);
    perPeriod.push({ period: presentPeriod(p), light: j!.light, lightReason: j!.lightReason, status: j!.status, reports: reports.filter((r) => r.periodId === p.id) });
  }
  const linked = await tx
    .select({ id: proposals.id, number: proposals.number, title: proposals.title, status: proposals.status })
    .from(taskProposalLinks)
    .innerJoin(proposals, eq(proposals.id, taskProposalLinks.proposalId))
    .where(and(eq(taskProposalLinks.taskId, task.id), visibleProposals(actor)))
    .orderBy(asc(proposals.id));
  return { ...presentJudged(base!), listTitle: list!.title, year: list!.year, periods: perPeriod, proposals: linked };
}

/** 关联任务 of a proposal, for whoever may see the proposal. */
export async function listProposalTasks(tx: Executor, actor: Actor, proposalId: number) {
  await getVisibleProposal(tx, actor, proposalId);
  return tx
    .select({ id: tasks.id, listId: tasks.listId, listTitle: taskLists.title, leaderName: tasks.leaderName, seq: tasks.seq, text: tasks.text })
    .from(taskProposalLinks)
    .innerJoin(tasks, eq(tasks.id, taskProposalLinks.taskId))
    .innerJoin(taskLists, eq(taskLists.id, tasks.listId))
    .where(and(eq(taskProposalLinks.proposalId, proposalId), eq(taskProposalLinks.tenantId, actor.tenantId)))
    .orderBy(asc(tasks.listId), asc(tasks.groupOrder), asc(tasks.seq));
}
