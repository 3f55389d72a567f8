import { and, count, desc, eq, gte, ilike, inArray, isNull, like, lt, or, type SQL } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { auditLog, leaders, members, proposals, sessions, tenants, units, users } from '../db/schema.js';
import type { AuditExportQuery, AuditQuery } from '../../shared/schemas/admin.js';
import { readableAddress } from '../../shared/audit-labels.js';
import { shiftDays } from '../calendar/working-days.js';
import { isEncrypted } from '../crypto/field-crypto.js';

// The 审计管理员's view of the log. 三员分立: the auditor sees who did what to which record and
// when, but not the content of proposals, so rows about a proposal carry only the names of the
// fields that changed. Records are named as people name them (第12号, a person's name), not by
// internal ids; values kept encrypted at rest stay hidden here too.

/** Start of a China-time day as an instant. */
const chinaMidnight = (day: string) => new Date(`${day}T00:00:00+08:00`);
const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function changedFields(before: unknown, after: unknown): string[] {
  const obj = (v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
  const b = obj(before);
  const a = obj(after);
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return keys.filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k])).sort();
}

/** Encrypted values (sm4:…) shown as such, never as ciphertext. */
function maskEncrypted(v: unknown): unknown {
  if (typeof v === 'string') return isEncrypted(v) ? '［已加密］' : v;
  if (Array.isArray(v)) return v.map(maskEncrypted);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, maskEncrypted(x)]));
  return v;
}

/** The rows an auditor of this tenant reads: its own chain, and the platform's if it is a top-level tenant. */
async function visibleWhere(tx: Executor, tenantId: number, q: AuditExportQuery) {
  const [t] = await tx.select({ parentId: tenants.parentId }).from(tenants).where(eq(tenants.id, tenantId));
  const own = t && t.parentId === null ? or(eq(auditLog.tenantId, tenantId), isNull(auditLog.tenantId)) : eq(auditLog.tenantId, tenantId);
  const conds: (SQL | undefined)[] = [own];
  if (q.actorId) conds.push(eq(auditLog.actorId, q.actorId));
  if (q.actorName) {
    const pattern = `%${escapeLike(q.actorName)}%`;
    const who = tx.select({ id: users.id }).from(users).where(and(eq(users.tenantId, tenantId), or(ilike(users.displayName, pattern), ilike(users.username, pattern))));
    conds.push(inArray(auditLog.actorId, who));
  }
  if (q.action) conds.push(like(auditLog.action, `${escapeLike(q.action)}%`));
  if (q.entityType) conds.push(eq(auditLog.entityType, q.entityType));
  if (q.proposalId) conds.push(eq(auditLog.proposalId, q.proposalId));
  if (q.from) conds.push(gte(auditLog.at, chinaMidnight(q.from)));
  if (q.to) conds.push(lt(auditLog.at, chinaMidnight(shiftDays(q.to, 1))));
  return and(...conds);
}

type Row = { a: typeof auditLog.$inferSelect; actorName: string | null };

/** Names for the records a page of rows mentions, looked up in one query per kind. */
async function labelsFor(tx: Executor, tenantId: number, rows: Row[]) {
  const ids = (type: string) => [...new Set(rows.filter((r) => r.a.entityType === type && r.a.entityId != null).map((r) => r.a.entityId!))];
  const proposalIds = [...new Set(rows.map((r) => r.a.proposalId ?? (r.a.entityType === 'proposal' ? r.a.entityId : null)).filter((v): v is number => v != null))];
  const numbers = new Map<number, { number: number | null; session: string }>();
  if (proposalIds.length) {
    for (const p of await tx
      .select({ id: proposals.id, number: proposals.number, session: sessions.name })
      .from(proposals)
      .innerJoin(sessions, eq(sessions.id, proposals.sessionId))
      .where(and(inArray(proposals.id, proposalIds), eq(proposals.tenantId, tenantId)))) {
      numbers.set(p.id, { number: p.number, session: p.session });
    }
  }
  const names = new Map<string, string>();
  const load = async (type: string, query: (list: number[]) => Promise<{ id: number; name: string }[]>) => {
    const list = ids(type);
    if (!list.length) return;
    for (const r of await query(list)) names.set(`${type}:${r.id}`, r.name);
  };
  await load('user', (l) => tx.select({ id: users.id, name: users.displayName }).from(users).where(and(inArray(users.id, l), eq(users.tenantId, tenantId))));
  await load('unit', (l) => tx.select({ id: units.id, name: units.name }).from(units).where(and(inArray(units.id, l), eq(units.tenantId, tenantId))));
  await load('member', (l) => tx.select({ id: members.id, name: members.name }).from(members).where(and(inArray(members.id, l), eq(members.tenantId, tenantId))));
  await load('leader', (l) => tx.select({ id: leaders.id, name: leaders.name }).from(leaders).where(and(inArray(leaders.id, l), eq(leaders.tenantId, tenantId))));
  await load('session', (l) => tx.select({ id: sessions.id, name: sessions.name }).from(sessions).where(and(inArray(sessions.id, l), eq(sessions.tenantId, tenantId))));
  return { numbers, names };
}

function present(r: Row, labels: Awaited<ReturnType<typeof labelsFor>>) {
  const { a, actorName } = r;
  const aboutProposal = a.proposalId != null;
  const pid = a.proposalId ?? (a.entityType === 'proposal' ? a.entityId : null);
  const p = pid != null ? labels.numbers.get(pid) : undefined;
  const proposalLabel = p ? (p.number != null ? `${p.session}第${p.number}号` : `${p.session}未编号提案`) : null;
  const entityLabel = a.entityType === 'proposal' ? proposalLabel : a.entityId != null ? (labels.names.get(`${a.entityType}:${a.entityId}`) ?? null) : null;
  return {
    id: a.id,
    at: a.at.toISOString(),
    actorId: a.actorId,
    actorName,
    action: a.action,
    entityType: a.entityType,
    entityId: a.entityId,
    proposalId: a.proposalId,
    before: aboutProposal ? null : maskEncrypted(a.before),
    after: aboutProposal ? null : maskEncrypted(a.after),
    changedFields: changedFields(a.before, a.after),
    ip: a.ip,
    entityLabel,
    proposalNumber: p?.number ?? null,
    address: readableAddress(a.ip),
    chain: a.chain,
    seq: a.seq,
  };
}

export type AuditEntry = ReturnType<typeof present>;

export async function searchAudit(tx: Executor, tenantId: number, q: AuditQuery) {
  const where = await visibleWhere(tx, tenantId, q);
  const [{ total }] = (await tx.select({ total: count() }).from(auditLog).where(where)) as [{ total: number }];
  const rows = await tx
    .select({ a: auditLog, actorName: users.displayName })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(where)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const labels = await labelsFor(tx, tenantId, rows);
  return { items: rows.map((r) => present(r, labels)), total, page: q.page, pageSize: q.pageSize };
}

export const AUDIT_EXPORT_MAX_ROWS = 50_000;

/** Every row of a range for the .xlsx export, oldest first, at most AUDIT_EXPORT_MAX_ROWS. */
export async function exportAudit(tx: Executor, tenantId: number, q: AuditExportQuery) {
  const where = await visibleWhere(tx, tenantId, q);
  const rows = await tx
    .select({ a: auditLog, actorName: users.displayName })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(where)
    .orderBy(auditLog.at, auditLog.id)
    .limit(AUDIT_EXPORT_MAX_ROWS + 1);
  const truncated = rows.length > AUDIT_EXPORT_MAX_ROWS;
  const kept = rows.slice(0, AUDIT_EXPORT_MAX_ROWS);
  const out: AuditEntry[] = [];
  for (let i = 0; i < kept.length; i += 1000) {
    const page = kept.slice(i, i + 1000);
    const labels = await labelsFor(tx, tenantId, page);
    out.push(...page.map((r) => present(r, labels)));
  }
  return { items: out, truncated };
}
