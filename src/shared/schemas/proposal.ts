import { z } from 'zod';
import { STATES } from '../lifecycle.js';
import {
  ASSIGNMENT_MODES,
  CATEGORIES,
  CONVERSIONS,
  PROPOSAL_KINDS,
  REVIEW_REASONS,
  SUBMITTED_DURING,
} from '../domain.js';
import { text, versionField } from './common.js';

export const proposerInput = z
  .object({
    memberId: z.number().int().positive().optional(),
    bodyId: z.number().int().positive().optional(),
  })
  .refine((p) => (p.memberId ? 1 : 0) + (p.bodyId ? 1 : 0) === 1, { message: '每位提案人须是一位委员或一个团体' });

export const createProposalBody = z.object({
  sessionId: z.number({ error: '请选择届次会议' }).int().positive(),
  kind: z.enum(PROPOSAL_KINDS.values).default('proposal'),
  title: text('案由', 200).refine((t) => t.length >= 5, '案由至少5个字'),
  body: text('正文', 50000),
  category: z.enum(CATEGORIES.values, { error: '请选择类别' }),
  submittedDuring: z.enum(SUBMITTED_DURING.values).default('interim'),
  /** Co-proposers after the lead (the lead is the author: their member record or body). */
  coProposers: z.array(proposerInput).max(50, '联名人最多50位').default([]),
});
export type CreateProposalBody = z.infer<typeof createProposalBody>;


export const reviewBody = z.discriminatedUnion('decision', [
  z.object({ decision: z.literal('file'), comment: z.string().max(2000).optional(), version: versionField }),
  z.object({
    decision: z.literal('reject'),
    reason: z.enum(REVIEW_REASONS.values, { error: '请选择不立案理由' }),
    conversion: z.enum(CONVERSIONS.values, { error: '请选择转办方式（作为来信处理或转社情民意）' }),
    comment: z.string().max(2000).optional(),
    version: versionField,
  }),
  z.object({
    decision: z.literal('return'),
    reason: z.enum(REVIEW_REASONS.values).default('needs_revision'),
    comment: text('退回意见', 2000),
    version: versionField,
  }),
], { error: '请选择审查决定：立案、不立案或退回修改' });
export type ReviewBody = z.infer<typeof reviewBody>;

/** What every lifecycle action answers: the proposal's new state and version. */
export const proposalSummary = z.object({
  id: z.number().int(),
  sessionId: z.number().int(),
  kind: z.enum(PROPOSAL_KINDS.values),
  title: z.string(),
  category: z.enum(CATEGORIES.values),
  status: z.enum(STATES),
  number: z.number().int().nullable(),
  mergedInto: z.number().int().nullable(),
  assignmentMode: z.enum(ASSIGNMENT_MODES.values).nullable(),
  deadline: z.string().nullable(),
  isKey: z.boolean(),
  published: z.boolean(),
  overdue: z.boolean(),
  dueSoon: z.boolean(),
  version: z.number().int(),
  submittedAt: z.string().nullable(),
  updatedAt: z.string(),
});
export type ProposalSummary = z.infer<typeof proposalSummary>;

// Spelled out rather than derived with .partial(): the defaults of createProposalBody would
// otherwise fill absent fields, and a PATCH without coProposers would remove every co-proposer.
export const updateProposalBody = z.object({
  title: text('案由', 200).refine((t) => t.length >= 5, '案由至少5个字').optional(),
  body: text('正文', 50000).optional(),
  category: z.enum(CATEGORIES.values, { error: '请选择类别' }).optional(),
  submittedDuring: z.enum(SUBMITTED_DURING.values, { error: '请选择提出时间（大会期间或平时）' }).optional(),
  coProposers: z.array(proposerInput).max(50, '联名人最多50位').optional(),
  version: versionField,
});
export type UpdateProposalBody = z.infer<typeof updateProposalBody>;

/** Body of actions that change only the state: the version the caller saw. */
export const versionBody = z.object({ version: versionField });
export type VersionBody = z.infer<typeof versionBody>;

export const withdrawBody = z.object({
  reason: z.string().trim().max(2000, '撤回理由不能超过2000字').optional(),
  version: versionField,
});
export type WithdrawBody = z.infer<typeof withdrawBody>;

export const cosignBody = z.object({
  decision: z.enum(['confirm', 'decline'], { error: '请选择确认联名或拒绝联名' }),
  comment: z.string().trim().max(2000, '意见不能超过2000字').optional(),
  version: versionField,
});
export type CosignBody = z.infer<typeof cosignBody>;

const positiveId = z.number({ error: '提案编号无效' }).int('提案编号无效').positive('提案编号无效');

export const mergeBody = z
  .object({
    primaryId: positiveId,
    secondaryIds: z.array(positiveId, { error: '请选择要并入的提案' }).min(1, '至少选择一件要并入的提案').max(100, '一次最多并入100件提案'),
    /** The version the caller saw of every proposal named, keyed by id. */
    versions: z.record(z.string().regex(/^\d+$/, '版本号的键应为提案编号'), versionField, { error: '请提供各提案的版本号' }),
    /** Required when a proposal to merge is little like the primary (similarity below the threshold). */
    confirmLowSimilarity: z.boolean({ error: '确认并案应为 true 或 false' }).optional(),
  })
  .superRefine((b, ctx) => {
    const ids = [b.primaryId, ...b.secondaryIds];
    if (new Set(ids).size !== ids.length) {
      ctx.addIssue({ code: 'custom', path: ['secondaryIds'], message: '并案的提案不能重复，且不能包含主提案' });
    }
    for (const id of ids) {
      if (b.versions[String(id)] === undefined) {
        ctx.addIssue({ code: 'custom', path: ['versions', String(id)], message: `缺少提案${id}的版本号` });
      }
    }
  });
export type MergeBody = z.infer<typeof mergeBody>;

export const mergeResult = z.object({ primary: proposalSummary, secondaries: z.array(proposalSummary) });
