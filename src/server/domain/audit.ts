import { notifications } from '../db/schema.js';
import type { Executor } from '../db/client.js';
import { appendAudit } from './audit-chain.js';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: number | null;
  proposalId?: number | null;
  before?: unknown;
  after?: unknown;
}

/**
 * One audit row per change, written in the same transaction as the change and chained
 * (domain/audit-chain.ts). A null tenant is the platform's chain: events before anyone is known.
 * Answers the row's id.
 */
export async function writeAudit(
  tx: Executor,
  actor: { tenantId: number | null; userId: number | null; ip?: string | null },
  e: AuditEntry,
): Promise<number> {
  const [id] = await appendAudit(tx, [{ tenantId: actor.tenantId, actorId: actor.userId, ip: actor.ip ?? null, ...e }]);
  return id!;
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
