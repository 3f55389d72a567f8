import { eq } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { calendarDays } from '../db/schema.js';

/**
 * A tenant's working-day calendar: Monday to Friday, less official holidays, plus the 调休
 * weekends that are worked. Days are 'YYYY-MM-DD' strings in China time.
 */
export interface WorkCalendar {
  holidays: ReadonlySet<string>;
  workdays: ReadonlySet<string>;
}

const toDate = (day: string) => new Date(`${day}T00:00:00Z`);
const toDay = (d: Date) => d.toISOString().slice(0, 10);

export function shiftDays(day: string, n: number): string {
  const d = toDate(day);
  d.setUTCDate(d.getUTCDate() + n);
  return toDay(d);
}

export function isWorkingDay(day: string, cal: WorkCalendar): boolean {
  if (cal.holidays.has(day)) return false;
  if (cal.workdays.has(day)) return true;
  const wd = toDate(day).getUTCDay();
  return wd !== 0 && wd !== 6;
}

/** The n-th working day after `day` (the day itself does not count). */
export function addWorkingDays(day: string, n: number, cal: WorkCalendar): string {
  let d = day;
  let left = n;
  while (left > 0) {
    d = shiftDays(d, 1);
    if (isWorkingDay(d, cal)) left--;
  }
  return d;
}

/** The first working day on or after `day`. */
export function nextWorkingDayFrom(day: string, cal: WorkCalendar): string {
  let d = day;
  while (!isWorkingDay(d, cal)) d = shiftDays(d, 1);
  return d;
}

/** The same day of the month n months later, clamped to the month's end (1月31日 + 1 → 2月28日). */
export function addMonths(day: string, n: number): string {
  const [y, m, dd] = day.split('-').map(Number) as [number, number, number];
  const monthIndex = m - 1 + n;
  const year = y + Math.floor(monthIndex / 12);
  const month = ((monthIndex % 12) + 12) % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return toDay(new Date(Date.UTC(year, month, Math.min(dd, last))));
}

/** A deadline of whole months that falls on a holiday or weekend moves to the next working day. */
export function monthsDeadline(day: string, months: number, cal: WorkCalendar): string {
  return nextWorkingDayFrom(addMonths(day, months), cal);
}

/** Working days in (from, to]; negative when `to` is before `from`. */
export function workingDaysBetween(from: string, to: string, cal: WorkCalendar): number {
  if (to < from) return -workingDaysBetween(to, from, cal);
  let n = 0;
  for (let d = shiftDays(from, 1); d <= to; d = shiftDays(d, 1)) if (isWorkingDay(d, cal)) n++;
  return n;
}

/**
 * workingDaysBetween for many pairs of days: one pass over the calendar from the earliest day to
 * the latest counts the working days up to each day, then a pair is a subtraction (a session has
 * thousands of pairs; walking each one day by day took ~100 ms).
 */
export function workingDaysCounter(cal: WorkCalendar, days: string[]): (from: string, to: string) => number {
  const upTo = new Map<string, number>();
  if (days.length) {
    const first = days.reduce((a, b) => (a < b ? a : b));
    const last = days.reduce((a, b) => (a > b ? a : b));
    let n = 0;
    for (let d = first; d <= last; d = shiftDays(d, 1)) {
      if (isWorkingDay(d, cal)) n++;
      upTo.set(d, n);
    }
  }
  // Working days in (from, to]; negative when `to` is before `from`, as workingDaysBetween.
  return (from, to) => upTo.get(to)! - upTo.get(from)!;
}

/**
 * Turns "has the window of n working days after `start` passed by `today`?" into a date
 * comparison, so that a query can test many start days at once:
 * addWorkingDays(start, n) < today exactly when start < windowPassedBefore(today, n).
 * It is the n-th working day counting back from the day before `today`.
 */
export function windowPassedBefore(today: string, n: number, cal: WorkCalendar): string {
  let d = today;
  let left = n;
  while (left > 0) {
    d = shiftDays(d, -1);
    if (isWorkingDay(d, cal)) left--;
  }
  return d;
}

export async function loadCalendar(tx: Executor, tenantId: number): Promise<WorkCalendar> {
  const rows = await tx.select().from(calendarDays).where(eq(calendarDays.tenantId, tenantId));
  return {
    holidays: new Set(rows.filter((r) => r.kind === 'holiday').map((r) => r.day)),
    workdays: new Set(rows.filter((r) => r.kind === 'workday').map((r) => r.day)),
  };
}

