import { addWorkingDays, workingDaysBetween, type WorkCalendar } from '../calendar/working-days.js';
import { formatDay } from '../tasks/format-day.js';

/**
 * The 申请调整 window of one assignment: the session's number of working days after the unit
 * received it (a replacement unit gets a full window of its own). `lastDay` is the last working day
 * of the window; the window is open while no more than that many working days have passed, so a
 * weekend right after the last day still counts as inside.
 */
export function objectionWindow(assignedAt: string, workingDays: number, today: string, cal: WorkCalendar) {
  const lastDay = addWorkingDays(assignedAt, workingDays, cal);
  return { lastDay, open: workingDaysBetween(assignedAt, today, cal) <= workingDays };
}

/** 「申请调整期限至2026年3月17日，已截止」: what the refused request and the disabled button say. */
export const objectionClosedMessage = (lastDay: string) => `申请调整期限至${formatDay(lastDay)}，已截止`;
