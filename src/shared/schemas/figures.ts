import { z } from 'zod';
import { STATES } from '../lifecycle.js';

/** A percentage to one decimal with the counts behind it; null when nothing is counted. */
export const rate = z.object({
  value: z.number().nullable(),
  numerator: z.number().int(),
  denominator: z.number().int(),
});
export type Rate = z.infer<typeof rate>;

const satisfactionSide = z.object({
  satisfied: z.number().int(),
  basic: z.number().int(),
  unsatisfied: z.number().int(),
  rate,
});

/** The year's figures of a session (年度提案工作数据), identical for staff and the public portal. */
export const figures = z.object({
  sessionId: z.number().int(),
  sessionName: z.string(),
  year: z.number().int(),
  /** The day "overdue" was judged on (China time). */
  asOf: z.string(),
  received: z.number().int(),
  filed: z.number().int(),
  notFiled: z.object({ total: z.number().int(), letter: z.number().int(), socialReport: z.number().int() }),
  filingRate: rate,
  mergedSecondaries: z.number().int(),
  afterMerge: z.number().int(),
  keyProposals: z.number().int(),
  keyLeaders: z.number().int(),
  handled: z.number().int(),
  resultClasses: z.object({ A: z.number().int(), B: z.number().int(), C: z.number().int() }),
  satisfaction: z.object({ evaluated: z.number().int(), attitude: satisfactionSide, result: satisfactionSide }),
  onTimeRate: rate,
  faceToFaceRate: rate,
  overdue: z.number().int(),
  byStatus: z.array(z.object({ status: z.enum(STATES), count: z.number().int() })),
});
export type Figures = z.infer<typeof figures>;

/** One handling unit's record in a session (承办单位办理情况). */
export const unitStatsRow = z.object({
  unitId: z.number().int(),
  name: z.string(),
  /** Proposals assigned to the unit in any role (主办, 会办, 分办), removed assignments excluded. */
  assigned: z.number().int(),
  /** Of those, the proposals on which its reply is the one that counts (主办, or first 分办). */
  asLead: z.number().int(),
  /** Its lead replies, the one after 重新办理 included. */
  replied: z.number().int(),
  /** Lead replies sent by their deadline. */
  onTime: z.number().int(),
  /** onTime / (replied + overdue); null when nothing was due. */
  onTimeRate: rate,
  /** Proposals it leads that are still with it past their deadline. */
  overdue: z.number().int(),
  /** Class of its latest lead reply, per proposal it answered. */
  resultClasses: z.object({ A: z.number().int(), B: z.number().int(), C: z.number().int() }),
});
export type UnitStatsRow = z.infer<typeof unitStatsRow>;

export const unitStats = z.object({
  sessionId: z.number().int(),
  sessionName: z.string(),
  asOf: z.string(),
  /** Every unit with an assignment in the session, by name. */
  units: z.array(unitStatsRow),
});
export type UnitStats = z.infer<typeof unitStats>;
