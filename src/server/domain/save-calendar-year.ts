import { and, asc, eq, gte, lte } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { calendarDays } from '../db/schema.js';
import { AppError } from '../errors.js';
import type { FieldIssue } from '../../shared/errors.js';
import type { PutCalendarBody } from '../../shared/schemas/admin.js';
import type { Actor } from './actor.js';
import { writeAudit } from './audit.js';

type Kind = 'holiday' | 'workday';

/** A tenant's exceptions to the Monday–Friday week in one year, as the calendar screen shows them. */
export async function calendarYear(tx: Executor, tenantId: number, year: number) {
  const rows = await tx
    .select()
    .from(calendarDays)
    .where(and(eq(calendarDays.tenantId, tenantId), gte(calendarDays.day, `${year}-01-01`), lte(calendarDays.day, `${year}-12-31`)))
    .orderBy(asc(calendarDays.day));
  const of = (k: Kind) => rows.filter((r) => r.kind === k).map((r) => ({ day: r.day, note: r.note }));
  return { year, holidays: of('holiday'), workdays: of('workday') };
}

function validate(year: number, input: PutCalendarBody) {
  const issues: FieldIssue[] = [];
  const seen = new Map<string, Kind>();
  const lists: [Kind, 'holidays' | 'workdays'][] = [['holiday', 'holidays'], ['workday', 'workdays']];
  for (const [kind, field] of lists) {
    input[field].forEach(({ day }, i) => {
      const path = `body.${field}.${i}.day`;
      if (!day.startsWith(`${year}-`)) issues.push({ path, message: `${day}不在${year}年内` });
      const prior = seen.get(day);
      if (prior === kind) issues.push({ path, message: `${day}重复` });
      else if (prior) issues.push({ path, message: `${day}不能既是节假日又是调休上班日` });
      seen.set(day, kind);
      const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
      if (kind === 'workday' && weekday !== 0 && weekday !== 6) issues.push({ path, message: `${day}不是周末，无需设为调休上班日` });
    });
  }
  if (issues.length) throw new AppError('VALIDATION_FAILED', issues.map((i) => i.message).join('；'), issues);
}

/**
 * Replaces a year's holidays and 调休 working weekends. Deadlines already computed keep their
 * dates; deadlines computed from now on use the new calendar.
 */
export async function saveCalendarYear(tx: Executor, actor: Actor, year: number, input: PutCalendarBody) {
  validate(year, input);
  const before = await calendarYear(tx, actor.tenantId, year);
  await tx
    .delete(calendarDays)
    .where(and(eq(calendarDays.tenantId, actor.tenantId), gte(calendarDays.day, `${year}-01-01`), lte(calendarDays.day, `${year}-12-31`)));
  const rows = [
    ...input.holidays.map((h) => ({ tenantId: actor.tenantId, day: h.day, kind: 'holiday' as const, note: h.note ?? null })),
    ...input.workdays.map((w) => ({ tenantId: actor.tenantId, day: w.day, kind: 'workday' as const, note: w.note ?? null })),
  ];
  if (rows.length) await tx.insert(calendarDays).values(rows);
  const after = await calendarYear(tx, actor.tenantId, year);
  await writeAudit(tx, actor, { action: 'calendar.replace_year', entityType: 'calendar', entityId: year, before, after });
  return after;
}
