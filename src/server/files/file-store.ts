import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';

// Uploaded files are streamed to disk as they arrive, under the size cap, and never held in
// memory whole: five parallel 19.5 MB uploads used to add about 520 MB (base64 JSON, then a
// Buffer, then pg's hex parameter). The database keeps the name, type, size, the relative path
// and the SM3 digest, which is checked again whenever the file is read back. Files uploaded before
// this stay in the `content` column and are served from there.

let root = process.env.FILES_DIR || path.join(process.env.DATA_DIR || './data', 'files');

/** Where files live: FILES_DIR, by default ./data/files. Shared by every server process. */
export function configureFileStore(dir: string) {
  root = dir;
}

export class UploadTooLarge extends Error {}

export interface StoredFile {
  storagePath: string;
  size: number;
  /** SM3 of the content, hex. */
  digest: string;
  /** The first bytes, for checking that the content is what its extension says. */
  head: Buffer;
  /** Whether a NUL byte occurs anywhere (a .txt must not have one). */
  hasNul: boolean;
}

/** Counts, hashes and caps the bytes as they pass; keeps the first 16 for the type check. */
class Meter extends Transform {
  size = 0;
  head = Buffer.alloc(0);
  hasNul = false;
  readonly hash = createHash('sm3');
  constructor(private readonly maxBytes: number) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
    this.size += chunk.length;
    if (this.size > this.maxBytes) return done(new UploadTooLarge());
    if (this.head.length < 16) this.head = Buffer.concat([this.head, chunk.subarray(0, 16 - this.head.length)]);
    if (!this.hasNul && chunk.includes(0)) this.hasNul = true;
    this.hash.update(chunk);
    done(null, chunk);
  }
}

/** Streams an upload into the store; over `maxBytes` it stops reading, removes the part and throws UploadTooLarge. */
export async function storeUpload(source: Readable, maxBytes: number): Promise<StoredFile> {
  const now = new Date();
  const dir = `${now.getUTCFullYear()}/${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
  const name = randomBytes(16).toString('hex');
  await mkdir(path.join(root, dir), { recursive: true });
  const partial = path.join(root, dir, `${name}.part`);
  const meter = new Meter(maxBytes);
  try {
    await pipeline(source, meter, createWriteStream(partial, { flags: 'wx', mode: 0o600 }));
  } catch (e) {
    await rm(partial, { force: true });
    // Drain what the client still sends, so that the answer reaches it.
    source.resume();
    throw e;
  }
  const storagePath = `${dir}/${name}`;
  await rename(partial, path.join(root, storagePath));
  return { storagePath, size: meter.size, digest: meter.hash.digest('hex'), head: meter.head, hasNul: meter.hasNul };
}

export async function removeStored(storagePath: string | null | undefined) {
  if (storagePath) await rm(resolveStored(storagePath), { force: true });
}

function resolveStored(storagePath: string): string {
  const full = path.resolve(root, storagePath);
  if (!full.startsWith(path.resolve(root) + path.sep)) throw new Error('invalid storage path');
  return full;
}

/** Fails the stream at its end when the bytes do not hash to the recorded digest. */
class DigestCheck extends Transform {
  private readonly hash = createHash('sm3');
  constructor(private readonly expected: string) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
    this.hash.update(chunk);
    done(null, chunk);
  }
  override _flush(done: TransformCallback) {
    done(this.hash.digest('hex') === this.expected ? null : new Error('文件校验失败：内容与上传时的 SM3 摘要不符'));
  }
}

/** The content of a stored file as a stream: from disk (checked against its digest) or the old column. */
export function openStored(row: { content: Buffer | null; storagePath: string | null; digest: string | null }): Readable {
  if (row.storagePath) {
    const file = createReadStream(resolveStored(row.storagePath));
    return row.digest ? file.pipe(new DigestCheck(row.digest)) : file;
  }
  return Readable.from(row.content ?? Buffer.alloc(0));
}

/** The response schema of a download streamed from the store (documentation only: streams are not serialised). */
export const storedFileResponse = z.custom<Readable>((v) => v instanceof Readable).describe('文件内容');
