import { randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

// 2 is Algorithm.Argon2id (a const enum that isolated modules cannot read).
export const hashPassword = (plain: string) => hash(plain, { algorithm: 2 });
export const verifyPassword = (stored: string, plain: string) => verify(stored, plain).catch(() => false);

// A hash of a random password, made once with the same parameters as real ones: a sign-in for a
// name that does not exist, or for an account that is locked, verifies against it, so that the
// answer takes as long as a wrong password for a real account and tells nothing.
let dummy: Promise<string> | null = null;

/** Spends one password verification and answers false. */
export async function verifyDummy(plain: string): Promise<false> {
  dummy ??= hashPassword(randomBytes(24).toString('base64url'));
  await verifyPassword(await dummy, plain);
  return false;
}
