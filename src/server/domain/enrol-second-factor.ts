import { eq } from 'drizzle-orm';
import type { Db, Executor } from '../db/client.js';
import { recoveryCodes, users } from '../db/schema.js';
import { AppError, conflict, invalid } from '../errors.js';
import { hashRecoveryCode, matchTotp, newRecoveryCodes, newRecoverySalt, newTotpSecret, totpQrDataUrl, totpUri } from '../auth/totp.js';
import { totpFactor } from '../auth/second-factor.js';
import { clear, fail, release, reserve, secondFactorKey, type ThrottleRule } from '../auth/throttle.js';
import { lockedError } from './sign-in.js';
import type { Actor } from './actor.js';
import { decryptField, encryptField } from '../crypto/field-crypto.js';
import { writeAudit } from './audit.js';

// Enrolment of the authenticator app from 我的账号 (or at first sign-in when the account must
// have one): a secret is shown as a QR code, a code from the app confirms it, and ten recovery
// codes are shown once. Changing phones, or losing one, is for the 安全管理员 (reset), so that a
// stolen session cannot swap the second factor for the thief's.

async function userOf(tx: Executor, actor: Actor) {
  const [u] = await tx.select().from(users).where(eq(users.id, actor.userId)).for('update');
  if (!u) throw new AppError('UNAUTHENTICATED', '请先登录');
  return u;
}

const ALREADY = '已启用双重验证；更换或丢失验证器时，请联系安全管理员重置';

export async function startTotpEnrolment(tx: Executor, actor: Actor) {
  const u = await userOf(tx, actor);
  if (u.totpSecret) throw conflict(ALREADY);
  const secret = newTotpSecret();
  // Kept SM4-encrypted like other secrets at rest (crypto/rekey.ts lists the column).
  await tx.update(users).set({ totpPendingSecret: encryptField(secret) }).where(eq(users.id, u.id));
  await writeAudit(tx, actor, { action: 'auth.second_factor_enrolment_started', entityType: 'user', entityId: u.id });
  const uri = totpUri(secret, u.username);
  return { secret, uri, qrDataUrl: await totpQrDataUrl(uri) };
}

async function replaceRecoveryCodes(tx: Executor, u: { id: number; tenantId: number }) {
  const codes = newRecoveryCodes();
  await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, u.id));
  await tx.insert(recoveryCodes).values(
    codes.map((c) => {
      const salt = newRecoverySalt();
      return { tenantId: u.tenantId, userId: u.id, salt, codeHash: hashRecoveryCode(salt, c) };
    }),
  );
  return codes;
}

/** The code from the app proves it holds the secret; answers the recovery codes, shown this once. */
export async function confirmTotpEnrolment(tx: Executor, actor: Actor, code: string, now: Date) {
  const u = await userOf(tx, actor);
  if (u.totpSecret) throw conflict(ALREADY);
  if (!u.totpPendingSecret) throw conflict('请先生成二维码，再输入验证码');
  const step = matchTotp(decryptField(u.totpPendingSecret), code, now);
  if (step === null) throw invalid('body.code', '验证码不正确，请核对手机时间后重试');
  await tx
    .update(users)
    .set({ totpSecret: u.totpPendingSecret, totpPendingSecret: null, totpEnabledAt: now, totpLastStep: step, version: u.version + 1 })
    .where(eq(users.id, u.id));
  const codes = await replaceRecoveryCodes(tx, u);
  await writeAudit(tx, actor, { action: 'auth.second_factor_enabled', entityType: 'user', entityId: u.id, after: { method: 'totp', recoveryCodes: codes.length } });
  return codes;
}

/**
 * New recovery codes (the old ones stop working), against a current code from the app. Wrong
 * codes count on the same counter as at sign-in, so a stolen session cannot guess its way to
 * recovery codes.
 */
export async function regenerateRecoveryCodes(db: Db, actor: Actor, code: string, rule: ThrottleRule, now: Date) {
  const key = secondFactorKey(actor.userId);
  const slot = await reserve(db, key, rule, now);
  if (!slot.ok) throw lockedError(slot.blockedUntil, now);
  const [current] = await db.select().from(users).where(eq(users.id, actor.userId));
  if (!current?.totpSecret) {
    await release(db, key);
    throw conflict('尚未启用双重验证');
  }
  if (!(await totpFactor.verify(db, current, code, now))) {
    await fail(db, key, rule, now);
    throw invalid('body.code', '验证码不正确或已使用');
  }
  await clear(db, key);
  return db.transaction((tx) => renewCodes(tx, actor));
}

async function renewCodes(tx: Executor, actor: Actor) {
  const u = await userOf(tx, actor);
  const codes = await replaceRecoveryCodes(tx, u);
  await writeAudit(tx, actor, { action: 'auth.recovery_codes_renewed', entityType: 'user', entityId: u.id, after: { recoveryCodes: codes.length } });
  return codes;
}
