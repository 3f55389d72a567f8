import { and, asc, eq } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { auditLog, users } from '../db/schema.js';
import type { HistoryEntry } from '../../shared/schemas/proposal-reads.js';
import type { Actor } from './actor.js';
import { getVisibleProposal } from './proposal-access.js';

/** Bookkeeping that changes on every write and would drown the real changes. */
const IGNORED = new Set(['version', 'updatedAt']);
const MAX_TEXT = 200;

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function clip(v: unknown): unknown {
  return typeof v === 'string' && v.length > MAX_TEXT ? `${v.slice(0, MAX_TEXT)}…` : v;
}

/** Fields whose value differs between the audit row's before and after (keys present in both). */
export function changedFields(before: unknown, after: unknown): HistoryEntry['changes'] {
  if (!isRecord(before) || !isRecord(after)) return [];
  const out: HistoryEntry['changes'] = [];
  for (const field of Object.keys(after)) {
    if (IGNORED.has(field) || !(field in before)) continue;
    if (JSON.stringify(before[field]) === JSON.stringify(after[field])) continue;
    out.push({ field, before: clip(before[field]), after: clip(after[field]) });
  }
  return out;
}

/** 代录 entries name whom the staff member acted for (audit `after.proxy.for`). */
function proxyOf(after: unknown): string | null {
  if (!isRecord(after) || !isRecord(after.proxy)) return null;
  return typeof after.proxy.for === 'string' ? after.proxy.for : null;
}

/** The audit trail of a proposal the actor may see (else 404), oldest first. */
export async function readProposalHistory(db: Executor, actor: Actor, id: number): Promise<HistoryEntry[]> {
  await getVisibleProposal(db, actor, id);
  const rows = await db
    .select({
      id: auditLog.id,
      action: auditLog.action,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      actorId: auditLog.actorId,
      actorName: users.displayName,
      at: auditLog.at,
      before: auditLog.before,
      after: auditLog.after,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(and(eq(auditLog.tenantId, actor.tenantId), eq(auditLog.proposalId, id)))
    .orderBy(asc(auditLog.at), asc(auditLog.id));
  return rows.map((r) => ({
    id: r.id,
    action: r.action,
    entityType: r.entityType,
    entityId: r.entityId,
    actorId: r.actorId,
    actorName: r.actorName,
    at: r.at.toISOString(),
    changes: changedFields(r.before, r.after),
    proxyFor: proxyOf(r.after),
  }));
}
