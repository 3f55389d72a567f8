import { auditLog, notifications } from '../db/schema.js';
import type { Executor } from '../db/client.js';
import type { Actor } from './actor.js';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: number | null;
  proposalId?: number | null;
  before?: unknown;
  after?: unknown;
}

/** One audit row per change, written in the same transaction as the change. Answers the row's id. */
export async function writeAudit(
  tx: Executor,
  actor: Pick<Actor, 'tenantId' | 'ip'> & { userId: number | null },
  e: AuditEntry,
): Promise<number> {
  const [row] = await tx.insert(auditLog).values({
    tenantId: actor.tenantId,
    actorId: actor.userId,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId ?? null,
    proposalId: e.proposalId ?? null,
    before: e.before === undefined ? null : toJson(e.before),
    after: e.after === undefined ? null : toJson(e.after),
    ip: actor.ip ?? null,
  }).returning({ id: auditLog.id });
  return row!.id;
}

// Buffers (attachment content) and Dates must not end up verbatim in the JSON column.
function toJson(v: unknown): unknown {
  return JSON.parse(
    JSON.stringify(v, (_k, val) => {
      if (val && typeof val === 'object' && (val as { type?: string }).type === 'Buffer') return '[binary]';
      return val;
    }),
  );
}

export interface Notice {
  kind: string;
  message: string;
  proposalId?: number | null;
}

/** In-app notifications for whoever must act next. */
export async function notify(tx: Executor, tenantId: number, userIds: Iterable<number>, n: Notice) {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return;
  await tx.insert(notifications).values(
    ids.map((userId) => ({ tenantId, userId, kind: n.kind, message: n.message, proposalId: n.proposalId ?? null })),
  );
}
