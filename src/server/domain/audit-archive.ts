import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { and, asc, eq, gt, gte, lte, min, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { auditChains, auditLog } from '../db/schema.js';
import { hmacSm3 } from '../crypto/gm.js';
import { keys } from '../crypto/keys.js';
import { auditContent, auditMac, canonicalJson, type AuditRow } from './audit-chain.js';

// Retention (网络安全法 Art. 21: at least six months): rows older than AUDIT_RETENTION_DAYS leave
// the database only as a signed file — the rows, the mac they chain from, the chain head they
// end at, and an HMAC-SM3 signature over all of it — after which the chain's archived head moves
// forward and verification of what remains starts from there. Only a prefix of a chain is ever
// archived, so the remaining rows still chain without a gap.

export const ARCHIVE_FORMAT = 'duban-audit-archive/1';

export interface ArchiveFile {
  format: typeof ARCHIVE_FORMAT;
  chain: number;
  fromSeq: number;
  toSeq: number;
  /** The mac the first row chains from ('' at the start of a chain). */
  prevMac: string;
  /** The mac of the last row: the archived head the database keeps. */
  headMac: string;
  archivedAt: string;
  rows: (Omit<AuditRow, 'at'> & { at: string })[];
  /** HMAC-SM3 with AUDIT_HMAC_KEY over the canonical JSON of everything above. */
  signature: string;
}

const sign = (body: Omit<ArchiveFile, 'signature'>, key: Buffer) => hmacSm3(key, canonicalJson(body)).toString('hex');

export interface ArchiveResult {
  chain: number;
  rows: number;
  file: string;
}

/** Archives, chain by chain, the rows older than the retention period. */
export async function archiveAudit(db: Db, opts: { now: Date; retentionDays: number; dir: string }): Promise<ArchiveResult[]> {
  const cutoff = new Date(opts.now.getTime() - opts.retentionDays * 86_400_000);
  const chains = await db.select({ chain: auditChains.chain }).from(auditChains).orderBy(asc(auditChains.chain));
  const out: ArchiveResult[] = [];
  for (const { chain } of chains) {
    const r = await db.transaction(async (tx) => {
      // The head row is locked: no writer appends while the prefix is cut.
      const [head] = await tx.select().from(auditChains).where(eq(auditChains.chain, chain)).for('update');
      if (!head) return null;
      const [young] = await tx
        .select({ seq: min(auditLog.seq) })
        .from(auditLog)
        .where(and(eq(auditLog.chain, chain), gt(auditLog.seq, head.archivedSeq), gte(auditLog.at, cutoff)));
      const upTo = (young?.seq != null ? Number(young.seq) : head.seq + 1) - 1;
      if (upTo <= head.archivedSeq) return null;
      const rows = await tx
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.chain, chain), gt(auditLog.seq, head.archivedSeq), lte(auditLog.seq, upTo)))
        .orderBy(asc(auditLog.seq));
      // A broken chain is not archived: the auditor must see the break where it is.
      let prev = head.archivedMac;
      for (const [i, row] of rows.entries()) {
        if (row.seq !== head.archivedSeq + i + 1 || row.mac !== auditMac(prev, auditContent(row))) {
          throw new Error(`审计链 ${chain} 第${head.archivedSeq + i + 1}条记录校验失败，未归档`);
        }
        prev = row.mac;
      }
      const body: Omit<ArchiveFile, 'signature'> = {
        format: ARCHIVE_FORMAT,
        chain,
        fromSeq: head.archivedSeq + 1,
        toSeq: upTo,
        prevMac: head.archivedMac,
        headMac: prev,
        archivedAt: opts.now.toISOString(),
        rows: rows.map((row) => ({ ...row, at: row.at.toISOString() })),
      };
      const file = path.join(opts.dir, `chain-${chain}`, `audit-${chain}-${String(body.fromSeq).padStart(10, '0')}-${String(upTo).padStart(10, '0')}.json`);
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(`${file}.part`, JSON.stringify({ ...body, signature: sign(body, keys().auditHmac) }), { mode: 0o600 });
      await rename(`${file}.part`, file);
      await tx.update(auditChains).set({ archivedSeq: upTo, archivedMac: prev, archivedAt: opts.now }).where(eq(auditChains.chain, chain));
      await tx.execute(sql`select duban_audit_drop_archived(${chain})`);
      return { chain, rows: rows.length, file };
    });
    if (r) out.push(r);
  }
  return out;
}

export interface ArchiveCheck {
  ok: boolean;
  chain: number | null;
  fromSeq: number | null;
  toSeq: number | null;
  message: string;
}

/** Checks an archive file: its signature, and that its rows chain from prevMac to headMac. */
export async function verifyArchiveFile(file: string, key: Buffer = keys().auditHmac): Promise<ArchiveCheck> {
  const a = JSON.parse(await readFile(file, 'utf8')) as ArchiveFile;
  const base = { chain: a.chain ?? null, fromSeq: a.fromSeq ?? null, toSeq: a.toSeq ?? null };
  if (a.format !== ARCHIVE_FORMAT) return { ok: false, ...base, message: '不是督办审计归档文件' };
  const { signature, ...body } = a;
  if (sign(body, key) !== signature) return { ok: false, ...base, message: '签名不符：文件被修改过，或密钥不同' };
  let prev = a.prevMac;
  for (const [i, row] of a.rows.entries()) {
    const seq = a.fromSeq + i;
    if (row.seq !== seq || row.mac !== auditMac(prev, auditContent({ ...row, at: new Date(row.at) }), key)) {
      return { ok: false, ...base, message: `第${seq}条记录校验失败` };
    }
    prev = row.mac;
  }
  if (prev !== a.headMac || a.rows.length !== a.toSeq - a.fromSeq + 1) return { ok: false, ...base, message: '链尾与文件记载不符' };
  return { ok: true, ...base, message: `第${a.fromSeq}至${a.toSeq}条，共${a.rows.length}条，校验通过` };
}
