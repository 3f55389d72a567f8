import { notificationOutbox, notifications } from '../db/schema.js';
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
  /** The same notice in English, shown to a reader who chose English (users.locale). */
  messageEn?: string | null;
  proposalId?: number | null;
}

/**
 * Notifies whoever must act next, in the transaction of the change: the in-app notice (站内消息)
 * and an outbox row, from which the queue delivers to the person's other channels (e-mail, SMS,
 * work notice; src/server/notifications). Both or neither are written, with the change.
 */
export async function notify(tx: Executor, tenantId: number, userIds: Iterable<number>, n: Notice) {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return;
  await notifyRows(tx, ids.map((userId) => ({ tenantId, userId, kind: n.kind, message: n.message, messageEn: n.messageEn ?? null, proposalId: n.proposalId ?? null })));
}

/** Many notices at once (the scans): in-app rows and outbox rows alike. */
export async function notifyRows(tx: Executor, rows: (typeof notifications.$inferInsert)[]) {
  if (rows.length === 0) return;
  await tx.insert(notifications).values(rows);
  await tx.insert(notificationOutbox).values(
    rows.map((r) => ({ tenantId: r.tenantId, userId: r.userId, kind: r.kind, message: r.message, messageEn: r.messageEn ?? null, proposalId: r.proposalId ?? null })),
  );
}
