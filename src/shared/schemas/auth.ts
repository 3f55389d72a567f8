import { z } from 'zod';
import { ROLES } from '../roles.js';
import { ORGANS, PROPOSAL_KINDS } from '../domain.js';
import { passwordSchema } from '../password-policy.js';

export const loginBody = z.object({
  username: z.string().trim().min(1, '请输入用户名').max(64),
  password: z.string().min(1, '请输入密码').max(128),
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
  /** The organ of a staff account (政协 or 人大); null for other accounts. */
  organ: z.enum(ORGANS.values).nullable(),
  /**
   * The kind of item the account works on alone, so that its screens use that organ's words: its
   * organ's for a staff account, the member's for a 委员 or 代表; null for accounts that see both.
   */
  workKind: z.enum(PROPOSAL_KINDS.values).nullable(),
  locale: z.string(),
  mustChangePassword: z.boolean(),
  csrfToken: z.string(),
});
export type Me = z.infer<typeof me>;

export const updateMeBody = z.object({ locale: z.enum(['zh-CN', 'en-US'], { error: '语言只能是 zh-CN 或 en-US' }) });

export const changePasswordBody = z.object({
  currentPassword: z.string().min(1, '请输入当前密码'),
  newPassword: passwordSchema,
});
