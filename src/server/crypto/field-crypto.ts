import { randomBytes } from 'node:crypto';
import { equalBytes, hmacSm3, sm4CbcDecrypt, sm4CbcEncrypt } from './gm.js';
import { keys } from './keys.js';

// Personal data at rest (phone numbers and contact details of members, users and units'
// contacts) is stored SM4-encrypted as `sm4:<key id>:<base64url of iv ‖ ciphertext ‖ tag>`:
// SM4-CBC with a random IV, then HMAC-SM3 over key id, IV and ciphertext (encrypt-then-MAC), so a
// changed byte is refused rather than decrypted into garbage. The key id lets keys rotate:
// `npm run data:rekey` rewrites every value under DATA_KEY_ID. This module is the one way in and
// out, for every writer (admin forms, the roster import, the seed) and reader.

export const PREFIX = 'sm4:';
const TAG_BYTES = 16;

const macKey = (key: Buffer) => hmacSm3(key, 'duban field mac');

export function isEncrypted(stored: string | null | undefined): boolean {
  return typeof stored === 'string' && stored.startsWith(PREFIX);
}

/** The key id a stored value was written with, or null for plaintext. */
export function keyIdOf(stored: string): string | null {
  return isEncrypted(stored) ? stored.slice(PREFIX.length, stored.indexOf(':', PREFIX.length)) : null;
}

export function encryptField(plain: string): string;
export function encryptField(plain: string | null | undefined): string | null;
export function encryptField(plain: string | null | undefined): string | null {
  if (plain === null || plain === undefined || plain === '') return plain ?? null;
  const { dataKeyId, dataKeys } = keys();
  const key = dataKeys.get(dataKeyId)!;
  const iv = randomBytes(16);
  const ct = sm4CbcEncrypt(key, iv, Buffer.from(plain, 'utf8'));
  const tag = hmacSm3(macKey(key), Buffer.concat([Buffer.from(dataKeyId), iv, ct])).subarray(0, TAG_BYTES);
  return `${PREFIX}${dataKeyId}:${Buffer.concat([iv, ct, tag]).toString('base64url')}`;
}

/** The plaintext of a stored value; plaintext written before encryption existed passes through. */
export function decryptField(stored: string): string;
export function decryptField(stored: string | null | undefined): string | null;
export function decryptField(stored: string | null | undefined): string | null {
  if (stored === null || stored === undefined) return null;
  if (!isEncrypted(stored)) return stored;
  const keyId = keyIdOf(stored)!;
  const key = keys().dataKeys.get(keyId);
  if (!key) throw new Error(`缺少数据密钥 DATA_KEY_${keyId}，无法解密`);
  const raw = Buffer.from(stored.slice(PREFIX.length + keyId.length + 1), 'base64url');
  const iv = raw.subarray(0, 16);
  const ct = raw.subarray(16, raw.length - TAG_BYTES);
  const tag = raw.subarray(raw.length - TAG_BYTES);
  const expected = hmacSm3(macKey(key), Buffer.concat([Buffer.from(keyId), iv, ct])).subarray(0, TAG_BYTES);
  if (!equalBytes(tag, expected)) throw new Error('加密字段校验失败（数据被篡改或密钥不符）');
  return sm4CbcDecrypt(key, iv, ct).toString('utf8');
}

/** Digits only: 138-0013-8000, +86 138 0013 8000 and 13800138000 are one number. */
export function normalizePhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.length === 13 && digits.startsWith('86') ? digits.slice(2) : digits;
}

/** Keyed SM3 blind index of a phone number: equal numbers give equal indexes, nothing else leaks. */
export function phoneIndex(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const n = normalizePhone(phone);
  if (!n) return null;
  return hmacSm3(keys().indexKey, `phone:${n}`).toString('hex');
}

/** A phone number as stored: the ciphertext and its blind index. The roster import calls this. */
export function protectPhone(phone: string | null | undefined): { value: string | null; index: string | null } {
  const v = phone?.trim() || null;
  return { value: encryptField(v), index: phoneIndex(v) };
}

/** Whether a search string is a phone number to look up by its blind index. */
export function looksLikePhone(q: string): boolean {
  return /^[+\d][\d\s()-]{4,}$/.test(q.trim()) && normalizePhone(q).length >= 5;
}
