import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { tenants, users } from '../db/schema.js';
import { AppError } from '../errors.js';
import { verifyPassword } from '../auth/passwords.js';
import { createLoginSession, LOCK_MS, MAX_FAILED_LOGINS } from '../auth/login-sessions.js';
import { writeAudit } from './audit.js';

const BAD_CREDENTIALS = '用户名或密码错误';

/**
 * Checks a password and opens a login session. Five failures in a row lock the account for
 * thirty minutes; the lock is reported only once it is in force, so a stranger learns nothing
 * about which names exist.
 */
export async function signIn(db: Db, input: { username: string; password: string }, ip: string | null, now: Date) {
  const [user] = await db.select().from(users).where(eq(users.username, input.username));
  if (!user || !user.active) {
    // An unknown name has no tenant: the row goes to the platform's chain (tenant null), with the
    // name as typed (cut short: people type passwords into the wrong box).
    await db.transaction((tx) =>
      writeAudit(tx, { tenantId: user?.tenantId ?? null, userId: null, ip }, {
        action: 'auth.login_failed',
        entityType: 'user',
        entityId: user?.id ?? null,
        after: { username: input.username.slice(0, 32), reason: user ? 'inactive' : 'unknown_user' },
      }),
    );
    throw new AppError('UNAUTHENTICATED', BAD_CREDENTIALS);
  }
  const actor = { tenantId: user.tenantId, userId: user.id, ip };
  if (user.lockedUntil && user.lockedUntil > now) {
    throw new AppError('ACCOUNT_LOCKED', `账户已锁定，请于${minutesLeft(user.lockedUntil, now)}分钟后重试`, {
      lockedUntil: user.lockedUntil.toISOString(),
    });
  }
  if (!(await verifyPassword(user.passwordHash, input.password))) {
    const failed = user.failedLogins + 1;
    const lock = failed >= MAX_FAILED_LOGINS;
    await db.transaction(async (tx) => {
      await tx
        .update(users)
        .set({ failedLogins: lock ? 0 : failed, lockedUntil: lock ? new Date(now.getTime() + LOCK_MS) : user.lockedUntil })
        .where(eq(users.id, user.id));
      await writeAudit(tx, actor, { action: lock ? 'account.locked' : 'auth.failed', entityType: 'user', entityId: user.id, after: { failed } });
    });
    if (lock) throw new AppError('ACCOUNT_LOCKED', '连续5次密码错误，账户已锁定30分钟');
    throw new AppError('UNAUTHENTICATED', `${BAD_CREDENTIALS}（还可尝试${MAX_FAILED_LOGINS - failed}次）`);
  }
  const session = await db.transaction(async (tx) => {
    await tx.update(users).set({ failedLogins: 0, lockedUntil: null }).where(eq(users.id, user.id));
    await writeAudit(tx, actor, { action: 'auth.login', entityType: 'user', entityId: user.id });
    return createLoginSession(tx as unknown as Db, user, ip, now);
  });
  const [tenant] = await db.select().from(tenants).where(eq(tenants.id, user.tenantId));
  return { user, tenant: tenant!, ...session };
}

const minutesLeft = (until: Date, now: Date) => Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60000));
