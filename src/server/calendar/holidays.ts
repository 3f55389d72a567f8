import type { Executor } from '../db/client.js';
import { calendarDays } from '../db/schema.js';
import shipped from './holidays-cn.json' with { type: 'json' };

interface YearList {
  holidays: string[];
  workingWeekends: string[];
}

/** The official holidays and 调休 working weekends shipped with the product (2025 and 2026). */
export function shippedYears(): Record<string, YearList> {
  const out: Record<string, YearList> = {};
  for (const [k, v] of Object.entries(shipped)) if (/^\d{4}$/.test(k)) out[k] = v as YearList;
  return out;
}

/** Gives a tenant the shipped calendar; existing days (an administrator's edits) are kept. */
export async function loadHolidayCalendar(tx: Executor, tenantId: number) {
  const rows = Object.values(shippedYears()).flatMap((y) => [
    ...y.holidays.map((day) => ({ tenantId, day, kind: 'holiday' as const, note: '法定节假日' })),
    ...y.workingWeekends.map((day) => ({ tenantId, day, kind: 'workday' as const, note: '调休上班' })),
  ]);
  if (rows.length) await tx.insert(calendarDays).values(rows).onConflictDoNothing();
}
