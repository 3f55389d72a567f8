import { and, eq } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { loginSessions, users } from '../db/schema.js';
import { forbidden, notFound } from '../errors.js';
import { hashPassword } from '../auth/passwords.js';
import { clearAccount } from '../auth/throttle.js';
import { isAdministrator, ROLE_LABELS } from '../../shared/roles.js';
import type { Actor } from './actor.js';
import { writeAuditNow } from './audit.js';
import { fileRequest } from './file-request.js';
import { checkNotUsername, retirePassword } from './password-rules.js';
import { raiseAlert } from './security-alerts.js';

type UserRow = typeof users.$inferSelect;

/** Sets a temporary password (directly or once approved): open sessions end and a lock is lifted. */
export async function applyPasswordReset(tx: Executor, before: UserRow, passwordHash: string, now: Date) {
  const [after] = await tx
    .update(users)
    .set({ passwordHash, mustChangePassword: true, passwordChangedAt: now, version: before.version + 1 })
    .where(eq(users.id, before.id))
    .returning();
  await retirePassword(tx, before, now);
  await tx.delete(loginSessions).where(eq(loginSessions.userId, before.id));
  // The holder could not have known the new password: failures counted so far are forgotten.
  await clearAccount(tx, before.username);
  return after!;
}

export const adminLabel = (u: UserRow) => u.roles.map((r) => ROLE_LABELS[r]).join('、');

/**
 * The 安全管理员 sets a temporary password for someone who forgot theirs; the holder must change
 * it at next sign-in. Another administrator's password is not reset alone (三员分立): the reset
 * is filed for a second administrator's approval, so that the 安全管理员 cannot take over the
 * 审计管理员's account by himself. Every reset is on the auditor's alert list.
 */
export async function resetPassword(tx: Executor, actor: Actor, id: number, newPassword: string, now: Date) {
  if (id === actor.userId) throw forbidden('请通过“修改密码”修改自己的密码');
  const [before] = await tx.select().from(users).where(and(eq(users.id, id), eq(users.tenantId, actor.tenantId))).for('update');
  if (!before) throw notFound('用户');
  checkNotUsername(newPassword, before.username, 'body.newPassword');
  const passwordHash = await hashPassword(newPassword);
  if (isAdministrator(before.roles)) {
    const request = await fileRequest(tx, actor, {
      kind: 'reset_password',
      targetUserId: id,
      payload: { passwordHash },
      summary: `申请重置${adminLabel(before)} ${before.displayName}（${before.username}）的密码`,
    }, now);
    return { pending: request } as const;
  }
  const after = await applyPasswordReset(tx, before, passwordHash, now);
  const auditId = await writeAuditNow(tx, actor, {
    action: 'user.reset_password',
    entityType: 'user',
    entityId: id,
    before: { mustChangePassword: before.mustChangePassword },
    after: { mustChangePassword: true },
  });
  await raiseAlert(tx, actor, {
    kind: 'user.reset_password',
    message: `${actor.displayName} 重置了 ${before.displayName}（${before.username}，${adminLabel(before)}）的密码`,
    subjectUserId: id,
    auditId,
  }, now);
  return { user: after } as const;
}
