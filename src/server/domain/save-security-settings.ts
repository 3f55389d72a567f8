import { eq } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { securitySettings } from '../db/schema.js';
import { staleVersion } from '../errors.js';
import { loadSecuritySettings } from '../auth/policy.js';
import type { SecuritySettingsBody } from '../../shared/schemas/security.js';
import { ROLE_LABELS } from '../../shared/roles.js';
import type { Actor } from './actor.js';
import { writeAuditNow } from './audit.js';
import { raiseAlert } from './security-alerts.js';

/**
 * The 安全管理员 sets the tenant's sign-in rules: roles held to a second factor besides the
 * administrators, live sessions per account, password expiry. The auditor is told.
 */
export async function saveSecuritySettings(tx: Executor, actor: Actor, input: SecuritySettingsBody, now: Date) {
  const [row] = await tx.select().from(securitySettings).where(eq(securitySettings.tenantId, actor.tenantId)).for('update');
  const before = await loadSecuritySettings(tx, actor.tenantId);
  if ((row?.version ?? 0) !== input.version) throw staleVersion();
  const values = {
    secondFactorRoles: input.secondFactorRoles,
    maxSessions: input.maxSessions,
    adminPasswordMaxAgeDays: input.adminPasswordMaxAgeDays,
    passwordMaxAgeDays: input.passwordMaxAgeDays,
    updatedAt: now,
  };
  if (row) await tx.update(securitySettings).set({ ...values, version: row.version + 1 }).where(eq(securitySettings.tenantId, actor.tenantId));
  else await tx.insert(securitySettings).values({ tenantId: actor.tenantId, ...values, version: 1 });
  const { version: _b, ...b } = before;
  const after = { ...values, updatedAt: undefined };
  const auditId = await writeAuditNow(tx, actor, { action: 'security.settings', entityType: 'security_settings', entityId: actor.tenantId, before: b, after });
  const roles = input.secondFactorRoles.map((r) => ROLE_LABELS[r]).join('、') || '无';
  await raiseAlert(tx, actor, {
    kind: 'security.settings',
    message: `${actor.displayName} 修改了安全设置：须双重验证的其他角色 ${roles}；每账户最多 ${input.maxSessions} 个会话；管理员密码有效期 ${input.adminPasswordMaxAgeDays || '不限'}${input.adminPasswordMaxAgeDays ? '天' : ''}，其他用户 ${input.passwordMaxAgeDays || '不限'}${input.passwordMaxAgeDays ? '天' : ''}`,
    auditId,
  }, now);
  return loadSecuritySettings(tx, actor.tenantId);
}
