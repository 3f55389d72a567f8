import { z } from 'zod';
import { CATEGORIES, SUBMITTED_DURING } from '../domain.js';
import { dayString, versionField } from './common.js';
import { proposalSummary } from './proposal.js';

// What the committee office does all day: 代录 (paper proposals and paper co-signatures entered on
// a proposer's behalf) and batch work (批量立案 / 公开 / 催办 / 签收), each all or nothing.

/** Ids are int4 in the database: a larger number is refused here rather than by the driver. */
export const INT32_MAX = 2_147_483_647;
export const int32Id = (label: string) =>
  z.number({ error: `${label}无效` }).int(`${label}无效`).positive(`${label}无效`).max(INT32_MAX, `${label}无效`);

/** A path id (`/proposals/:id/…`) within int4. */
export const idParam32 = z.object({ id: z.coerce.number({ error: '编号无效' }).int('编号无效').positive('编号无效').max(INT32_MAX, '编号无效') });

const NUL = { test: (s: string) => s.includes('\u0000') };
/** Trimmed text without NUL bytes (PostgreSQL cannot store them), with Chinese messages. */
export const safeText = (label: string, max: number, min = 1) =>
  z
    .string({ error: `${label}不能为空` })
    .trim()
    .min(min, `${label}不能为空`)
    .max(max, `${label}不能超过${max}字`)
    .refine((v) => !NUL.test(v), `${label}含有非法字符`);

const optionalText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `${label}不能超过${max}字`)
    .refine((v) => !NUL.test(v), `${label}含有非法字符`)
    .optional();

const proposerRef = z
  .object({ memberId: int32Id('委员').optional(), bodyId: int32Id('团体').optional() })
  .refine((p) => (p.memberId ? 1 : 0) + (p.bodyId ? 1 : 0) === 1, { message: '每位提案人须是一位委员或一个团体' });

/**
 * 代录纸质提案: staff type in a proposal handed in on paper. The proposer is named (a member or a
 * body); each co-proposer either signed the paper (recorded now, 代录) or is asked to confirm.
 */
export const paperProposalBody = z.object({
  sessionId: int32Id('届次会议'),
  title: safeText('案由', 200).refine((t) => t.length >= 5, '案由至少5个字'),
  body: safeText('正文', 50000),
  category: z.enum(CATEGORIES.values, { error: '请选择类别' }),
  submittedDuring: z.enum(SUBMITTED_DURING.values, { error: '请选择提出时间（大会期间或平时）' }).default('interim'),
  proposer: proposerRef,
  coProposers: z
    .array(proposerRef.and(z.object({ signed: z.boolean({ error: '请说明联名人是否已在纸质提案上签名' }) })))
    .max(50, '联名人最多50位')
    .default([]),
  /** The day the paper was received; today when left out. */
  receivedOn: dayString.optional(),
});
export type PaperProposalBody = z.infer<typeof paperProposalBody>;

/** 代录联名确认: the co-proposer's signature on the paper, recorded by staff. */
export const recordCosignBody = z
  .object({
    memberId: int32Id('联名委员').optional(),
    bodyId: int32Id('联名团体').optional(),
    note: optionalText('说明', 500),
    version: versionField,
  })
  .refine((p) => (p.memberId ? 1 : 0) + (p.bodyId ? 1 : 0) === 1, { message: '请选择要代录签名的联名人', path: ['memberId'] });
export type RecordCosignBody = z.infer<typeof recordCosignBody>;

// ——— batch work ———

/** One batch holds at most this many proposals: a screen's selection, not a whole session. */
export const MAX_BATCH = 200;

function uniqueIds(items: { id: number }[], ctx: z.RefinementCtx) {
  const seen = new Set<number>();
  items.forEach((it, i) => {
    if (seen.has(it.id)) ctx.addIssue({ code: 'custom', path: ['items', i, 'id'], message: '提案重复' });
    seen.add(it.id);
  });
}

const versioned = z.object({ id: int32Id('提案编号'), version: versionField });
const batchItems = <T extends z.ZodType>(item: T) =>
  z.array(item, { error: '请选择提案' }).min(1, '请至少选择一件提案').max(MAX_BATCH, `一次最多处理${MAX_BATCH}件`);

/** 批量立案: numbers are given in the order of `items` (the order chosen on screen). */
export const fileBulkBody = z
  .object({ items: batchItems(versioned), comment: optionalText('审查意见', 2000) })
  .superRefine((v, ctx) => uniqueIds(v.items, ctx));
export type FileBulkBody = z.infer<typeof fileBulkBody>;

export const publishBulkBody = z.object({ items: batchItems(versioned) }).superRefine((v, ctx) => uniqueIds(v.items, ctx));
export type PublishBulkBody = z.infer<typeof publishBulkBody>;

export const remindBulkBody = z
  .object({ items: batchItems(z.object({ id: int32Id('提案编号') })), message: optionalText('催办说明', 500) })
  .superRefine((v, ctx) => uniqueIds(v.items, ctx));
export type RemindBulkBody = z.infer<typeof remindBulkBody>;

export const signBulkBody = z
  .object({ items: batchItems(z.object({ id: int32Id('提案编号'), version: versionField.optional() })) })
  .superRefine((v, ctx) => uniqueIds(v.items, ctx));
export type SignBulkBody = z.infer<typeof signBulkBody>;

export const batchResult = z.object({ items: z.array(proposalSummary) });
export type BatchResult = z.infer<typeof batchResult>;

/** How far a batch sent with an Idempotency-Key has got (read while it runs). */
export const batchProgress = z.object({ done: z.number().int(), total: z.number().int(), finished: z.boolean() });
export type BatchProgress = z.infer<typeof batchProgress>;
export const batchProgressParams = z.object({
  key: z.string().min(8, 'Idempotency-Key 长度须在8到100之间').max(100, 'Idempotency-Key 长度须在8到100之间').regex(/^[A-Za-z0-9_-]+$/, 'Idempotency-Key 无效'),
});

export const overdueExportQuery = z.object({
  sessionId: z.coerce.number({ error: '届次会议无效' }).int('届次会议无效').positive('届次会议无效').max(INT32_MAX, '届次会议无效').optional(),
});

// ——— merge similarity ———

/** Below this similarity (0–1) a merge must be confirmed explicitly (confirmLowSimilarity). */
export const MERGE_SIMILARITY_THRESHOLD = 0.3;

const idList = z
  .string({ error: '请选择要并入的提案' })
  .max(1200)
  .transform((s, ctx) => {
    const parts = s.split(',').map((x) => x.trim()).filter(Boolean);
    const ids = parts.map(Number);
    if (!ids.length || ids.some((n) => !Number.isInteger(n) || n <= 0 || n > INT32_MAX)) {
      ctx.addIssue({ code: 'custom', message: '提案编号无效', input: s });
      return z.NEVER;
    }
    if (ids.length > 100) {
      ctx.addIssue({ code: 'custom', message: '一次最多并入100件提案', input: s });
      return z.NEVER;
    }
    return [...new Set(ids)];
  });

export const mergeCheckQuery = z.object({
  primaryId: z.coerce.number({ error: '请选择主提案' }).int('提案编号无效').positive('提案编号无效').max(INT32_MAX, '提案编号无效'),
  secondaryIds: idList,
});

export const mergeCheck = z.object({
  threshold: z.number(),
  items: z.array(z.object({ id: z.number().int(), number: z.number().int().nullable(), score: z.number(), low: z.boolean() })),
});
export type MergeCheck = z.infer<typeof mergeCheck>;
