import { and, eq, ne } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { loginSessions, users } from '../db/schema.js';
import { AppError } from '../errors.js';
import { hashPassword, verifyPassword } from '../auth/passwords.js';
import type { Actor } from './actor.js';
import { writeAudit } from './audit.js';
import { checkNotReused, checkNotUsername, retirePassword } from './password-rules.js';

/**
 * Changes one's own password; other sessions of the user are closed. The new password may not
 * hold the username nor repeat one of the last five.
 */
export async function changePassword(
  db: Db,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
  currentSessionId: string | null,
  now: Date,
) {
  const [user] = await db.select().from(users).where(eq(users.id, actor.userId));
  if (!user) throw new AppError('UNAUTHENTICATED', '请先登录');
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new AppError('VALIDATION_FAILED', '当前密码不正确', [{ path: 'body.currentPassword', message: '当前密码不正确' }]);
  }
  if (input.currentPassword === input.newPassword) {
    throw new AppError('VALIDATION_FAILED', '新密码不能与当前密码相同', [{ path: 'body.newPassword', message: '新密码不能与当前密码相同' }]);
  }
  checkNotUsername(input.newPassword, user.username, 'body.newPassword');
  await checkNotReused(db, user, input.newPassword, 'body.newPassword');
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: false, passwordChangedAt: now, version: user.version + 1 })
      .where(eq(users.id, user.id));
    await retirePassword(tx, user, now);
    if (currentSessionId) {
      await tx.delete(loginSessions).where(and(eq(loginSessions.userId, user.id), ne(loginSessions.id, currentSessionId)));
    }
    await writeAudit(tx, actor, { action: 'auth.password_changed', entityType: 'user', entityId: user.id });
  });
}
