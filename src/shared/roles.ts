// Roles a user can hold within their tenant. 三员分立: the three administrator roles are kept
// apart and none of them sees proposal content.
export const ROLES = [
  'member', // 委员 / 代表
  'group', // 党派团体 / 界别活动组 / 专门委员会 acting as one proposer
  'staff', // 提案委 committee staff
  'office', // 政府办 / 督查室 assignment office
  'unit', // 承办单位 handling unit user
  'leader', // 督办领导 supervising leader
  'sysadmin', // 系统管理员
  'secadmin', // 安全管理员
  'auditor', // 审计管理员
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  member: '委员/代表',
  group: '党派团体',
  staff: '提案委',
  office: '政府办/督查室',
  unit: '承办单位',
  leader: '督办领导',
  sysadmin: '系统管理员',
  secadmin: '安全管理员',
  auditor: '审计管理员',
};

/**
 * Who may call a route: a list of roles, any signed-in user, anyone (public), or only a platform
 * administrator (users.platform_admin, above the tenants: tenants and their first administrators).
 */
export type Access = readonly Role[] | 'authenticated' | 'public' | 'platform';

export const PROPOSER_ROLES = ['member', 'group'] as const satisfies readonly Role[];
export const TENANT_WIDE_ROLES = ['staff', 'office'] as const satisfies readonly Role[];

/** 三员分立: the system, security and audit administrators. */
export const ADMINISTRATOR_ROLES = ['sysadmin', 'secadmin', 'auditor'] as const satisfies readonly Role[];
export const isAdministrator = (roles: readonly Role[]) => roles.some((r) => (ADMINISTRATOR_ROLES as readonly Role[]).includes(r));

/** Roles that read proposal content beyond one's own: granting one needs a second administrator. */
export const CONTENT_ROLES = ['staff', 'office', 'unit', 'leader'] as const satisfies readonly Role[];

/**
 * Roles a grant of which waits for a second administrator's approval: those reaching proposal
 * content, and the administrator roles themselves (else a 安全管理员 could make a second
 * account to approve his own requests).
 */
export const APPROVAL_ROLES = [...CONTENT_ROLES, ...ADMINISTRATOR_ROLES] as const satisfies readonly Role[];
export const needsApproval = (role: Role) => (APPROVAL_ROLES as readonly Role[]).includes(role);

/** Roles the 安全管理员 may put under the second factor per tenant (administrators always have it). */
export const SECOND_FACTOR_OPTIONAL_ROLES = ['staff', 'office', 'leader', 'unit', 'member', 'group'] as const satisfies readonly Role[];
