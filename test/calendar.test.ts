import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { freshDatabase } from './helpers/db.js';
import { buildWorld, type World } from './helpers/world.js';
import type { Database } from '../src/server/db/client.js';
import { calendarDays } from '../src/server/db/schema.js';
import {
  addMonths,
  addWorkingDays,
  isWorkingDay,
  loadCalendar,
  monthsDeadline,
  nextWorkingDayFrom,
  shiftDays,
  windowPassedBefore,
  workingDaysBetween,
  type WorkCalendar,
} from '../src/server/calendar/working-days.js';
import { loadHolidayCalendar, shippedYears } from '../src/server/calendar/holidays.js';

// Every expected date below was worked out by hand from holidays-cn.json (the State Council
// notices) and a wall calendar, not computed by the code under test.

let database: Database;
let w: World;
let cal: WorkCalendar;

beforeAll(async () => {
  database = await freshDatabase();
  w = await buildWorld(database.db);
  cal = await loadCalendar(database.db, w.tenantId);
});
afterAll(async () => {
  await database.close();
});

describe('the shipped calendar', () => {
  it('holds both years, with the 调休 weekends as working days', () => {
    const years = shippedYears();
    expect(Object.keys(years).sort()).toEqual(['2025', '2026']);
    expect(cal.holidays.size).toBe(28 + 33);
    expect(cal.workdays.size).toBe(5 + 6);
    // Sunday 28 Sept and Saturday 11 Oct 2025 are worked; the Saturday and Sunday between are not.
    expect(isWorkingDay('2025-09-28', cal)).toBe(true);
    expect(isWorkingDay('2025-10-11', cal)).toBe(true);
    expect(isWorkingDay('2025-10-04', cal)).toBe(false);
    expect(isWorkingDay('2025-10-06', cal)).toBe(false); // a Monday inside 国庆
    expect(isWorkingDay('2025-10-12', cal)).toBe(false); // an ordinary Sunday
    expect(isWorkingDay('2025-10-09', cal)).toBe(true);
    expect(isWorkingDay('2026-02-14', cal)).toBe(true); // Saturday before 春节 2026
    expect(isWorkingDay('2026-02-23', cal)).toBe(false); // Monday, last day of 春节 2026
  });
});

describe('国庆 2025 (1–8 Oct off, Sun 28 Sept and Sat 11 Oct worked)', () => {
  it('counts working days across the holiday', () => {
    // Fri 26 Sept → Sun 28 (1), Mon 29 (2), Tue 30 (3), Thu 9 Oct (4), Fri 10 Oct (5).
    expect(addWorkingDays('2025-09-26', 1, cal)).toBe('2025-09-28');
    expect(addWorkingDays('2025-09-26', 5, cal)).toBe('2025-10-10');
    expect(addWorkingDays('2025-09-26', 6, cal)).toBe('2025-10-11');
    expect(addWorkingDays('2025-09-26', 7, cal)).toBe('2025-10-13');
    // The day after Tue 30 Sept that is worked is Thu 9 Oct.
    expect(addWorkingDays('2025-09-30', 1, cal)).toBe('2025-10-09');
    expect(addWorkingDays('2025-09-30', 3, cal)).toBe('2025-10-11');
  });

  it('measures the distance over the holiday', () => {
    // (26 Sept, 12 Oct]: 28, 29, 30 Sept, 9, 10, 11 Oct.
    expect(workingDaysBetween('2025-09-26', '2025-10-12', cal)).toBe(6);
    expect(workingDaysBetween('2025-10-12', '2025-09-26', cal)).toBe(-6);
    expect(workingDaysBetween('2025-09-30', '2025-10-08', cal)).toBe(0);
    expect(workingDaysBetween('2025-09-30', '2025-10-09', cal)).toBe(1);
    expect(workingDaysBetween('2025-09-30', '2025-10-13', cal)).toBe(4);
    expect(workingDaysBetween('2025-10-10', '2025-10-10', cal)).toBe(0);
  });
});

describe('春节 with its 调休 weekends', () => {
  it('2025: 28 Jan–4 Feb off, Sun 26 Jan and Sat 8 Feb worked', () => {
    // Fri 24 Jan → Sun 26 (1), Mon 27 (2), Wed 5 Feb (3), Thu 6 (4), Fri 7 (5), Sat 8 (6), Mon 10 (7).
    expect(addWorkingDays('2025-01-24', 1, cal)).toBe('2025-01-26');
    expect(addWorkingDays('2025-01-24', 5, cal)).toBe('2025-02-07');
    expect(addWorkingDays('2025-01-24', 6, cal)).toBe('2025-02-08');
    expect(addWorkingDays('2025-01-24', 7, cal)).toBe('2025-02-10');
    expect(workingDaysBetween('2025-01-24', '2025-02-09', cal)).toBe(6);
    expect(workingDaysBetween('2025-01-27', '2025-02-04', cal)).toBe(0);
  });

  it('2026: 15–23 Feb off, Sat 14 Feb and Sat 28 Feb worked', () => {
    // Thu 12 Feb → Fri 13 (1), Sat 14 (2), Tue 24 (3), Wed 25 (4), Thu 26 (5).
    expect(addWorkingDays('2026-02-12', 5, cal)).toBe('2026-02-26');
    // Fri 13 Feb → Sat 14 (1), Tue 24 (2), Wed 25 (3), Thu 26 (4), Fri 27 (5), Sat 28 (6), Mon 2 Mar (7).
    expect(addWorkingDays('2026-02-13', 5, cal)).toBe('2026-02-27');
    expect(addWorkingDays('2026-02-13', 6, cal)).toBe('2026-02-28');
    expect(addWorkingDays('2026-02-13', 7, cal)).toBe('2026-03-02');
    expect(workingDaysBetween('2026-02-13', '2026-03-01', cal)).toBe(6);
  });
});

describe('monthsDeadline', () => {
  it('keeps a deadline that falls on a working day', () => {
    expect(monthsDeadline('2025-03-05', 3, cal)).toBe('2025-06-05'); // a Thursday
  });

  it('moves a deadline on a holiday or weekend to the next working day', () => {
    expect(monthsDeadline('2025-07-01', 3, cal)).toBe('2025-10-09'); // 1 Oct (国庆) → Thu 9 Oct
    expect(monthsDeadline('2025-03-15', 3, cal)).toBe('2025-06-16'); // Sun 15 June → Mon 16
    // Sat 31 May is 端午, and so are Sun 1 and Mon 2 June → Tue 3 June.
    expect(monthsDeadline('2025-01-31', 4, cal)).toBe('2025-06-03');
    // The same day of the month, not the month's end: 28 Feb + 3 months is Wed 28 May.
    expect(monthsDeadline('2025-02-28', 3, cal)).toBe('2025-05-28');
    expect(monthsDeadline('2025-11-16', 3, cal)).toBe('2026-02-24'); // Mon 16 Feb 2026 (春节)
  });

  it('keeps a deadline on a 调休 Saturday, which is worked', () => {
    expect(monthsDeadline('2025-11-14', 3, cal)).toBe('2026-02-14');
    expect(nextWorkingDayFrom('2025-10-11', cal)).toBe('2025-10-11');
  });

  it('clamps to the end of a shorter month', () => {
    expect(addMonths('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-10-31', 4)).toBe('2026-02-28');
    expect(addMonths('2025-11-30', -9)).toBe('2025-02-28');
    expect(monthsDeadline('2025-01-31', 1, cal)).toBe('2025-02-28'); // a Friday
    // 31 Mar + 2 months → 31 May (端午, Saturday) → Tue 3 June.
    expect(monthsDeadline('2025-03-31', 2, cal)).toBe('2025-06-03');
    // 31 Dec + 2 months → 28 Feb 2026, a 调休 Saturday: stays.
    expect(monthsDeadline('2025-12-31', 2, cal)).toBe('2026-02-28');
  });
});

describe('windowPassedBefore', () => {
  it('agrees with addWorkingDays for every start day around 国庆', () => {
    for (const n of [0, 1, 3, 15]) {
      for (let today = '2025-09-20'; today <= '2025-10-31'; today = shiftDays(today, 1)) {
        const cutoff = windowPassedBefore(today, n, cal);
        for (let start = '2025-09-01'; start <= today; start = shiftDays(start, 1)) {
          expect(start < cutoff, `${start} + ${n} on ${today}`).toBe(addWorkingDays(start, n, cal) < today);
        }
      }
    }
  });

  it('counts back over the holiday', () => {
    // On Sun 12 Oct, a 1-day window passed for replies before Sat 11 Oct; 3 days: before Thu 9 Oct.
    expect(windowPassedBefore('2025-10-12', 1, cal)).toBe('2025-10-11');
    expect(windowPassedBefore('2025-10-12', 3, cal)).toBe('2025-10-09');
    expect(windowPassedBefore('2025-10-12', 4, cal)).toBe('2025-09-30');
  });
});

describe("an administrator's edits", () => {
  it('a local holiday added to calendar_days changes the result for that tenant only', async () => {
    const db = database.db;
    expect(addWorkingDays('2025-09-30', 3, cal)).toBe('2025-10-11');
    await db.insert(calendarDays).values({ tenantId: w.tenantId, day: '2025-10-10', kind: 'holiday', note: '地方调休' });
    const edited = await loadCalendar(db, w.tenantId);
    // Thu 9 (1), Sat 11 (2), Mon 13 (3).
    expect(addWorkingDays('2025-09-30', 3, edited)).toBe('2025-10-13');
    expect(workingDaysBetween('2025-09-26', '2025-10-12', edited)).toBe(5);
    const other = await loadCalendar(db, w.otherTenantId);
    expect(addWorkingDays('2025-09-30', 3, other)).toBe('2025-10-11');
  });

  it('a worked Sunday added by the administrator counts, and reloading the shipped data keeps the edits', async () => {
    const db = database.db;
    await db.insert(calendarDays).values({ tenantId: w.tenantId, day: '2025-10-12', kind: 'workday', note: '补班' });
    // Turn the last day of 国庆 into a working day as well.
    await db
      .update(calendarDays)
      .set({ kind: 'workday', note: '地方调整' })
      .where(and(eq(calendarDays.tenantId, w.tenantId), eq(calendarDays.day, '2025-10-08')));
    await loadHolidayCalendar(db, w.tenantId);
    const edited = await loadCalendar(db, w.tenantId);
    expect(isWorkingDay('2025-10-08', edited)).toBe(true);
    expect(isWorkingDay('2025-10-12', edited)).toBe(true);
    // Tue 30 Sept → Wed 8 Oct (1), Thu 9 (2), Sat 11 (3; 10 Oct is the local holiday above).
    expect(addWorkingDays('2025-09-30', 3, edited)).toBe('2025-10-11');
    expect(monthsDeadline('2025-07-08', 3, edited)).toBe('2025-10-08');
    expect(monthsDeadline('2025-07-08', 3, cal)).toBe('2025-10-09');
  });
});
