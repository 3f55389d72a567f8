import { z } from 'zod';
import { ASSIGNMENT_MODES, CONTACT_METHODS, DISCLOSURES, RESULT_CLASSES, SATISFACTION } from '../domain.js';
import { dayString, text, versionField } from './common.js';
import { proposalSummary } from './proposal.js';
import { bodyText } from '../rich-text.js';

// Input limits of the handling routes: ids fit a PostgreSQL integer, texts carry no NUL byte.
const INT32_MAX = 2147483647;
const noNul = (v: string) => !v.includes('\u0000');
const int32Id = (label: string) => z.number({ error: `请选择${label}` }).int(`${label}无效`).positive(`${label}无效`).max(INT32_MAX, `${label}无效`);
const comment = (label: string, max = 2000) =>
  z.string().trim().max(max, `${label}不能超过${max}字`).refine(noNul, `${label}含有无效字符`).optional();
const requiredText = (label: string, max = 2000) => text(label, max).refine(noNul, `${label}含有无效字符`);

const unitId = z.number({ error: '请选择承办单位' }).int().positive('承办单位无效');
const unitIds = z.array(unitId).max(50, '承办单位最多50个');

/** The units of an assignment, checked per field so the form can point at the wrong box. */
const assignmentUnits = {
  mode: z.enum(ASSIGNMENT_MODES.values, { error: '请选择交办方式：主办、主办会办或分办' }),
  leadUnitId: unitId.optional(),
  coUnitIds: unitIds.default([]),
  separateUnitIds: unitIds.default([]),
};

type UnitsInput = { mode: 'single' | 'joint' | 'separate'; leadUnitId?: number; coUnitIds: number[]; separateUnitIds: number[] };

function checkUnits(v: UnitsInput, ctx: z.RefinementCtx) {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  if (v.mode === 'separate') {
    if (v.separateUnitIds.length < 2) issue(['separateUnitIds'], '分办须选择至少两个承办单位');
    if (v.leadUnitId !== undefined) issue(['leadUnitId'], '分办不设主办单位');
    if (v.coUnitIds.length) issue(['coUnitIds'], '分办不设会办单位');
  } else {
    if (v.leadUnitId === undefined) issue(['leadUnitId'], '请选择主办单位');
    if (v.separateUnitIds.length) issue(['separateUnitIds'], '只有分办才选择分办单位');
    if (v.mode === 'joint' && v.coUnitIds.length === 0) issue(['coUnitIds'], '主办会办须选择至少一个会办单位');
    if (v.mode === 'single' && v.coUnitIds.length) issue(['coUnitIds'], '单一主办不设会办单位，如需会办请选择“主办会办”');
  }
  const seen = new Set<number>(v.leadUnitId !== undefined ? [v.leadUnitId] : []);
  for (const field of ['coUnitIds', 'separateUnitIds'] as const) {
    v[field].forEach((id, i) => {
      if (seen.has(id)) issue([field, i], '承办单位重复');
      seen.add(id);
    });
  }
}

export const assignBody = z.object({ ...assignmentUnits, version: versionField }).superRefine(checkUnits);
export type AssignBody = z.infer<typeof assignBody>;
export type AssignmentUnits = Omit<AssignBody, 'version'>;

export const assignBulkBody = z
  .object({
    ...assignmentUnits,
    items: z
      .array(z.object({ id: z.number().int().positive('提案编号无效'), version: versionField }), { error: '请选择要交办的提案' })
      .min(1, '请选择要交办的提案')
      .max(1000, '一次最多交办1000件'),
  })
  .superRefine((v, ctx) => {
    checkUnits(v, ctx);
    const seen = new Set<number>();
    v.items.forEach((it, i) => {
      if (seen.has(it.id)) ctx.addIssue({ code: 'custom', path: ['items', i, 'id'], message: '提案重复' });
      seen.add(it.id);
    });
  });
export type AssignBulkBody = z.infer<typeof assignBulkBody>;
export const assignBulkResponse = z.object({ items: z.array(proposalSummary) });

/** Actions a unit takes without editing the proposal itself: the version is optional. */
export const optionalVersionBody = z.object({ version: versionField.optional() });
export type OptionalVersionBody = z.infer<typeof optionalVersionBody>;

export const objectBody = z.object({
  reason: text('申请调整理由', 2000),
  suggestedUnit: z.string().trim().max(100, '建议承办单位不能超过100字').optional(),
  version: versionField.optional(),
});
export type ObjectBody = z.infer<typeof objectBody>;

export const assignmentParams = z.object({
  id: z.coerce.number().int().positive('编号无效'),
  assignmentId: z.coerce.number().int().positive('编号无效'),
});

export const decideObjectionBody = z.object({
  decision: z.enum(['approved', 'rejected'], { error: '请选择审定结果：同意或不同意' }),
  comment: text('审定意见', 2000),
  replacementUnitId: unitId.optional(),
  version: versionField,
});
export type DecideObjectionBody = z.infer<typeof decideObjectionBody>;

export const extendBody = z.object({
  deadline: dayString,
  reason: text('延期理由', 2000),
  version: versionField,
});
export type ExtendBody = z.infer<typeof extendBody>;

export const remindBody = z.object({ message: z.string().trim().max(500, '催办内容不能超过500字').optional() });
export type RemindBody = z.infer<typeof remindBody>;

export const contactBody = z.object({
  method: z.enum(CONTACT_METHODS.values, { error: '请选择沟通方式：面商、电话、座谈或实地' }),
  contactDate: dayString,
  participants: text('参加人员', 500),
  summary: text('沟通情况', 5000),
});
export type ContactBody = z.infer<typeof contactBody>;
export const contactOut = z.object({
  id: z.number().int(),
  proposalId: z.number().int(),
  unitId: z.number().int(),
  method: z.enum(CONTACT_METHODS.values),
  contactDate: z.string(),
  participants: z.string(),
  summary: z.string(),
  createdAt: z.string(),
});

export const coOpinionBody = z.object({ body: requiredText('会办意见', 20000) });
export type CoOpinionBody = z.infer<typeof coOpinionBody>;
export const coOpinionOut = z.object({
  id: z.number().int(),
  proposalId: z.number().int(),
  unitId: z.number().int(),
  body: z.string(),
  createdAt: z.string(),
});

export const C_REASON_MIN = 20;

export const replyBody = z
  .object({
    resultClass: z.enum(RESULT_CLASSES.values, { error: '请选择答复类别：A、B或C' }),
    body: requiredText('答复内容', 50000),
    disclosure: z.enum(DISCLOSURES.values, { error: '请选择公开属性：公开、不公开或依申请公开' }),
    documentNo: z.string().trim().max(100, '文号不能超过100字').optional(),
    contactPerson: z.string().trim().max(100, '联系人不能超过100字').optional(),
    signerName: text('签发人', 50),
    version: versionField,
  })
  .superRefine((v, ctx) => {
    // A C-class reply keeps the matter for reference only; the proposer is owed the reason.
    // A rich-text body counts its text, not its tags.
    if (v.resultClass === 'C' && bodyText(v.body).length < C_REASON_MIN) {
      ctx.addIssue({ code: 'custom', path: ['body'], message: `C类答复须说明暂时不能解决的原因（不少于${C_REASON_MIN}字）` });
    }
  });
export type ReplyBody = z.infer<typeof replyBody>;

export const proposalIdParam = z.object({ id: z.coerce.number().int().positive('编号无效').max(INT32_MAX, '编号无效') });

const satisfaction = (what: string) => z.enum(SATISFACTION.values, { error: `请评价${what}：满意、基本满意或不满意` });

/** One unit's rating: its handling attitude and result, with a comment (required for 不满意). */
export const unitRating = z.object({
  unitId: int32Id('被测评的承办单位'),
  attitude: satisfaction('办理态度'),
  result: satisfaction('办理结果'),
  comment: comment('意见'),
});
export type UnitRating = z.infer<typeof unitRating>;

/**
 * 测评, per unit: `ratings` holds one rating for each unit of the round — the lead unit and each
 * co-unit (会办), or each 分办 unit; in the second round the units sent back. `resendCoUnitIds`
 * names co-units that take part in re-handling when the lead unit is rated 不满意 (a co-unit rated
 * 不满意 is always asked for a new opinion). The older shape — one `attitude`/`result`/`comment` —
 * still means the same rating for every unit of the round. Staff send the same body to enter a
 * paper evaluation on the lead proposer's behalf (代录).
 */
export const evaluationBody = z
  .object({
    ratings: z.array(unitRating).min(1, '请对承办单位逐一测评').max(60, '一次最多测评60个单位').optional(),
    attitude: satisfaction('办理态度').optional(),
    result: satisfaction('办理结果').optional(),
    comment: comment('意见'),
    resendCoUnitIds: z.array(int32Id('会办单位')).max(50, '会办单位最多50个').default([]),
    version: versionField,
  })
  .superRefine((v, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    const unsatisfied = (r: { attitude?: string; result?: string }) => r.attitude === 'unsatisfied' || r.result === 'unsatisfied';
    if (v.ratings) {
      if (v.attitude || v.result || v.comment) issue(['ratings'], '逐单位测评时，请在各单位下分别评价并填写意见');
      const seen = new Set<number>();
      v.ratings.forEach((r, i) => {
        if (seen.has(r.unitId)) issue(['ratings', i, 'unitId'], '同一单位只能测评一次');
        seen.add(r.unitId);
        if (unsatisfied(r) && !r.comment) issue(['ratings', i, 'comment'], '评价为不满意时须填写具体意见');
      });
    } else {
      if (!v.attitude) issue(['attitude'], '请评价办理态度：满意、基本满意或不满意');
      if (!v.result) issue(['result'], '请评价办理结果：满意、基本满意或不满意');
      if (unsatisfied(v) && !v.comment) issue(['comment'], '评价为不满意时须填写具体意见');
    }
    const seen = new Set<number>();
    v.resendCoUnitIds.forEach((id, i) => {
      if (seen.has(id)) issue(['resendCoUnitIds', i], '会办单位重复');
      seen.add(id);
    });
  });
export type EvaluationBody = z.infer<typeof evaluationBody>;

/** 答复审核 — 审核通过: every reply of the round waiting for review goes out. */
export const approveReplyBody = z.object({ comment: comment('审核意见', 500), version: versionField });
export type ApproveReplyBody = z.infer<typeof approveReplyBody>;

/** 答复审核 — 退回: the named replies (every waiting one when none is named) go back with the reason. */
export const returnReplyBody = z.object({
  reason: requiredText('退回理由', 2000),
  replyIds: z.array(int32Id('答复')).max(50, '答复最多50件').optional(),
  version: versionField,
});
export type ReturnReplyBody = z.infer<typeof returnReplyBody>;

export const followUpBody = z.object({
  body: text('落实情况', 20000),
  completed: z.boolean({ error: '请说明是否已落实完毕' }),
  version: versionField.optional(),
});
export type FollowUpBody = z.infer<typeof followUpBody>;

export const closeBody = z.object({
  comment: z.string().trim().max(2000, '办结意见不能超过2000字').optional(),
  version: versionField,
});
export type CloseBody = z.infer<typeof closeBody>;
