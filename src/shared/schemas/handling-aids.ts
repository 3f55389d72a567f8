import { z } from 'zod';
import { DISCLOSURES, PROPOSAL_KINDS, RESULT_CLASSES } from '../domain.js';
import { text, versionField } from './common.js';

// Issue 16's handling aids: a unit's reply templates, the reply draft kept on the server, the lead
// unit suggested at 交办 and the assignments left unsigned too long.

const INT32_MAX = 2147483647;
const noNul = (v: string) => !v.includes('\u0000');
const name = text('模板名称', 50).refine(noNul, '模板名称含有无效字符');
const richBody = (label: string) => text(label, 50000).refine(noNul, `${label}含有无效字符`);
const optional = (label: string, max: number) =>
  z.string().trim().max(max, `${label}不能超过${max}字`).refine(noNul, `${label}含有无效字符`).optional();

export const templateParams = z.object({
  templateId: z.coerce.number().int('编号无效').positive('编号无效').max(INT32_MAX, '编号无效'),
});

export const replyTemplateBody = z.object({ name, body: richBody('模板内容') });
export type ReplyTemplateBody = z.infer<typeof replyTemplateBody>;
export const updateReplyTemplateBody = z.object({ name: name.optional(), body: richBody('模板内容').optional(), version: versionField });
export type UpdateReplyTemplateBody = z.infer<typeof updateReplyTemplateBody>;

export const replyTemplateOut = z.object({
  id: z.number().int(),
  name: z.string(),
  body: z.string(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type ReplyTemplate = z.infer<typeof replyTemplateOut>;
export const replyTemplateList = z.object({ items: z.array(replyTemplateOut) });

/** A template per unit is a handful; the cap keeps one unit from filling the table. */
export const MAX_TEMPLATES_PER_UNIT = 50;

/**
 * The reply as it stands in the editor: every field may still be empty. `version` is the draft's
 * version the browser last saw (absent for the first save), so two tabs do not overwrite each other.
 */
export const replyDraftBody = z.object({
  resultClass: z.enum(RESULT_CLASSES.values, { error: '答复类别只能为A、B或C' }).nullable().optional(),
  body: z.string().max(50000, '答复内容不能超过50000字').refine(noNul, '答复内容含有无效字符').default(''),
  disclosure: z.enum(DISCLOSURES.values, { error: '公开属性无效' }).nullable().optional(),
  documentNo: optional('文号', 100),
  contactPerson: optional('联系人', 100),
  signerName: optional('签发人', 50),
  version: versionField.optional(),
});
export type ReplyDraftBody = z.infer<typeof replyDraftBody>;

export const replyDraftOut = z.object({
  resultClass: z.enum(RESULT_CLASSES.values).nullable(),
  body: z.string(),
  disclosure: z.enum(DISCLOSURES.values).nullable(),
  documentNo: z.string().nullable(),
  contactPerson: z.string().nullable(),
  signerName: z.string().nullable(),
  version: z.number().int(),
  updatedAt: z.string(),
  updatedByName: z.string(),
});
export type ReplyDraft = z.infer<typeof replyDraftOut>;
export const replyDraftResponse = z.object({ draft: replyDraftOut.nullable() });

const leadCandidate = z.object({
  unitId: z.number().int(),
  unitName: z.string(),
  /** Similar proposals this unit led. */
  count: z.number().int(),
  /** Their similarity added up: the ranking. */
  weight: z.number(),
});
export const leadSuggestion = z.object({
  suggestion: leadCandidate.nullable(),
  candidates: z.array(leadCandidate),
  /** How many similar proposals were looked at. */
  considered: z.number().int(),
});
export type LeadSuggestion = z.infer<typeof leadSuggestion>;

export const unsignedQuery = z.object({
  page: z.coerce.number().int().min(1).max(10000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export const unsignedItem = z.object({
  assignmentId: z.number().int(),
  proposalId: z.number().int(),
  kind: z.enum(PROPOSAL_KINDS.values),
  number: z.number().int().nullable(),
  title: z.string(),
  unitId: z.number().int(),
  unitName: z.string(),
  role: z.string(),
  assignedAt: z.string(),
  /** Working days since assignment, and the session's threshold it passed. */
  workingDays: z.number().int(),
  threshold: z.number().int(),
  remindedAt: z.string().nullable(),
});
export type UnsignedItem = z.infer<typeof unsignedItem>;
export const unsignedPage = z.object({ items: z.array(unsignedItem), total: z.number().int() });
