// 红黄绿灯: how a task stands in a reporting period. Pure, so the rules are unit-tested and the
// web can explain a light with the same words.

export const TASK_STATUSES = ['done', 'on_track', 'behind', 'not_started'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export const REPORT_STATES = ['draft', 'submitted', 'accepted', 'returned'] as const;
export type ReportState = (typeof REPORT_STATES)[number];
export const LIGHTS = ['green', 'yellow', 'red'] as const;
export type Light = (typeof LIGHTS)[number];

/** A task or a period this many working days from its due date, or fewer, and not done: yellow. */
export const WARNING_WORKING_DAYS = 10;

export const LIGHT_REASONS = {
  done: '已完成',
  on_track: '序时推进',
  not_started: '尚未报送或未启动，未到预警期',
  behind: '自报滞后',
  due_soon: `任务临近完成时限（${WARNING_WORKING_DAYS}个工作日内）`,
  period_due_soon: `报送截止日临近（${WARNING_WORKING_DAYS}个工作日内），尚未报送`,
  report_overdue: '逾期未报送',
  behind_overdue: '滞后且已过报送截止日',
  task_overdue: '已过任务完成时限仍未完成',
} as const;
export type LightReason = keyof typeof LIGHT_REASONS;

export interface LightInput {
  /** 'YYYY-MM-DD', China time. */
  today: string;
  taskDueDate: string;
  /** The period judged; null when the list has no period yet. */
  period: { dueDate: string } | null;
  /** How many units lead the task (a task without ★ has several). */
  leadUnitCount: number;
  /** The lead units' reports for the period, in any state. */
  leadReports: readonly { status: TaskStatus | null; state: ReportState }[];
  /** Working days from today to `day` (negative when past); the tenant's calendar. */
  workingDaysUntil: (day: string) => number;
}

const SEVERITY: Record<TaskStatus, number> = { done: 0, on_track: 1, not_started: 2, behind: 3 };

/**
 * The status a task shows for a period: once every lead unit has submitted, the worst of their
 * statuses; null before (one lead unit's 已完成 does not make a shared task done).
 */
export function reportedStatus(reports: LightInput['leadReports'], leadUnitCount: number): TaskStatus | null {
  const submitted = reports.filter((r) => r.state === 'submitted' || r.state === 'accepted');
  if (submitted.length < Math.max(1, leadUnitCount)) return null;
  let worst: TaskStatus | null = null;
  for (const r of submitted) {
    if (!r.status) continue;
    if (worst === null || SEVERITY[r.status] > SEVERITY[worst]) worst = r.status;
  }
  return worst;
}

/**
 * green: done, or on track with nothing near its date;
 * yellow: the task's due date or (unreported) the period's due date within the warning window,
 *   or a lead unit reports 滞后 before the period's due date;
 * red: the period's due date passed without every lead unit's report, 滞后 after the period's
 *   due date, or the task's own due date passed without 已完成.
 */
export function trafficLight(i: LightInput): { light: Light; reason: LightReason } {
  const submitted = i.leadReports.filter((r) => r.state === 'submitted' || r.state === 'accepted');
  const expected = Math.max(1, i.leadUnitCount);
  const complete = submitted.length >= expected;
  const status = reportedStatus(i.leadReports, i.leadUnitCount);
  if (complete && submitted.every((r) => r.status === 'done')) return { light: 'green', reason: 'done' };

  const periodPassed = i.period !== null && i.period.dueDate < i.today;
  if (periodPassed && !complete) return { light: 'red', reason: 'report_overdue' };
  if (i.taskDueDate < i.today) return { light: 'red', reason: 'task_overdue' };
  if (submitted.some((r) => r.status === 'behind')) return periodPassed ? { light: 'red', reason: 'behind_overdue' } : { light: 'yellow', reason: 'behind' };
  if (i.workingDaysUntil(i.taskDueDate) <= WARNING_WORKING_DAYS) return { light: 'yellow', reason: 'due_soon' };
  if (i.period && !complete && i.workingDaysUntil(i.period.dueDate) <= WARNING_WORKING_DAYS) {
    return { light: 'yellow', reason: 'period_due_soon' };
  }
  return { light: 'green', reason: status === 'on_track' || status === 'done' ? 'on_track' : 'not_started' };
}

export interface LightCounts {
  green: number;
  yellow: number;
  red: number;
  total: number;
}

export const emptyCounts = (): LightCounts => ({ green: 0, yellow: 0, red: 0, total: 0 });

export function countLight(c: LightCounts, light: Light) {
  c[light]++;
  c.total++;
}
