import { and, eq } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { loginSessions, recoveryCodes, users } from '../db/schema.js';
import { conflict, forbidden, notFound } from '../errors.js';
import { clear, secondFactorKey } from '../auth/throttle.js';
import { isAdministrator } from '../../shared/roles.js';
import type { Actor } from './actor.js';
import { writeAuditNow } from './audit.js';
import { fileRequest } from './file-request.js';
import { adminLabel } from './reset-password.js';
import { raiseAlert } from './security-alerts.js';

type UserRow = typeof users.$inferSelect;

/** Removes an account's authenticator and recovery codes (directly or once approved); its sessions end. */
export async function applySecondFactorReset(tx: Executor, before: UserRow) {
  const [after] = await tx
    .update(users)
    .set({ totpSecret: null, totpPendingSecret: null, totpEnabledAt: null, totpLastStep: null, version: before.version + 1 })
    .where(eq(users.id, before.id))
    .returning();
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, before.id));
  await tx.delete(loginSessions).where(eq(loginSessions.userId, before.id));
  await clear(tx, secondFactorKey(before.id));
  return after!;
}

/**
 * The 安全管理员 removes the second factor of someone who lost their phone and their recovery
 * codes; they enrol again at next sign-in (when their role requires it) or from 我的账号. Only the
 * 安全管理员 can; another administrator's second factor needs a second administrator's approval.
 */
export async function resetSecondFactor(tx: Executor, actor: Actor, id: number, now: Date) {
  if (id === actor.userId) throw forbidden('不能重置自己的双重验证，请由其他安全管理员操作');
  const [before] = await tx.select().from(users).where(and(eq(users.id, id), eq(users.tenantId, actor.tenantId))).for('update');
  if (!before) throw notFound('用户');
  if (!before.totpSecret && !before.totpPendingSecret) throw conflict('该账户未启用双重验证');
  if (isAdministrator(before.roles)) {
    const request = await fileRequest(tx, actor, {
      kind: 'reset_second_factor',
      targetUserId: id,
      payload: {},
      summary: `申请重置${adminLabel(before)} ${before.displayName}（${before.username}）的双重验证`,
    }, now);
    return { pending: request } as const;
  }
  const after = await applySecondFactorReset(tx, before);
  const auditId = await writeAuditNow(tx, actor, {
    action: 'user.reset_second_factor',
    entityType: 'user',
    entityId: id,
    before: { secondFactorEnabled: !!before.totpSecret },
    after: { secondFactorEnabled: false },
  });
  await raiseAlert(tx, actor, {
    kind: 'user.reset_second_factor',
    message: `${actor.displayName} 重置了 ${before.displayName}（${before.username}）的双重验证`,
    subjectUserId: id,
    auditId,
  }, now);
  return { user: after } as const;
}
