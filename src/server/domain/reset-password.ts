import { and, eq } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { loginSessions, users } from '../db/schema.js';
import { forbidden, notFound } from '../errors.js';
import { hashPassword } from '../auth/passwords.js';
import type { Actor } from './actor.js';
import { writeAudit } from './audit.js';

/**
 * The 安全管理员 sets a temporary password for someone who forgot theirs. The holder must change
 * it at next sign-in; open sessions end, and a lock from failed attempts is lifted since the
 * holder could not have known the new password.
 */
export async function resetPassword(tx: Executor, actor: Actor, id: number, newPassword: string, now: Date) {
  if (id === actor.userId) throw forbidden('请通过“修改密码”修改自己的密码');
  const [before] = await tx.select().from(users).where(and(eq(users.id, id), eq(users.tenantId, actor.tenantId))).for('update');
  if (!before) throw notFound('用户');
  const passwordHash = await hashPassword(newPassword);
  const [after] = await tx
    .update(users)
    .set({ passwordHash, mustChangePassword: true, passwordChangedAt: now, failedLogins: 0, lockedUntil: null, version: before.version + 1 })
    .where(eq(users.id, id))
    .returning();
  await tx.delete(loginSessions).where(eq(loginSessions.userId, id));
  await writeAudit(tx, actor, {
    action: 'user.reset_password',
    entityType: 'user',
    entityId: id,
    before: { mustChangePassword: before.mustChangePassword, lockedUntil: before.lockedUntil },
    after: { mustChangePassword: true, lockedUntil: null },
  });
  return after!;
}
