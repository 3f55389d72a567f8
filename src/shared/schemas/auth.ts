import { z } from 'zod';
import { ROLES } from '../roles.js';
import { ORGANS, PROPOSAL_KINDS } from '../domain.js';
import { passwordSchema } from '../password-policy.js';
import { SECOND_FACTOR_METHODS } from './security.js';

export const loginBody = z.object({
  username: z
    .string({ error: '请输入用户名' })
    .trim()
    .min(1, '请输入用户名')
    .max(64, '用户名不能超过64位')
    .regex(/^[A-Za-z0-9_.-]+$/, '用户名只能包含字母、数字、下划线、点或连字符'),
  password: z.string({ error: '请输入密码' }).min(1, '请输入密码').max(128, '密码不能超过128位'),
});

export const me = z.object({
  userId: z.number().int(),
  tenantId: z.number().int(),
  tenantName: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(ROLES)),
  unitId: z.number().int().nullable(),
  bodyId: z.number().int().nullable(),
  memberId: z.number().int().nullable(),
  leaderId: z.number().int().nullable(),
  /** A platform administrator (above tenants): the menu shows 单位管理 only. */
  platformAdmin: z.boolean().optional(),
  /** The tenant has a parent (a county under its city): 邀请上级联合督办 is offered. */
  tenantHasParent: z.boolean().optional(),
  /** The organ of a staff account (政协 or 人大); null for other accounts. */
  organ: z.enum(ORGANS.values).nullable(),
  /**
   * The kind of item the account works on alone, so that its screens use that organ's words: its
   * organ's for a staff account, the member's for a 委员 or 代表; null for accounts that see both.
   */
  workKind: z.enum(PROPOSAL_KINDS.values).nullable(),
  locale: z.string(),
  /** A first password, a reset, or an expired one: nothing else works until it is changed. */
  mustChangePassword: z.boolean(),
  passwordExpired: z.boolean(),
  /** When the password stops being accepted without a change; null when it does not expire. */
  passwordExpiresAt: z.string().nullable(),
  secondFactorEnrolled: z.boolean(),
  /** The account must sign in with a second factor: while not enrolled, nothing else works. */
  secondFactorRequired: z.boolean(),
  csrfToken: z.string(),
});
export type Me = z.infer<typeof me>;

/** The password was right and a second factor is due: POST /auth/login/second-factor next. */
export const secondFactorChallenge = z.object({
  status: z.literal('second_factor'),
  methods: z.array(z.enum(SECOND_FACTOR_METHODS)),
  csrfToken: z.string(),
});
export const loginResult = z.discriminatedUnion('status', [me.extend({ status: z.literal('signed_in') }), secondFactorChallenge]);
export type LoginResult = z.infer<typeof loginResult>;

export const updateMeBody = z.object({ locale: z.enum(['zh-CN', 'en-US'], { error: '语言只能是 zh-CN 或 en-US' }) });

export const changePasswordBody = z.object({
  currentPassword: z.string().min(1, '请输入当前密码'),
  newPassword: passwordSchema,
});
