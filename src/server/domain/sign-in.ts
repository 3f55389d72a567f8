import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { tenants, users } from '../db/schema.js';
import { AppError } from '../errors.js';
import { verifyDummy, verifyPassword } from '../auth/passwords.js';
import { createLoginSession } from '../auth/login-sessions.js';
import { accountAddressKey, accountKey, addressKey, clear, fail, release, reserve } from '../auth/throttle.js';
import { loadSecuritySettings, type Mode, type SignInLimits } from '../auth/policy.js';
import { availableFactors } from '../auth/second-factor.js';
import { writeAudit, writeAuditNow } from './audit.js';
import { raiseAlert } from './security-alerts.js';
import { alertSecurityAdmins } from './security-alert.js';

export const BAD_CREDENTIALS = '用户名或密码错误';

export interface SignInContext {
  ip: string | null;
  userAgent: string | null;
  mode: Mode;
  limits: SignInLimits;
  now: Date;
}

const minutesLeft = (until: Date, now: Date) => Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60000));

export const lockedError = (until: Date, now: Date) =>
  new AppError('ACCOUNT_LOCKED', `账户已锁定，请于${minutesLeft(until, now)}分钟后重试`, { lockedUntil: until.toISOString() });

/**
 * Checks a password and opens a session: a full one, or one waiting for the second factor when
 * the account has one. What an attacker sees does not depend on whether the name exists:
 *
 * - the counters are keyed by the name typed, so an unknown name counts and locks like a real one;
 * - an unknown name, an inactive account and a locked one each spend one password verification
 *   (against a dummy hash), so they take as long as a wrong password;
 * - the messages and statuses are the same: 401 「用户名或密码错误（还可尝试N次）」, 423 when locked.
 *
 * Each attempt takes a slot on its counters before the password is checked (throttle.ts), so
 * parallel guesses count one by one: five wrong ones lock the account for that address, and the
 * sixth, right or wrong, is refused. An address that fails too often across accounts gets 429.
 */
export async function signIn(db: Db, input: { username: string; password: string }, ctx: SignInContext) {
  const { now, limits } = ctx;
  const name = input.username.toLowerCase();
  const ip = ctx.ip ?? 'unknown';
  const keys = { pair: accountAddressKey(name, ip), account: accountKey(name), address: addressKey(ip) };

  const pair = await reserve(db, keys.pair, limits.accountAddress, now);
  if (!pair.ok) {
    await verifyDummy(input.password);
    throw lockedError(pair.blockedUntil, now);
  }
  const account = await reserve(db, keys.account, limits.account, now);
  if (!account.ok) {
    await release(db, keys.pair);
    await verifyDummy(input.password);
    throw lockedError(account.blockedUntil, now);
  }
  const address = await reserve(db, keys.address, limits.address, now);
  if (!address.ok) {
    await release(db, keys.pair);
    await release(db, keys.account);
    throw new AppError('RATE_LIMITED', `登录尝试过于频繁，请于${minutesLeft(address.blockedUntil, now)}分钟后重试`, {
      retryAfter: address.blockedUntil.toISOString(),
    });
  }

  // The tenant's state comes with the account in one query: known and unknown names cost the same.
  const [found] = await db
    .select({ user: users, tenantActive: tenants.active })
    .from(users)
    .innerJoin(tenants, eq(tenants.id, users.tenantId))
    .where(eq(sql`lower(${users.username})`, name));
  const user = found?.user;
  const good = user ? await verifyPassword(user.passwordHash, input.password) : await verifyDummy(input.password);
  // An account of a tenant the platform has stopped (停用) is answered like a disabled account.
  const tenantActive = found?.tenantActive !== false;
  if (!user || !good || !user.active || !tenantActive) {
    const pairLocked = await fail(db, keys.pair, limits.accountAddress, now);
    const accountLocked = await fail(db, keys.account, limits.account, now);
    await fail(db, keys.address, limits.address, now);
    if (user) {
      const actor = { tenantId: user.tenantId, userId: user.id, ip: ctx.ip };
      await db.transaction(async (tx) => {
        const auditId = await writeAuditNow(tx, actor, {
          action: pairLocked || accountLocked ? 'account.locked' : 'auth.failed',
          entityType: 'user',
          entityId: user.id,
          after: { address: ip, scope: accountLocked ? 'account' : pairLocked ? 'address' : undefined },
        });
        // The security administrators hear of a lock on their own channels (e-mail, SMS, work notice).
        if (pairLocked || accountLocked) {
          await alertSecurityAdmins(
            tx,
            user.tenantId,
            `账户「${user.username}」连续${limits.accountAddress.max}次密码错误，已锁定${limits.accountAddress.blockMs / 60000}分钟（来源地址 ${ip}）。如非本人操作，请核查。`,
            `Account “${user.username}” was locked for ${limits.accountAddress.blockMs / 60000} minutes after ${limits.accountAddress.max} wrong passwords in a row (from ${ip}). Check it if this was not the account holder.`,
          );
        }
        if (accountLocked) {
          await raiseAlert(tx, actor, {
            kind: 'account.locked',
            message: `账户 ${user.username}（${user.displayName}）在${limits.account.windowMs / 60000}分钟内密码错误${limits.account.max}次，已对所有地址锁定${limits.account.blockMs / 60000}分钟`,
            subjectUserId: user.id,
            auditId,
          }, now);
        }
      });
    } else {
      // An unknown name has no tenant: the row goes to the platform's chain (tenant null), with the
      // name as typed (cut short: people type passwords into the wrong box).
      await db.transaction((tx) =>
        writeAudit(tx, { tenantId: null, userId: null, ip: ctx.ip }, {
          action: 'auth.login_failed',
          entityType: 'user',
          after: { username: input.username.slice(0, 32), reason: 'unknown_user' },
        }),
      );
    }
    if (pairLocked || accountLocked) {
      throw new AppError('ACCOUNT_LOCKED', `连续${limits.accountAddress.max}次密码错误，账户已锁定${limits.accountAddress.blockMs / 60000}分钟`, {
        lockedUntil: new Date(now.getTime() + limits.accountAddress.blockMs).toISOString(),
      });
    }
    throw new AppError('UNAUTHENTICATED', `${BAD_CREDENTIALS}（还可尝试${limits.accountAddress.max - pair.hits}次）`);
  }

  // The password was right: failures in a row start over, the address's slot is given back.
  await clear(db, keys.pair, keys.account);
  await release(db, keys.address);
  const settings = await loadSecuritySettings(db, user.tenantId);
  const factors = availableFactors(user);
  const actor = { tenantId: user.tenantId, userId: user.id, ip: ctx.ip };
  const stage = factors.length > 0 ? ('second_factor' as const) : ('full' as const);
  const session = await db.transaction(async (tx) => {
    const s = await createLoginSession(tx, user, { ip: ctx.ip, userAgent: ctx.userAgent, stage, maxSessions: settings.maxSessions }, now);
    await writeAudit(tx, actor, {
      action: stage === 'full' ? 'auth.login' : 'auth.password_verified',
      entityType: 'user',
      entityId: user.id,
      after: s.endedSessions ? { endedOldestSessions: s.endedSessions } : undefined,
    });
    return s;
  });
  const [tenant] = await db.select().from(tenants).where(eq(tenants.id, user.tenantId));
  return { user, tenant: tenant!, stage, methods: factors.map((f) => f.method), settings, ...session };
}
