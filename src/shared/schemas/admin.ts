import { z } from 'zod';
import { BODY_KINDS, LEADER_ORGANS, LEADER_RANKS, ORGANS, PROPOSAL_KINDS, UNIT_KINDS } from '../domain.js';
import { ADMINISTRATOR_ROLES, ROLES } from '../roles.js';
import { passwordSchema } from '../password-policy.js';
import { dayString, pageQuery, text, versionField } from './common.js';

// Inputs and outputs of the administration API: lookups (units, bodies, members, leaders,
// sessions, calendar) kept by the 系统管理员, accounts kept by the 安全管理员, the audit log
// read by the 审计管理员.

/** A real calendar day: the format check alone lets 2025-02-30 through. */
// zod runs the refinement even when the format check failed: an unparsable string must not throw.
export const calendarDay = dayString.refine((d) => {
  const t = new Date(`${d}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d;
}, '日期无效');

const optionalText = (label: string, max: number) =>
  z.string().trim().max(max, `${label}不能超过${max}字`).nullable().optional().transform((v) => (v === '' ? null : v));
const phone = z
  .string()
  .trim()
  .regex(/^[0-9+\-() ]{5,20}$/, '联系电话格式不正确')
  .nullable()
  .optional();
const refId = (label: string) => z.number({ error: `请选择${label}` }).int().positive(`${label}编号无效`);
const intIn = (label: string, min: number, max: number, unit = '') =>
  z
    .number({ error: `请填写${label}` })
    .int(`${label}须为整数`)
    .min(min, `${label}不能少于${min}${unit}`)
    .max(max, `${label}不能超过${max}${unit}`);

// ---- units 承办单位 ----
const unitShape = {
  name: text('单位名称', 100),
  kind: z.enum(UNIT_KINDS.values, { error: '请选择单位类型' }),
  contactName: optionalText('联系人', 50),
  contactPhone: phone,
  active: z.boolean({ error: '启用状态须为是或否' }),
};
export const createUnitBody = z.object({ ...unitShape, kind: unitShape.kind.default('department'), active: unitShape.active.default(true) });
export const updateUnitBody = z.object(unitShape).partial();
export const unitOut = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: z.enum(UNIT_KINDS.values),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  active: z.boolean(),
});

// ---- bodies 党派团体 / 界别活动组 / 专门委员会 ----
const bodyShape = {
  name: text('团体名称', 100),
  kind: z.enum(BODY_KINDS.values, { error: '请选择团体类别' }),
};
export const createBodyBody = z.object(bodyShape);
export const updateBodyBody = z.object(bodyShape).partial();
export const bodyOut = z.object({ id: z.number().int(), name: z.string(), kind: z.enum(BODY_KINDS.values) });

// ---- members 委员 / 代表 ----
const memberShape = {
  kind: z.enum(PROPOSAL_KINDS.values, { error: '请选择委员或代表' }),
  name: text('姓名', 50),
  sector: optionalText('界别', 50),
  party: optionalText('党派', 50),
  workplace: optionalText('工作单位及职务', 200),
  phone,
  userId: refId('登录账户').nullable().optional(),
};
export const createMemberBody = z.object({ ...memberShape, kind: memberShape.kind.default('proposal') });
export const updateMemberBody = z.object(memberShape).partial();
export const memberQuery = pageQuery.extend({
  q: z.string().trim().max(50, '搜索词不能超过50字').optional(),
  kind: z.enum(PROPOSAL_KINDS.values, { error: '类别应为 proposal 或 suggestion' }).optional(),
});
export const memberOut = z.object({
  id: z.number().int(),
  kind: z.enum(PROPOSAL_KINDS.values),
  name: z.string(),
  sector: z.string().nullable(),
  party: z.string().nullable(),
  workplace: z.string().nullable(),
  /** Only staff and the 系统管理员 receive phone numbers. */
  phone: z.string().nullable().optional(),
  userId: z.number().int().nullable(),
});

// ---- leaders 督办领导 ----
const leaderShape = {
  name: text('姓名', 50),
  title: text('职务', 50),
  /** 党委 / 人大 / 政府 / 政协 / 其他: documents print 「市政协领导叶建宏」. */
  organ: z.enum(LEADER_ORGANS.values, { error: '请选择所在机关：党委、人大、政府、政协或其他' }).nullable().optional(),
  /** 主要领导 / 副职领导 / 其他: 「市委、市人大、市政府、市政协主要领导领衔督办 N 件」 counts the principal ones. */
  rank: z.enum(LEADER_RANKS.values, { error: '请选择职级：主要领导、副职领导或其他' }).nullable().optional(),
  userId: refId('登录账户').nullable().optional(),
};
export const createLeaderBody = z.object(leaderShape);
export const updateLeaderBody = z.object(leaderShape).partial();
export const leaderOut = z.object({
  id: z.number().int(),
  name: z.string(),
  title: z.string(),
  organ: z.enum(LEADER_ORGANS.values).nullable(),
  rank: z.enum(LEADER_RANKS.values).nullable(),
  userId: z.number().int().nullable(),
});

// ---- sessions 届次会议 and their deadline settings ----
const sessionShape = {
  kind: z.enum(PROPOSAL_KINDS.values, { error: '请选择政协提案或人大代表建议' }),
  name: text('会议名称', 50).regex(/届.*次会议$/, '会议名称应形如“十一届四次会议”'),
  term: intIn('届次', 1, 99, '届'),
  meeting: intIn('会议次数', 1, 20, '次'),
  year: intIn('年度', 2000, 2100),
  plenaryStart: calendarDay.nullable().optional(),
  plenaryEnd: calendarDay.nullable().optional(),
  replyMonths: intIn('办理期限', 1, 6, '个月'),
  replyMaxMonths: intIn('最长办理期限', 1, 6, '个月'),
  objectionWorkingDays: intIn('申请调整期限', 1, 60, '个工作日'),
  firstContactWorkingDays: intIn('首次沟通期限', 1, 60, '个工作日'),
  evaluationWorkingDays: intIn('测评期限', 1, 60, '个工作日'),
  /** Months given for 重新办理 after an unsatisfied evaluation. */
  rehandlingMonths: intIn('重新办理期限', 1, 6, '个月'),
  /** Months after assignment within which co-units (会办) give their opinion; the lead unit's reply waits for it. */
  coOpinionMonths: intIn('会办意见期限', 1, 6, '个月'),
  /** 答复审核: replies are checked by staff or the office before they reach the proposer. */
  replyReview: z.boolean({ error: '答复审核须为开启或关闭' }),
  /** 超期未签收: an assignment unsigned longer than this is flagged on the deadline board and reminded. */
  signAlertWorkingDays: intIn('签收提醒期限', 1, 30, '个工作日'),
  isCurrent: z.boolean({ error: '是否本届当前会议须为是或否' }),
};
export const createSessionBody = z.object({
  ...sessionShape,
  kind: sessionShape.kind.default('proposal'),
  replyMonths: sessionShape.replyMonths.default(3),
  replyMaxMonths: sessionShape.replyMaxMonths.default(6),
  objectionWorkingDays: sessionShape.objectionWorkingDays.default(5),
  firstContactWorkingDays: sessionShape.firstContactWorkingDays.default(15),
  evaluationWorkingDays: sessionShape.evaluationWorkingDays.default(15),
  rehandlingMonths: sessionShape.rehandlingMonths.default(1),
  coOpinionMonths: sessionShape.coOpinionMonths.default(1),
  replyReview: sessionShape.replyReview.default(false),
  signAlertWorkingDays: sessionShape.signAlertWorkingDays.default(3),
  // A session prepared ahead of time must not take over submissions until it is switched on.
  isCurrent: sessionShape.isCurrent.default(false),
});
export type CreateSessionBody = z.infer<typeof createSessionBody>;
// The kind stays fixed: proposals already numbered in the session belong to it.
export const updateSessionBody = z.object(sessionShape).omit({ kind: true }).partial().extend({ version: versionField });
export type UpdateSessionBody = z.infer<typeof updateSessionBody>;
export const sessionOut = z.object({
  id: z.number().int(),
  kind: z.enum(PROPOSAL_KINDS.values),
  name: z.string(),
  term: z.number().int(),
  meeting: z.number().int(),
  year: z.number().int(),
  plenaryStart: z.string().nullable(),
  plenaryEnd: z.string().nullable(),
  replyMonths: z.number().int(),
  replyMaxMonths: z.number().int(),
  objectionWorkingDays: z.number().int(),
  firstContactWorkingDays: z.number().int(),
  evaluationWorkingDays: z.number().int(),
  rehandlingMonths: z.number().int(),
  coOpinionMonths: z.number().int(),
  replyReview: z.boolean(),
  signAlertWorkingDays: z.number().int(),
  isCurrent: z.boolean(),
  version: z.number().int(),
});

// ---- working-day calendar ----
export const yearParam = z.object({ year: z.coerce.number({ error: '年份无效' }).int('年份无效').min(2000, '年份无效').max(2100, '年份无效') });
export const calendarQuery = yearParam;
const calendarEntry = z.object({ day: calendarDay, note: optionalText('备注', 50) });
export const putCalendarBody = z.object({
  holidays: z.array(calendarEntry, { error: '请提供节假日列表' }).max(366, '节假日过多'),
  workdays: z.array(calendarEntry, { error: '请提供调休上班日列表' }).max(366, '调休上班日过多'),
});
export type PutCalendarBody = z.infer<typeof putCalendarBody>;
const calendarEntryOut = z.object({ day: z.string(), note: z.string().nullable() });
export const calendarOut = z.object({ year: z.number().int(), holidays: z.array(calendarEntryOut), workdays: z.array(calendarEntryOut) });

// ---- user accounts ----
export const ADMIN_ROLES = ADMINISTRATOR_ROLES;
const rolesField = z
  .array(z.enum(ROLES, { error: '角色无效' }), { error: '请选择角色' })
  .min(1, '请至少选择一个角色')
  .refine((r) => new Set(r).size === r.length, '角色不能重复')
  // 三员分立: an administrator account holds that one role and nothing that sees proposals.
  .refine((r) => !r.some((x) => (ADMIN_ROLES as readonly string[]).includes(x)) || r.length === 1, '系统管理员、安全管理员、审计管理员须单独设置，不能兼任其他角色');
const userShape = {
  displayName: text('姓名', 50),
  roles: rolesField,
  unitId: refId('承办单位').nullable().optional(),
  bodyId: refId('团体').nullable().optional(),
  /** Required for a 提案委 (staff) account: the organ whose items it handles. */
  organ: z.enum(ORGANS.values, { error: '所属机关只能是政协或人大' }).nullable().optional(),
  phone,
};
export const createUserBody = z.object({
  username: z
    .string({ error: '请填写用户名' })
    .trim()
    .regex(/^[A-Za-z0-9_.-]{3,32}$/, '用户名须为3到32位字母、数字、下划线、点或连字符'),
  password: passwordSchema,
  ...userShape,
});
export type CreateUserBody = z.infer<typeof createUserBody>;
export const updateUserBody = z
  .object({ ...userShape, active: z.boolean({ error: '启用状态须为是或否' }) })
  .partial()
  .extend({ version: versionField });
export type UpdateUserBody = z.infer<typeof updateUserBody>;
export const resetPasswordBody = z.object({ newPassword: passwordSchema });
export const userQuery = pageQuery.extend({
  q: z.string().trim().max(50, '搜索词不能超过50字').optional(),
  role: z.enum(ROLES, { error: '角色无效' }).optional(),
  unitId: z.coerce.number().int().positive('承办单位编号无效').optional(),
  active: z.stringbool({ error: '启用状态应为 true 或 false' }).optional(),
});
export const userOut = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(ROLES)),
  unitId: z.number().int().nullable(),
  unitName: z.string().nullable(),
  bodyId: z.number().int().nullable(),
  bodyName: z.string().nullable(),
  organ: z.enum(ORGANS.values).nullable(),
  phone: z.string().nullable(),
  active: z.boolean(),
  locked: z.boolean(),
  lockedUntil: z.string().nullable(),
  failedLogins: z.number().int(),
  mustChangePassword: z.boolean(),
  passwordChangedAt: z.string().nullable(),
  secondFactorEnabled: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
});
export type UserOut = z.infer<typeof userOut>;

// ---- audit log ----
export const auditQuery = pageQuery.extend({
  actorId: z.coerce.number().int().positive('操作人编号无效').optional(),
  /** Part of the actor's name or username: 审计员 looks people up by name, not by number. */
  actorName: z.string().trim().max(50, '操作人不能超过50字').optional(),
  /** A prefix: 'proposal.' finds every proposal action. */
  action: z.string().trim().max(100, '操作类型不能超过100字').optional(),
  entityType: z.string().trim().max(50, '对象类型不能超过50字').optional(),
  proposalId: z.coerce.number().int().positive('提案编号无效').optional(),
  /** China-time days, both inclusive. */
  from: calendarDay.optional(),
  to: calendarDay.optional(),
});
export type AuditQuery = z.infer<typeof auditQuery>;
export const auditEntryOut = z.object({
  id: z.number().int(),
  at: z.string(),
  actorId: z.number().int().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.number().int().nullable(),
  proposalId: z.number().int().nullable(),
  /** Withheld for rows about a proposal: the auditor sees who changed what, not the content. */
  before: z.unknown(),
  after: z.unknown(),
  changedFields: z.array(z.string()),
  ip: z.string().nullable(),
  /** The record as people name it: 第12号 for a numbered proposal, a person's or unit's name … */
  entityLabel: z.string().nullable(),
  /** The proposal's number in its session (第N号), when it has one. */
  proposalNumber: z.number().int().nullable(),
  /** The address as people read it (127.0.0.1（本机）rather than ::ffff:127.0.0.1). */
  address: z.string(),
  /** Place in the tamper-evident chain: 0 is the platform's (events before anyone is known). */
  chain: z.number().int(),
  seq: z.number().int(),
});
export const auditExportQuery = auditQuery.omit({ page: true, pageSize: true });
export type AuditExportQuery = z.infer<typeof auditExportQuery>;

export const chainReportOut = z.object({
  chain: z.number().int(),
  ok: z.boolean(),
  checked: z.number().int(),
  headSeq: z.number().int(),
  archivedSeq: z.number().int(),
  firstBad: z
    .object({ problem: z.string(), seq: z.number().int(), id: z.number().int().nullable(), at: z.string().nullable(), message: z.string() })
    .nullable(),
});
export const auditVerifyOut = z.object({ ok: z.boolean(), checkedAt: z.string(), chains: z.array(chainReportOut) });
export type AuditVerifyOut = z.infer<typeof auditVerifyOut>;
