import { createCipheriv, createDecipheriv, createHash, createHmac, getCiphers, getHashes, timingSafeEqual } from 'node:crypto';

// 国密 primitives from node:crypto, which has them where OpenSSL 3 does (SM3: GB/T 32905-2016,
// SM4: GB/T 32907-2016). test/gm-crypto.test.ts checks both against the standards' examples.
// A Node built without them cannot protect the audit log or the data at rest: refuse to run
// rather than fall back to another algorithm silently.

const missing = [!getHashes().includes('sm3') && 'SM3', !getCiphers().includes('sm4-cbc') && 'SM4-CBC'].filter(Boolean);
if (missing.length) {
  throw new Error(`此 Node.js 的 OpenSSL 不支持 ${missing.join('、')}，无法运行（需 OpenSSL 3 及国密算法）`);
}

export const sm3 = (data: string | Buffer) => createHash('sm3').update(data).digest();

/** HMAC (RFC 2104) with SM3 as the hash. */
export const hmacSm3 = (key: Buffer, data: string | Buffer) => createHmac('sm3', key).update(data).digest();

export const SM4_KEY_BYTES = 16;
const BLOCK = 16;

/** SM4-CBC with PKCS#7 padding. */
export function sm4CbcEncrypt(key: Buffer, iv: Buffer, plain: Buffer): Buffer {
  const c = createCipheriv('sm4-cbc', key, iv);
  return Buffer.concat([c.update(plain), c.final()]);
}

export function sm4CbcDecrypt(key: Buffer, iv: Buffer, cipher: Buffer): Buffer {
  const d = createDecipheriv('sm4-cbc', key, iv);
  return Buffer.concat([d.update(cipher), d.final()]);
}

/** One SM4 block without chaining or padding: only for checking the standard's test vector. */
export function sm4EncryptBlock(key: Buffer, block: Buffer): Buffer {
  if (block.length !== BLOCK) throw new Error('SM4 block is 16 bytes');
  const c = createCipheriv('sm4-ecb', key, null).setAutoPadding(false);
  return Buffer.concat([c.update(block), c.final()]);
}

export const equalBytes = (a: Buffer, b: Buffer) => a.length === b.length && timingSafeEqual(a, b);
