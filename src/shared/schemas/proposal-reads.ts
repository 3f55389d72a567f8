import { z } from 'zod';
import { ACTIONS, STATES, type State } from '../lifecycle.js';
import {
  ASSIGNMENT_STATUSES,
  CATEGORIES,
  CONTACT_METHODS,
  DISCLOSURES,
  PROPOSAL_KINDS,
  REPLY_STATUSES,
  RESULT_CLASSES,
  REVIEW_REASONS,
  CONVERSIONS,
  SATISFACTION,
  SUBMITTED_DURING,
  SUPERVISION_KINDS,
  UNIT_ROLES,
  type AssignmentStatus,
} from '../domain.js';
import { pageOf, pageQuery } from './common.js';
import { proposalSummary } from './proposal.js';

// Query strings arrive as text: booleans and lists are parsed here so that the domain layer
// receives typed values, and every rejection names the field in Chinese.

const positiveId = (label: string) => z.coerce.number({ error: `${label}无效` }).int(`${label}无效`).positive(`${label}无效`);

const boolText = (label: string) =>
  z.enum(['true', 'false'], { error: `${label}只能为 true 或 false` }).transform((v) => v === 'true');

/** Fields a list may be sorted by. Anything else is refused rather than passed to SQL. */
export const SORT_FIELDS = ['number', 'submittedAt', 'updatedAt', 'deadline', 'title'] as const;
export type SortField = (typeof SORT_FIELDS)[number];
export interface SortKey {
  field: SortField;
  dir: 'asc' | 'desc';
}

const SORT_MESSAGE = `排序方式无效：可选字段为 ${SORT_FIELDS.join('、')}，方向为 asc 或 desc，例如 deadline:asc`;

const sortText = z
  .string()
  .max(200, SORT_MESSAGE)
  .transform((s, ctx) => {
    const keys: SortKey[] = [];
    for (const part of s.split(',').map((x) => x.trim()).filter(Boolean)) {
      const [field, dir = 'asc', ...rest] = part.split(':');
      if (rest.length || !(SORT_FIELDS as readonly string[]).includes(field!) || (dir !== 'asc' && dir !== 'desc')) {
        ctx.addIssue({ code: 'custom', message: SORT_MESSAGE, input: s });
        return z.NEVER;
      }
      if (!keys.some((k) => k.field === field)) keys.push({ field: field as SortField, dir });
    }
    return keys;
  });

const statusList = z.string().transform((s, ctx) => {
  const parts = s.split(',').map((x) => x.trim()).filter(Boolean);
  const bad = parts.filter((p) => !(STATES as readonly string[]).includes(p));
  // An empty value (status=) from a cleared filter means no filter.
  if (bad.length) {
    ctx.addIssue({ code: 'custom', message: `状态无效：${bad.join('、')}`, input: s });
    return z.NEVER;
  }
  return [...new Set(parts)] as State[];
});

export const listProposalsQuery = pageQuery.extend({
  sessionId: positiveId('届次会议').optional(),
  kind: z.enum(PROPOSAL_KINDS.values, { error: '类型无效' }).optional(),
  /** One state or several, comma separated: status=assigned,handling */
  status: statusList.optional(),
  category: z.enum(CATEGORIES.values, { error: '类别无效' }).optional(),
  /** Proposals with a non-removed assignment to this unit. */
  unitId: positiveId('承办单位').optional(),
  isKey: boolText('是否重点提案').optional(),
  overdue: boolText('是否超期').optional(),
  /** Due within the next few working days (set by the deadline scan). */
  dueSoon: boolText('是否即将到期').optional(),
  /** With unitId: only where that unit's assignment has one of these statuses, comma separated. */
  unitAssignmentStatus: z
    .string()
    .transform((s, ctx) => {
      const parts = [...new Set(s.split(',').map((x) => x.trim()).filter(Boolean))];
      const bad = parts.filter((p) => !(ASSIGNMENT_STATUSES.values as readonly string[]).includes(p));
      if (bad.length) {
        ctx.addIssue({ code: 'custom', message: `交办状态无效：${bad.join('、')}`, input: s });
        return z.NEVER;
      }
      return parts as AssignmentStatus[];
    })
    .optional(),
  /** Proposals this member or body proposes (any position). */
  memberId: positiveId('提案委员').optional(),
  bodyId: positiveId('提案团体').optional(),
  q: z.string().trim().max(100, '检索词不能超过100字').optional(),
  /** field[:asc|desc], several comma separated: sort=deadline:asc,number */
  sort: sortText.optional(),
  /**
   * Keyset paging: the nextCursor of the previous page. The page starts right after that row instead of
   * skipping (page - 1) × pageSize rows; `page` then only tells the pager where it is.
   */
  after: z.string().max(400, '分页游标无效').regex(/^[A-Za-z0-9_-]+$/, '分页游标无效').optional(),
});
export type ListProposalsQuery = z.infer<typeof listProposalsQuery>;

export const proposalListItem = proposalSummary.extend({
  statusLabel: z.string(),
  sessionName: z.string(),
  leadProposerName: z.string().nullable(),
  proposerCount: z.number().int(),
  leadUnitName: z.string().nullable(),
  coUnitNames: z.array(z.string()),
  /** 分办: every unit answers separately, none leads. */
  separateUnitNames: z.array(z.string()),
  /** For a unit user: the 申请调整 window of its own assignment, while it could still object. */
  objectionWindow: z.object({ lastDay: z.string(), open: z.boolean() }).nullable().optional(),
});
export type ProposalListItem = z.infer<typeof proposalListItem>;
/** totalIsExact false: more rows than the count cap, total is the planner's estimate (shown as 约 N 条). */
export const proposalListPage = pageOf(proposalListItem).extend({
  totalIsExact: z.boolean(),
  /** The cursor of the page after this one (keyset paging, ?after=), or null when there is none or the sort has no keyset. */
  nextCursor: z.string().nullable(),
});

const iso = z.string();

const proposerView = z.object({
  position: z.number().int(),
  kind: z.enum(['member', 'body']),
  memberId: z.number().int().nullable(),
  bodyId: z.number().int().nullable(),
  name: z.string(),
  sector: z.string().nullable(),
  party: z.string().nullable(),
  workplace: z.string().nullable(),
  /** Only committee staff see phone numbers. */
  phone: z.string().nullable().optional(),
  confirmation: z.enum(['lead', 'pending', 'confirmed', 'declined']),
  confirmedAt: iso.nullable(),
  /** 代录: the staff member who recorded this co-proposer's paper signature. */
  recordedByName: z.string().nullable().optional(),
});

const mergeMember = z.object({
  id: z.number().int(),
  number: z.number().int().nullable(),
  title: z.string(),
  proposerNames: z.array(z.string()),
});

export const proposalDetail = proposalSummary.extend({
  statusLabel: z.string(),
  body: z.string(),
  submittedDuring: z.enum(SUBMITTED_DURING.values),
  createdBy: z.number().int(),
  /** 代录: the staff member who entered this paper proposal in the proposer's name. */
  enteredByName: z.string().nullable().optional(),
  reviewDecision: z.enum(['filed', 'not_filed', 'returned']).nullable(),
  reviewReason: z.enum(REVIEW_REASONS.values).nullable(),
  reviewComment: z.string().nullable(),
  conversion: z.enum(CONVERSIONS.values).nullable(),
  reviewedAt: iso.nullable(),
  assignedAt: z.string().nullable(),
  replySequence: z.number().int(),
  publishedAt: iso.nullable(),
  closedAt: iso.nullable(),
  createdAt: iso,
  session: z.object({ id: z.number().int(), name: z.string() }),
  proposers: z.array(proposerView),
  attachments: z.array(
    z.object({
      id: z.number().int(),
      purpose: z.enum(['proposal', 'reply', 'handling', 'follow_up']),
      fileName: z.string(),
      mimeType: z.string(),
      size: z.number().int(),
      createdAt: iso,
    }),
  ),
  assignments: z.array(
    z.object({
      id: z.number().int(),
      unitId: z.number().int(),
      unitName: z.string(),
      role: z.enum(UNIT_ROLES.values),
      position: z.number().int(),
      status: z.enum(ASSIGNMENT_STATUSES.values),
      assignedAt: z.string(),
      signedAt: iso.nullable(),
      objectionReason: z.string().nullable(),
      objectionSuggestedUnit: z.string().nullable(),
      objectedAt: iso.nullable(),
      decision: z.enum(['approved', 'rejected']).nullable(),
      decisionComment: z.string().nullable(),
      decidedAt: iso.nullable(),
      remindedAt: iso.nullable(),
      /** 1, or 2 once the proposer sent the unit back (re-handling, or a co-unit's new opinion). */
      round: z.number().int(),
      version: z.number().int(),
    }),
  ),
  contacts: z.array(
    z.object({
      id: z.number().int(),
      unitId: z.number().int(),
      unitName: z.string(),
      method: z.enum(CONTACT_METHODS.values),
      contactDate: z.string(),
      participants: z.string(),
      summary: z.string(),
      createdAt: iso,
    }),
  ),
  coOpinions: z.array(
    z.object({
      id: z.number().int(),
      unitId: z.number().int(),
      unitName: z.string(),
      body: z.string(),
      /** The co-unit's round it answers (2: the new opinion the proposer asked for). */
      round: z.number().int(),
      /** Received after the lead unit's reply: kept and shown. */
      afterReply: z.boolean(),
      createdAt: iso,
    }),
  ),
  /** 会办 before 答复: each co-unit, whether it gave the opinion of its round, and its window. */
  coOpinionStatus: z.array(
    z.object({
      unitId: z.number().int(),
      unitName: z.string(),
      round: z.number().int(),
      given: z.boolean(),
      /** Last day of the window ('YYYY-MM-DD'). */
      windowEnds: z.string(),
      /** Not given and the window still open: the lead unit's reply waits for it. */
      waiting: z.boolean(),
    }),
  ),
  replies: z.array(
    z.object({
      id: z.number().int(),
      unitId: z.number().int(),
      unitName: z.string(),
      isLead: z.boolean(),
      sequence: z.number().int(),
      resultClass: z.enum(RESULT_CLASSES.values),
      body: z.string(),
      disclosure: z.enum(DISCLOSURES.values),
      documentNo: z.string().nullable(),
      contactPerson: z.string().nullable(),
      signerName: z.string(),
      signedAt: iso,
      dueDate: z.string(),
      replyDate: z.string(),
      /** 答复审核: sent, waiting for review or returned (the last two only shown to staff, the office and the unit). */
      status: z.enum(REPLY_STATUSES.values),
      /** Why staff or the office returned it (null once sent). */
      reviewComment: z.string().nullable(),
      reviewedAt: iso.nullable(),
      createdAt: iso,
    }),
  ),
  /** One row per unit evaluated per round (the lead, each co-unit or each 分办 unit). */
  evaluations: z.array(
    z.object({
      id: z.number().int(),
      sequence: z.number().int(),
      /** The unit evaluated (null only on evaluations of the whole handling from before per-unit evaluation). */
      unitId: z.number().int().nullable(),
      unitName: z.string().nullable(),
      attitude: z.enum(SATISFACTION.values),
      result: z.enum(SATISFACTION.values),
      comment: z.string().nullable(),
      /** The lead proposer who evaluated. */
      evaluatedByName: z.string().nullable(),
      /** 代录: the staff member who entered the paper evaluation. */
      recordedByName: z.string().nullable(),
      createdAt: iso,
    }),
  ),
  followUps: z.array(
    z.object({
      id: z.number().int(),
      unitId: z.number().int(),
      unitName: z.string(),
      body: z.string(),
      completed: z.boolean(),
      createdAt: iso,
    }),
  ),
  leaders: z.array(z.object({ leaderId: z.number().int(), name: z.string(), title: z.string() })),
  supervisionActivities: z.array(
    z.object({
      id: z.number().int(),
      kind: z.enum(SUPERVISION_KINDS.values),
      activityDate: z.string(),
      place: z.string(),
      participants: z.string(),
      content: z.string(),
      unitReport: z.string().nullable(),
      memberOpinions: z.string().nullable(),
      instructions: z.string().nullable(),
      createdAt: iso,
    }),
  ),
  /** For a primary: its secondaries. For a secondary: its primary (secondaries left empty). */
  mergeGroup: z
    .object({ role: z.enum(['primary', 'secondary']), primary: mergeMember, secondaries: z.array(mergeMember) })
    .nullable(),
  availableActions: z.array(z.enum(ACTIONS)),
  /** Actions the actor would take here but may not now, with why (shown as a disabled button). */
  unavailableActions: z.array(z.object({ action: z.enum(ACTIONS), reason: z.string() })).optional(),
  /** For a unit user: the 申请调整 window of its own assignment, while it could still object. */
  objectionWindow: z.object({ lastDay: z.string(), open: z.boolean() }).nullable().optional(),
});
export type ProposalDetail = z.infer<typeof proposalDetail>;

export const historyEntry = z.object({
  id: z.number().int(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.number().int().nullable(),
  actorId: z.number().int().nullable(),
  actorName: z.string().nullable(),
  at: iso,
  changes: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })),
  /** 代录: whom the actor acted for (the proposer of a paper proposal, the co-proposer who signed on paper). */
  proxyFor: z.string().nullable().optional(),
});
export type HistoryEntry = z.infer<typeof historyEntry>;
export const proposalHistory = z.object({ items: z.array(historyEntry) });
