import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';

// TOTP as RFC 6238 defines it and authenticator apps (Google Authenticator, Microsoft
// Authenticator, 腾讯身份验证器 …) expect: HMAC-SHA1, 6 digits, 30-second steps, a 160-bit secret.
// The arithmetic is otpauth's; test/totp.test.ts checks it against the RFC's own vectors.

export const ISSUER = '督办';
const PERIOD = 30;
const DIGITS = 6;

export const newTotpSecret = () => new Secret({ size: 20 }).base32;

const totpOf = (secret: string, label = '') =>
  new TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: DIGITS, period: PERIOD, secret: Secret.fromBase32(secret) });

/** The otpauth:// address an authenticator app reads from the QR code. */
export const totpUri = (secret: string, username: string) => totpOf(secret, username).toString();

export const totpQrDataUrl = (uri: string) => QRCode.toDataURL(uri, { errorCorrectionLevel: 'M', margin: 1, width: 220 });

/** The 30-second step an instant falls in. */
export const totpStep = (now: Date) => Math.floor(now.getTime() / 1000 / PERIOD);

/** The code for an instant (tests and the RFC vectors). */
export const totpCode = (secret: string, now: Date) => totpOf(secret).generate({ timestamp: now.getTime() });

/**
 * The step whose code `code` is, within one step either side of `now` (a phone's clock a little
 * off), or null. The caller refuses a step at or before the last one accepted (RFC 6238 §5.2: a
 * code is good once).
 */
export function matchTotp(secret: string, code: string, now: Date): number | null {
  const clean = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(clean)) return null;
  const delta = totpOf(secret).validate({ token: clean, timestamp: now.getTime(), window: 1 });
  return delta === null ? null : totpStep(now) + delta;
}

// Recovery codes: ten of them, 16 base32 characters (80 bits) in groups of four. Random and long, so
// a salted SHA-256 stores them safely without a slow hash.
const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

export function newRecoveryCodes(n = 10): string[] {
  return Array.from({ length: n }, () => {
    const bytes = randomBytes(16);
    const chars = [...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join('');
    return chars.match(/.{4}/g)!.join('-');
  });
}

/**
 * The stored form of a recovery code: SHA-256 of a random per-code salt and the code (ASVS 2.6.2
 * asks a salt of codes under 112 bits). Spaces, dashes and case do not matter when it is typed.
 */
export const hashRecoveryCode = (salt: string, code: string) =>
  createHash('sha256').update(`${salt}:${code.replace(/[\s-]/g, '').toUpperCase()}`).digest('hex');

export const newRecoverySalt = () => randomBytes(8).toString('hex');

/** Compares two hex digests in constant time. */
export const sameDigest = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a, 'hex'), Buffer.from(b, 'hex'));
