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
  /** Filed proposals merged into another (they drop out of 并案后). */
  mergedSecondaries: z.number().int(),
  afterMerge: z.number().int(),
  /** The merge as printed: 「其中4件合并为2件」 is {proposals: 4, groups: 2} (primaries and their secondaries). */
  merged: z.object({ proposals: z.number().int(), groups: z.number().int() }),
  keyProposals: z.number().int(),
  keyLeaders: z.number().int(),
  /** 满意率 of the key proposals alone (重点提案公示: 「满意率达100%」), by the same lead-unit evaluation. */
  keySatisfaction: z.object({ evaluated: z.number().int(), attitude: rate, result: rate }),
  handled: z.number().int(),
  resultClasses: z.object({ A: z.number().int(), B: z.number().int(), C: z.number().int() }),
  /**
   * 满意率: per evaluated proposal, the lead unit's latest evaluation (主办, or the first 分办 unit);
   * each co-unit's and other 分办 unit's own evaluation counts in the league table only.
   */
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
  /** Proposals it leads that its lead reply has answered (the 见面率 denominator). */
  handled: z.number().int(),
  /** Mean working days from assignment to its first lead reply, one decimal; null before any reply. */
  avgReplyWorkingDays: z.number().nullable(),
  /**
   * The unit's own latest evaluation on each proposal it handled (as 主办, 会办 or 分办): 满意率 of
   * attitude and of result. A co-unit's 不满意 lowers its own rate, not the lead unit's.
   */
  satisfaction: z.object({ evaluated: z.number().int(), attitude: rate, result: rate }),
  /** Handled proposals it leads with a face-to-face contact / handled (same definition as the session's). */
  faceToFaceRate: rate,
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

/** Columns the unit table may be sorted by (排序). */
export const UNIT_STATS_SORT_FIELDS = [
  'name', 'assigned', 'asLead', 'replied', 'handled', 'onTime', 'onTimeRate', 'avgReplyWorkingDays', 'A', 'B', 'C',
  'attitudeRate', 'resultRate', 'faceToFaceRate', 'overdue',
] as const;
export type UnitStatsSortField = (typeof UNIT_STATS_SORT_FIELDS)[number];

const UNIT_SORT_MESSAGE = `排序方式无效：可选字段为 ${UNIT_STATS_SORT_FIELDS.join('、')}，方向为 asc 或 desc，例如 onTimeRate:desc`;

export const unitStatsQuery = z.object({
  /** field[:asc|desc], e.g. onTimeRate:desc; by name when absent. */
  sort: z
    .string()
    .max(40, UNIT_SORT_MESSAGE)
    .transform((s, ctx) => {
      const [field, dir = 'asc', ...rest] = s.split(':');
      if (rest.length || !(UNIT_STATS_SORT_FIELDS as readonly string[]).includes(field!) || (dir !== 'asc' && dir !== 'desc')) {
        ctx.addIssue({ code: 'custom', message: UNIT_SORT_MESSAGE, input: s });
        return z.NEVER;
      }
      return { field: field as UnitStatsSortField, dir: dir as 'asc' | 'desc' };
    })
    .optional(),
});
export type UnitStatsQuery = z.infer<typeof unitStatsQuery>;
