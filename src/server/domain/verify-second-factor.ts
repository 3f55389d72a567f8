import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { loginSessions, tenants, users } from '../db/schema.js';
import { AppError } from '../errors.js';
import { createLoginSession } from '../auth/login-sessions.js';
import { clear, fail, reserve, secondFactorKey } from '../auth/throttle.js';
import { loadSecuritySettings } from '../auth/policy.js';
import { factorOf, recoveryCodesLeft } from '../auth/second-factor.js';
import type { SecondFactorBody } from '../../shared/schemas/security.js';
import { writeAudit } from './audit.js';
import { lockedError, type SignInContext } from './sign-in.js';

/**
 * The second step of sign-in: a code from the authenticator app or a recovery code, for the
 * session the password opened. Success replaces that session with a full one under a new cookie
 * (the token seen before the second factor is worth nothing after it). Five wrong codes end the
 * pending sign-in and block the second factor for 30 minutes, whatever the password does.
 */
export async function verifySecondFactor(db: Db, pendingSessionId: string, userId: number, input: SecondFactorBody, ctx: SignInContext) {
  const { now } = ctx;
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user) throw new AppError('CONFLICT', '登录已失效，请重新输入用户名和密码');
  const actor = { tenantId: user.tenantId, userId: user.id, ip: ctx.ip };
  const key = secondFactorKey(user.id);
  const slot = await reserve(db, key, ctx.limits.secondFactor, now);
  if (!slot.ok) {
    await db.delete(loginSessions).where(eq(loginSessions.id, pendingSessionId));
    throw lockedError(slot.blockedUntil, now);
  }
  const factor = factorOf(input.method);
  const ok = !!factor && factor.available(user) && (await factor.verify(db, user, input.code, now));
  if (!ok) {
    const locked = await fail(db, key, ctx.limits.secondFactor, now);
    await db.transaction(async (tx) => {
      if (locked) await tx.delete(loginSessions).where(eq(loginSessions.id, pendingSessionId));
      await writeAudit(tx, actor, { action: 'auth.second_factor_failed', entityType: 'user', entityId: user.id, after: { method: input.method, locked } });
    });
    if (locked) throw new AppError('ACCOUNT_LOCKED', `验证码连续${ctx.limits.secondFactor.max}次错误，请于${ctx.limits.secondFactor.blockMs / 60000}分钟后重新登录`);
    throw new AppError('UNAUTHENTICATED', `验证码不正确或已使用（还可尝试${ctx.limits.secondFactor.max - slot.hits}次）`);
  }
  await clear(db, key);
  const settings = await loadSecuritySettings(db, user.tenantId);
  const session = await db.transaction(async (tx) => {
    await tx.delete(loginSessions).where(eq(loginSessions.id, pendingSessionId));
    const s = await createLoginSession(tx, user, { ip: ctx.ip, userAgent: ctx.userAgent, stage: 'full', maxSessions: settings.maxSessions }, now);
    const left = input.method === 'recovery' ? await recoveryCodesLeft(tx, user.id) : undefined;
    await writeAudit(tx, actor, {
      action: 'auth.login',
      entityType: 'user',
      entityId: user.id,
      after: { secondFactor: input.method, recoveryCodesLeft: left, endedOldestSessions: s.endedSessions || undefined },
    });
    return s;
  });
  const [fresh] = await db.select().from(users).where(eq(users.id, user.id));
  const [tenant] = await db.select().from(tenants).where(eq(tenants.id, user.tenantId));
  return { user: fresh!, tenant: tenant!, settings, ...session };
}
