import { and, count, desc, eq, gte, like, lt, type SQL } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { auditLog, users } from '../db/schema.js';
import type { AuditQuery } from '../../shared/schemas/admin.js';
import { shiftDays } from '../calendar/working-days.js';

// The 审计管理员's view of the log. 三员分立: the auditor sees who did what to which record and
// when, but not the content of proposals, so rows about a proposal carry only the names of the
// fields that changed.

/** Start of a China-time day as an instant. */
const chinaMidnight = (day: string) => new Date(`${day}T00:00:00+08:00`);

function changedFields(before: unknown, after: unknown): string[] {
  const obj = (v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
  const b = obj(before);
  const a = obj(after);
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return keys.filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k])).sort();
}

export async function searchAudit(tx: Executor, tenantId: number, q: AuditQuery) {
  const conds: (SQL | undefined)[] = [eq(auditLog.tenantId, tenantId)];
  if (q.actorId) conds.push(eq(auditLog.actorId, q.actorId));
  if (q.action) conds.push(like(auditLog.action, `${q.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  if (q.entityType) conds.push(eq(auditLog.entityType, q.entityType));
  if (q.proposalId) conds.push(eq(auditLog.proposalId, q.proposalId));
  if (q.from) conds.push(gte(auditLog.at, chinaMidnight(q.from)));
  if (q.to) conds.push(lt(auditLog.at, chinaMidnight(shiftDays(q.to, 1))));
  const where = and(...conds);
  const [{ total }] = (await tx.select({ total: count() }).from(auditLog).where(where)) as [{ total: number }];
  const rows = await tx
    .select({ a: auditLog, actorName: users.displayName })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(where)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const items = rows.map(({ a, actorName }) => {
    const aboutProposal = a.proposalId != null;
    return {
      id: a.id,
      at: a.at.toISOString(),
      actorId: a.actorId,
      actorName,
      action: a.action,
      entityType: a.entityType,
      entityId: a.entityId,
      proposalId: a.proposalId,
      before: aboutProposal ? null : a.before,
      after: aboutProposal ? null : a.after,
      changedFields: changedFields(a.before, a.after),
      ip: a.ip,
    };
  });
  return { items, total, page: q.page, pageSize: q.pageSize };
}
