import { and, asc, eq, gte, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { auditChains, auditLog } from '../db/schema.js';
import { hmacSm3 } from '../crypto/gm.js';
import { keys } from '../crypto/keys.js';
import { AsyncLocalStorage } from 'node:async_hooks';

// The log is append-only (a trigger refuses UPDATE), so a row's time is fixed when it is written.
// The demo loader replays use cases on the days its story tells; it runs them inside
// stampAuditAt(day, …) so that their rows carry that day instead of the loading moment.
const auditTime = new AsyncLocalStorage<Date>();

/** Runs `fn` with every audit row it appends (without its own `at`) dated `at`. For the demo loader. */
export function stampAuditAt<T>(at: Date, fn: () => Promise<T>): Promise<T> {
  return auditTime.run(at, fn);
}

/** The time stampAuditAt gives the rows appended now, if any (a deferred row keeps it). */
export const stampedAuditTime = (): Date | undefined => auditTime.getStore();

// The audit log as a chain per tenant: row n carries mac_n = HMAC-SM3(AUDIT_HMAC_KEY, mac_{n-1} ‖
// content_n), so editing, removing or inserting a row anywhere breaks every mac after it, and only
// the holder of the key can forge them. Writers serialise on the chain's head row (UPDATE … locks
// it until the transaction ends), so two transactions can never take the same place in a chain.

/** A row to append: who did what; `at` defaults to the transaction's time, as the column did. */
export interface AuditInsert {
  tenantId: number | null;
  actorId: number | null;
  action: string;
  entityType: string;
  entityId?: number | null;
  proposalId?: number | null;
  before?: unknown;
  after?: unknown;
  ip?: string | null;
  at?: Date;
}

export type AuditRow = typeof auditLog.$inferSelect;

/** Rows written before the chain existed carry this until the server seals them at start. */
export const LEGACY_MAC = 'legacy';

/** JSON with object keys sorted at every level: jsonb does not keep key order. */
export function canonicalJson(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/** What a row's mac covers: every column but id (assigned by the database) and the mac itself. */
export function auditContent(r: Pick<AuditRow, 'chain' | 'seq' | 'tenantId' | 'actorId' | 'action' | 'entityType' | 'entityId' | 'proposalId' | 'before' | 'after' | 'ip' | 'at'>): string {
  return canonicalJson([r.chain, r.seq, r.tenantId, r.actorId, r.action, r.entityType, r.entityId, r.proposalId, r.before, r.after, r.ip, r.at.toISOString()]);
}

export function auditMac(prevMac: string, content: string, key: Buffer = keys().auditHmac): string {
  return hmacSm3(key, `${prevMac}\n${content}`).toString('hex');
}

export const chainOf = (tenantId: number | null) => tenantId ?? 0;

// Buffers (attachment content) must not end up in the JSON column, and what is hashed must be
// exactly what jsonb gives back: plain JSON values.
function toJson(v: unknown): unknown {
  if (v === undefined || v === null) return null;
  return JSON.parse(
    JSON.stringify(v, (_k, val) => {
      if (val && typeof val === 'object' && (val as { type?: string }).type === 'Buffer') return '[binary]';
      return val;
    }),
  );
}

const rowsOf = <T>(r: unknown): T[] => ((r as { rows?: T[] }).rows ?? (r as T[]));

/** Reserves `n` places at the end of a chain; the head row stays locked until the transaction ends. */
async function reserve(tx: Executor, chain: number, n: number) {
  const take = () =>
    tx.execute(sql`update ${auditChains} set seq = seq + ${n} where chain = ${chain}
      returning seq, mac, (extract(epoch from now()) * 1000)::float8 as now_ms`);
  let [head] = rowsOf<{ seq: string | number; mac: string; now_ms: number }>(await take());
  if (!head) {
    await tx.execute(sql`insert into ${auditChains} (chain) values (${chain}) on conflict (chain) do nothing`);
    [head] = rowsOf<{ seq: string | number; mac: string; now_ms: number }>(await take());
  }
  return { lastSeq: Number(head!.seq), prevMac: head!.mac, now: new Date(Math.floor(Number(head!.now_ms))) };
}

/** Appends rows to their chains (a tenant's, or 0 when no tenant is known), in the order given. */
/** Appends rows to their chains; answers the ids of the rows of the last chain's last batch (a single row: its id). */
export async function appendAudit(tx: Executor, rows: AuditInsert[]): Promise<number[]> {
  const stamped = auditTime.getStore();
  let ids: number[] = [];
  const byChain = new Map<number, AuditInsert[]>();
  for (const r of rows) {
    const c = chainOf(r.tenantId);
    byChain.set(c, [...(byChain.get(c) ?? []), r]);
  }
  for (const [chain, list] of byChain) {
    const { lastSeq, prevMac, now } = await reserve(tx, chain, list.length);
    let seq = lastSeq - list.length;
    let mac = prevMac;
    const values = list.map((r) => {
      seq += 1;
      const row = {
        chain,
        seq,
        tenantId: r.tenantId,
        actorId: r.actorId,
        action: r.action,
        entityType: r.entityType,
        entityId: r.entityId ?? null,
        proposalId: r.proposalId ?? null,
        before: toJson(r.before),
        after: toJson(r.after),
        ip: r.ip ?? null,
        at: r.at ?? stamped ?? now,
      };
      mac = auditMac(mac, auditContent(row));
      return { ...row, mac };
    });
    // The last batch and the new head mac in one statement: a use case pays two round trips per row.
    for (let i = 0; i < values.length; i += 500) {
      const batch = tx.insert(auditLog).values(values.slice(i, i + 500));
      if (i + 500 < values.length) await batch;
      else {
        const res = await tx.execute(sql`with ins as ${batch.returning({ id: auditLog.id })}, head as (update ${auditChains} set mac = ${mac} where chain = ${chain}) select id from ins`);
        ids = ((res as unknown as { rows: { id: number }[] }).rows ?? []).map((r) => Number(r.id));
      }
    }
  }
  return ids;
}

export type ChainProblem = 'altered' | 'missing' | 'unexpected' | 'head';

export interface ChainReport {
  chain: number;
  ok: boolean;
  /** Rows checked (from the archived head on). */
  checked: number;
  /** The last place in the chain and how far it has been archived. */
  headSeq: number;
  archivedSeq: number;
  firstBad: { problem: ChainProblem; seq: number; id: number | null; at: string | null; message: string } | null;
}

const PROBLEM_TEXT: Record<ChainProblem, (seq: number) => string> = {
  altered: (seq) => `第${seq}条记录的内容与校验值不符：该记录或其校验值被修改过`,
  missing: (seq) => `缺少第${seq}条记录：记录被删除过`,
  unexpected: (seq) => `第${seq}条记录超出了链尾：记录是绕过系统写入的`,
  head: (seq) => `链尾应为第${seq}条记录，与现存记录不符：最新的记录被删除过`,
};

/**
 * Recomputes a chain from its archived head (the mac of the last row moved to a signed archive
 * file) to its end and names the first row that does not verify.
 */
export async function verifyAuditChain(db: Executor, chain: number, key: Buffer = keys().auditHmac): Promise<ChainReport> {
  const [head] = await db.select().from(auditChains).where(eq(auditChains.chain, chain));
  const headSeq = head?.seq ?? 0;
  const archivedSeq = head?.archivedSeq ?? 0;
  let prev = head?.archivedMac ?? '';
  let expected = archivedSeq + 1;
  let checked = 0;
  const report = (problem: ChainProblem, seq: number, row: AuditRow | null): ChainReport => ({
    chain, ok: false, checked, headSeq, archivedSeq,
    firstBad: { problem, seq, id: row?.id ?? null, at: row?.at.toISOString() ?? null, message: PROBLEM_TEXT[problem](seq) },
  });
  for (;;) {
    const page = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.chain, chain), gte(auditLog.seq, expected)))
      .orderBy(asc(auditLog.seq))
      .limit(1000);
    for (const row of page) {
      if (row.seq > headSeq) return report('unexpected', row.seq, row);
      if (row.seq !== expected) return report('missing', expected, null);
      if (row.mac !== auditMac(prev, auditContent(row), key)) return report('altered', row.seq, row);
      prev = row.mac;
      expected += 1;
      checked += 1;
    }
    if (page.length < 1000) break;
  }
  if (expected - 1 !== headSeq || (head && head.mac !== prev)) return report('head', headSeq, null);
  return { chain, ok: true, checked, headSeq, archivedSeq, firstBad: null };
}

/** Every chain in the database (the CLI's `npm run audit:verify`). */
export async function verifyAllChains(db: Executor): Promise<ChainReport[]> {
  const chains = await db.select({ chain: auditChains.chain }).from(auditChains).orderBy(asc(auditChains.chain));
  const out: ChainReport[] = [];
  for (const { chain } of chains) out.push(await verifyAuditChain(db, chain));
  return out;
}

/**
 * Rows that existed before the chain did were numbered by the migration and marked 'legacy';
 * the server computes their macs once, at start and before anything else writes. The trigger
 * lets exactly this change through (mac from 'legacy' to a value, nothing else).
 */
export async function sealLegacyAudit(db: Executor): Promise<number> {
  let sealed = 0;
  const chains = rowsOf<{ chain: number }>(await db.execute(sql`select distinct chain from ${auditLog} where mac = ${LEGACY_MAC}`));
  for (const { chain } of chains) {
    const c = Number(chain);
    const rows = await db.select().from(auditLog).where(eq(auditLog.chain, c)).orderBy(asc(auditLog.seq));
    let prev = '';
    for (const row of rows) {
      if (row.mac === LEGACY_MAC) {
        const mac = auditMac(prev, auditContent(row));
        await db.update(auditLog).set({ mac }).where(eq(auditLog.id, row.id));
        row.mac = mac;
        sealed += 1;
      }
      prev = row.mac;
    }
    await db.update(auditChains).set({ mac: prev }).where(eq(auditChains.chain, c));
  }
  return sealed;
}
