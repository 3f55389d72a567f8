import { and, asc, eq, ne } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { assignments, coOpinions, units } from '../db/schema.js';
import { CO_REOPINION_WORKING_DAYS } from '../../shared/domain.js';
import { addWorkingDays, loadCalendar, monthsDeadline, type WorkCalendar } from '../calendar/working-days.js';
import { formatDay } from '../tasks/format-day.js';
import { conflict } from '../errors.js';
import type { ProposalRow } from './proposal-access.js';
import { sessionOf } from './handling-common.js';

// 会办 before 答复: each co-unit (会办) owes the lead unit its opinion within a window — the
// session's co_opinion_months after its assignment, or CO_REOPINION_WORKING_DAYS working days
// when the proposer has asked it for a new one (round 2). The lead unit may not send its reply
// while a co-unit has neither given the opinion of its round nor let that window pass.

export interface CoOpinionState {
  assignmentId: number;
  unitId: number;
  unitName: string;
  /** The co-unit's round: 2 once the proposer asked it for a new opinion. */
  round: number;
  /** It has given its opinion for this round. */
  given: boolean;
  /** The last day of its window ('YYYY-MM-DD'). */
  windowEnds: string;
  /** Not given and the window still open on `today`: the lead unit's reply waits for it. */
  waiting: boolean;
}

export function coOpinionWindowEnd(
  a: { round: number; roundFrom: string | null; assignedAt: string },
  coOpinionMonths: number,
  cal: WorkCalendar,
): string {
  if (a.round > 1 && a.roundFrom) return addWorkingDays(a.roundFrom, CO_REOPINION_WORKING_DAYS, cal);
  return monthsDeadline(a.assignedAt, coOpinionMonths, cal);
}

/** Every live co-unit of the proposal with where its opinion stands on `today`. */
export async function coOpinionStates(tx: Executor, p: ProposalRow, today: string): Promise<CoOpinionState[]> {
  const rows = await tx
    .select({ a: assignments, unitName: units.name })
    .from(assignments)
    .innerJoin(units, eq(units.id, assignments.unitId))
    .where(and(eq(assignments.proposalId, p.id), eq(assignments.tenantId, p.tenantId), eq(assignments.role, 'co'), ne(assignments.status, 'removed')))
    .orderBy(asc(assignments.position), asc(assignments.id));
  if (rows.length === 0) return [];
  const opinions = await tx
    .select({ unitId: coOpinions.unitId, round: coOpinions.round })
    .from(coOpinions)
    .where(and(eq(coOpinions.proposalId, p.id), eq(coOpinions.tenantId, p.tenantId)));
  const given = new Set(opinions.map((o) => `${o.unitId}:${o.round}`));
  const session = await sessionOf(tx, p);
  const cal = await loadCalendar(tx, p.tenantId);
  return rows.map(({ a, unitName }) => {
    const windowEnds = coOpinionWindowEnd(a, session.coOpinionMonths, cal);
    const has = given.has(`${a.unitId}:${a.round}`);
    return { assignmentId: a.id, unitId: a.unitId, unitName, round: a.round, given: has, windowEnds, waiting: !has && today <= windowEnds };
  });
}

/** 「教育局、卫生健康局尚未提交会办意见…会办期限至2026年12月10日」, naming each unit and its window's end. */
export function missingCoOpinionsMessage(waiting: Pick<CoOpinionState, 'unitName' | 'windowEnds'>[]): string {
  const ends = [...new Set(waiting.map((w) => w.windowEnds))];
  const names =
    ends.length === 1
      ? `${waiting.map((w) => w.unitName).join('、')}尚未提交会办意见（会办期限至${formatDay(ends[0]!)}）`
      : `${waiting.map((w) => `${w.unitName}（会办期限至${formatDay(w.windowEnds)}）`).join('、')}尚未提交会办意见`;
  return `会办单位${names}，须待其提交会办意见或会办期限届满后才能答复`;
}

/** The gate of the lead unit's reply: 409 naming the co-units still waited for. */
export async function requireCoOpinions(tx: Executor, p: ProposalRow, today: string) {
  const waiting = (await coOpinionStates(tx, p, today)).filter((s) => s.waiting);
  if (waiting.length) {
    throw conflict(missingCoOpinionsMessage(waiting), {
      waiting: waiting.map((w) => ({ unitId: w.unitId, unitName: w.unitName, windowEnds: w.windowEnds })),
    });
  }
}
