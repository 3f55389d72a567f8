import { z } from 'zod';
import { ROLES, SECOND_FACTOR_OPTIONAL_ROLES } from '../roles.js';
import { pageQuery } from './common.js';

// Account security: second factor, sessions, the tenant's security settings, the two-person rule
// of 三员分立 (requests approved by a second administrator) and the auditor's alert list.

// ---- second factor ----
export const SECOND_FACTOR_METHODS = ['totp', 'recovery'] as const;
export const secondFactorBody = z.object({
  method: z.enum(SECOND_FACTOR_METHODS, { error: '验证方式无效' }).default('totp'),
  code: z
    .string({ error: '请输入验证码' })
    .trim()
    .min(1, '请输入验证码')
    .max(32, '验证码过长')
    .regex(/^[0-9A-Za-z\s-]+$/, '验证码只能包含数字、字母和连字符'),
});
export type SecondFactorBody = z.infer<typeof secondFactorBody>;

export const totpSetupOut = z.object({
  /** The secret in base32, for typing into an app that cannot scan. */
  secret: z.string(),
  uri: z.string(),
  /** The QR code of `uri` as a PNG data URL. */
  qrDataUrl: z.string(),
});
export const totpCodeBody = z.object({
  code: z.string({ error: '请输入验证码' }).trim().regex(/^\d{6}$/, '验证码为6位数字'),
});
export const recoveryCodesOut = z.object({ recoveryCodes: z.array(z.string()) });
export const secondFactorStatusOut = z.object({
  enrolled: z.boolean(),
  enrolledAt: z.string().nullable(),
  required: z.boolean(),
  recoveryCodesLeft: z.number().int(),
});

// ---- sessions of 我的账号 ----
export const sessionIdParam = z.object({ id: z.string().regex(/^[0-9a-f]{64}$/, '会话编号无效') });
export const loginSessionOut = z.object({
  id: z.string(),
  current: z.boolean(),
  device: z.string(),
  ip: z.string().nullable(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
});

// ---- security settings of a tenant ----
const days = (label: string) =>
  z.number({ error: `请填写${label}` }).int(`${label}须为整数`).min(0, `${label}不能为负数`).max(365, `${label}不能超过365天`);
export const securitySettingsOut = z.object({
  secondFactorRoles: z.array(z.enum(ROLES)),
  maxSessions: z.number().int(),
  adminPasswordMaxAgeDays: z.number().int(),
  passwordMaxAgeDays: z.number().int(),
  version: z.number().int(),
});
export const securitySettingsBody = z.object({
  secondFactorRoles: z
    .array(z.enum(SECOND_FACTOR_OPTIONAL_ROLES, { error: '角色无效（管理员始终须双重验证）' }), { error: '请选择角色' })
    .max(SECOND_FACTOR_OPTIONAL_ROLES.length)
    .refine((r) => new Set(r).size === r.length, '角色不能重复'),
  maxSessions: z.number({ error: '请填写同时在线会话数' }).int('同时在线会话数须为整数').min(1, '同时在线会话数至少为1').max(20, '同时在线会话数不能超过20'),
  adminPasswordMaxAgeDays: days('管理员密码有效期'),
  passwordMaxAgeDays: days('其他用户密码有效期'),
  /** 0 for a tenant that has never saved its settings. */
  version: z.number().int().min(0, '版本号无效'),
});
export type SecuritySettingsBody = z.infer<typeof securitySettingsBody>;

// ---- two-person rule ----
export const ADMIN_REQUEST_KINDS = ['create_user', 'update_user', 'reset_password', 'reset_second_factor'] as const;
export type AdminRequestKind = (typeof ADMIN_REQUEST_KINDS)[number];
export const ADMIN_REQUEST_KIND_LABELS: Record<AdminRequestKind, string> = {
  create_user: '新建账户',
  update_user: '修改账户',
  reset_password: '重置密码',
  reset_second_factor: '重置双重验证',
};
export const ADMIN_REQUEST_STATUSES = ['pending', 'approved', 'rejected'] as const;
export const ADMIN_REQUEST_STATUS_LABELS: Record<(typeof ADMIN_REQUEST_STATUSES)[number], string> = {
  pending: '待审批',
  approved: '已批准',
  rejected: '已驳回',
};
export const adminRequestOut = z.object({
  id: z.number().int(),
  kind: z.enum(ADMIN_REQUEST_KINDS),
  summary: z.string(),
  status: z.enum(ADMIN_REQUEST_STATUSES),
  targetUserId: z.number().int().nullable(),
  targetName: z.string().nullable(),
  requestedBy: z.number().int(),
  requestedByName: z.string(),
  requestedAt: z.string(),
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  /** Whether the caller may approve it: not the requester, not the account concerned. */
  canApprove: z.boolean(),
});
export type AdminRequestOut = z.infer<typeof adminRequestOut>;
export const adminRequestQuery = pageQuery.extend({
  status: z.enum(ADMIN_REQUEST_STATUSES, { error: '状态应为 pending、approved 或 rejected' }).optional(),
});
export const decideRequestBody = z.object({
  note: z.string().trim().max(200, '说明不能超过200字').refine((v) => !v.includes('\u0000'), '说明含有无效字符').optional(),
});
/** What a write that needs a second administrator answers (HTTP 202). */
export const pendingApprovalOut = z.object({
  pendingApproval: z.literal(true),
  request: adminRequestOut,
});

// ---- the auditor's alert list ----
export const ALERT_KINDS = [
  'approval.requested',
  'approval.approved',
  'approval.rejected',
  'user.reset_password',
  'user.reset_second_factor',
  'account.locked',
  'admin.bootstrap',
  'security.settings',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];
export const ALERT_KIND_LABELS: Record<AlertKind, string> = {
  'approval.requested': '待审批申请',
  'approval.approved': '申请已批准',
  'approval.rejected': '申请已驳回',
  'user.reset_password': '重置密码',
  'user.reset_second_factor': '重置双重验证',
  'account.locked': '账户锁定',
  'admin.bootstrap': '命令行创建管理员',
  'security.settings': '安全设置变更',
};
export const alertQuery = pageQuery.extend({
  unread: z.stringbool({ error: '未读筛选应为 true 或 false' }).optional(),
  kind: z.enum(ALERT_KINDS, { error: '告警类型无效' }).optional(),
});
export type AlertQuery = z.infer<typeof alertQuery>;
export const alertOut = z.object({
  id: z.number().int(),
  kind: z.enum(ALERT_KINDS),
  message: z.string(),
  at: z.string(),
  actorId: z.number().int().nullable(),
  actorName: z.string().nullable(),
  subjectUserId: z.number().int().nullable(),
  subjectName: z.string().nullable(),
  requestId: z.number().int().nullable(),
  auditId: z.number().int().nullable(),
  readAt: z.string().nullable(),
  readByName: z.string().nullable(),
});
export const alertPage = z.object({
  items: z.array(alertOut),
  total: z.number().int(),
  unread: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

// ---- what the sign-in page needs before anyone signs in ----
export const authOptionsOut = z.object({
  /** A demo server: every page says so. */
  demo: z.boolean(),
  secondFactorMethods: z.array(z.enum(SECOND_FACTOR_METHODS)),
});
