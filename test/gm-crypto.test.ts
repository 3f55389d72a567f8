import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hmacSm3, sm3, sm4CbcDecrypt, sm4CbcEncrypt, sm4EncryptBlock } from '../src/server/crypto/gm.js';
import { decryptField, encryptField, isEncrypted, keyIdOf, phoneIndex } from '../src/server/crypto/field-crypto.js';
import { loadKeys, useKeys, keys } from '../src/server/crypto/keys.js';

// The 国密 primitives come from node:crypto (OpenSSL 3); these are the examples printed in the
// standards, so a build whose SM3 or SM4 differs fails here before it writes a single mac.

describe('SM3 (GB/T 32905-2016)', () => {
  it('hashes the standard’s example 1: "abc"', () => {
    expect(sm3('abc').toString('hex')).toBe('66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0');
  });
  it('hashes the standard’s example 2: "abcd" × 16', () => {
    expect(sm3('abcd'.repeat(16)).toString('hex')).toBe('debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732');
  });
  it('keys HMAC-SM3 exactly as RFC 2104 defines HMAC', () => {
    const key = Buffer.from('duban audit key for the hmac check');
    const msg = '审计日志第1条';
    const block = Buffer.alloc(64);
    key.copy(block);
    const pad = (b: number) => Buffer.from(block.map((x) => x ^ b));
    const inner = createHash('sm3').update(Buffer.concat([pad(0x36), Buffer.from(msg)])).digest();
    const outer = createHash('sm3').update(Buffer.concat([pad(0x5c), inner])).digest();
    expect(hmacSm3(key, msg).toString('hex')).toBe(outer.toString('hex'));
  });
});

describe('SM4 (GB/T 32907-2016)', () => {
  const key = Buffer.from('0123456789abcdeffedcba9876543210', 'hex');
  it('encrypts the standard’s example block', () => {
    expect(sm4EncryptBlock(key, key).toString('hex')).toBe('681edf34d206965e86b3e94f536e4246');
  });
  it('round-trips CBC with padding', () => {
    const iv = Buffer.alloc(16, 7);
    const ct = sm4CbcEncrypt(key, iv, Buffer.from('13800138000'));
    expect(ct.length).toBe(16);
    expect(sm4CbcDecrypt(key, iv, ct).toString()).toBe('13800138000');
  });
});

describe('field encryption', () => {
  it('stores a phone as sm4:<key id>:… and reads it back', () => {
    const stored = encryptField('0573-85012345');
    expect(isEncrypted(stored)).toBe(true);
    expect(stored).not.toContain('85012345');
    expect(keyIdOf(stored)).toBe(keys().dataKeyId);
    expect(decryptField(stored)).toBe('0573-85012345');
    // A random IV: the same number twice gives two ciphertexts, one blind index.
    expect(encryptField('0573-85012345')).not.toBe(stored);
    expect(phoneIndex('0573-8501 2345')).toBe(phoneIndex('057385012345'));
  });

  it('refuses a changed ciphertext instead of decrypting garbage', () => {
    const stored = encryptField('13800138000');
    const raw = Buffer.from(stored.split(':')[2]!, 'base64url');
    raw[20] = raw[20]! ^ 1;
    expect(() => decryptField(`sm4:${keyIdOf(stored)}:${raw.toString('base64url')}`)).toThrow('校验失败');
  });

  it('reads values of an older key after the current key changed', () => {
    const before = keys();
    const old = encryptField('13900001111');
    const k2 = { ...process.env, DATA_KEY_ID: 'k2', DATA_KEY_k2: 'a'.repeat(32) };
    useKeys(loadKeys(k2, false));
    try {
      expect(keyIdOf(encryptField('1'))).toBe('k2');
      expect(decryptField(old)).toBe('13900001111');
    } finally {
      useKeys(before);
    }
  });

  it('refuses to start in production without real keys', () => {
    expect(() => loadKeys({}, true)).toThrow(/AUDIT_HMAC_KEY.*DATA_INDEX_KEY.*DATA_KEY_ID/);
    const real = { AUDIT_HMAC_KEY: 'x'.repeat(40), DATA_INDEX_KEY: 'y'.repeat(40), DATA_KEY_ID: 'k1', DATA_KEY_k1: 'b'.repeat(32) };
    expect(loadKeys(real, true).demo).toBe(false);
    expect(() => loadKeys({ ...real, AUDIT_HMAC_KEY: 'short' }, true)).toThrow('至少32个字符');
  });
});
