import { and, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { recoveryCodes, users } from '../db/schema.js';
import { decryptField } from '../crypto/field-crypto.js';
import { hashRecoveryCode, matchTotp, sameDigest } from './totp.js';

// The second factor of sign-in, behind one interface so that another method can join the
// authenticator app and the recovery codes. An SMS one-time code is the one waiting for a gateway:
// it would implement `challenge` with a OneTimeCodeSender (send a random 6-digit code to the
// account's phone, keep its hash and expiry with the pending sign-in) and `verify` by comparing
// hashes once; `availableFactors` lists it when the server is given a sender and the account has
// a phone number.

export type SecondFactorMethod = 'totp' | 'recovery' | 'sms';

type UserRow = typeof users.$inferSelect;

export interface SecondFactor {
  readonly method: SecondFactorMethod;
  /** Can this account use the method? */
  available(user: UserRow): boolean;
  /** Sends what the user needs to answer (an SMS); methods the user carries with them need nothing. */
  challenge?(tx: Executor, user: UserRow, now: Date): Promise<void>;
  /** Checks an answer; an answer that was accepted once is never accepted again. */
  verify(tx: Executor, user: UserRow, answer: string, now: Date): Promise<boolean>;
}

/** A gateway for one-time codes by text message, for when the deployment has one. */
export interface OneTimeCodeSender {
  readonly channel: 'sms';
  send(phone: string, text: string): Promise<void>;
}

export const totpFactor: SecondFactor = {
  method: 'totp',
  available: (u) => !!u.totpSecret,
  async verify(tx, user, answer, now) {
    if (!user.totpSecret) return false;
    const step = matchTotp(decryptField(user.totpSecret), answer, now);
    if (step === null) return false;
    // One statement: two requests with the same code cannot both pass (replay, RFC 6238 §5.2).
    const taken = await tx
      .update(users)
      .set({ totpLastStep: step })
      .where(and(eq(users.id, user.id), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
      .returning({ id: users.id });
    return taken.length > 0;
  },
};

export const recoveryFactor: SecondFactor = {
  method: 'recovery',
  available: (u) => !!u.totpSecret,
  async verify(tx, user, answer, now) {
    const unused = await tx
      .select()
      .from(recoveryCodes)
      .where(and(eq(recoveryCodes.userId, user.id), isNull(recoveryCodes.usedAt)));
    const hit = unused.find((c) => sameDigest(c.codeHash, hashRecoveryCode(c.salt, answer)));
    if (!hit) return false;
    // Conditional: two requests with the same code cannot both use it.
    const used = await tx
      .update(recoveryCodes)
      .set({ usedAt: now })
      .where(and(eq(recoveryCodes.id, hit.id), isNull(recoveryCodes.usedAt)))
      .returning({ id: recoveryCodes.id });
    return used.length > 0;
  },
};

const FACTORS: SecondFactor[] = [totpFactor, recoveryFactor];

export const availableFactors = (user: UserRow) => FACTORS.filter((f) => f.available(user));
export const factorOf = (method: SecondFactorMethod) => FACTORS.find((f) => f.method === method) ?? null;

/** Recovery codes not yet used. */
export async function recoveryCodesLeft(tx: Executor, userId: number): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(recoveryCodes)
    .where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)));
  return Number(row?.n ?? 0);
}
