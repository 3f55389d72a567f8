import { AsyncLocalStorage } from 'node:async_hooks';
import { notificationOutbox, notifications } from '../db/schema.js';
import type { Db, Executor } from '../db/client.js';
import { aroundTransaction } from '../db/pg-errors.js';
import { appendAudit, stampedAuditTime, type AuditInsert } from './audit-chain.js';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: number | null;
  proposalId?: number | null;
  before?: unknown;
  after?: unknown;
}

// A tenant's writes take turns on its audit chain's head row (audit-chain.ts), from the moment the
// row is appended until the transaction commits. Appended in the middle of a use case, the turn
// lasted through every statement after it, and with a busy server between each of them (20
// concurrent writers: 7 of 10 connections waiting on the chain). So a transaction of the app
// (withDeferredAudit) collects its audit rows and appends them all as its last statement.
const deferred = new AsyncLocalStorage<{ tx: Executor; rows: AuditInsert[] }>();

/**
 * The database whose transactions append their audit rows at the end, in the order written: a
 * use case's writeAudit(tx, …) with the transaction's own `tx` is collected, not written at once.
 * A nested transaction (savepoint) or another database handle writes at once, as before.
 */
export function withDeferredAudit(db: Db): Db {
  return aroundTransaction(db, (original, fn, config) =>
    original(async (tx) => {
      const store = { tx: tx as Executor, rows: [] as AuditInsert[] };
      const out = await deferred.run(store, () => fn(tx));
      if (store.rows.length) await appendAudit(tx, store.rows);
      return out;
    }, config),
  );
}

type AuditActor = { tenantId: number | null; userId: number | null; ip?: string | null };

/** The rows `tx`'s app transaction is collecting, or null when `tx` writes at once. */
const collecting = (tx: Executor): AuditInsert[] | null => {
  const store = deferred.getStore();
  return store && store.tx === tx ? store.rows : null;
};

function auditRow(actor: AuditActor, e: AuditEntry): AuditInsert {
  return { tenantId: actor.tenantId, actorId: actor.userId, ip: actor.ip ?? null, at: stampedAuditTime(), ...e };
}

/**
 * One audit row per change, in the same transaction as the change and chained
 * (domain/audit-chain.ts). A null tenant is the platform's chain: events before anyone is known.
 * Inside an app transaction the row is appended when the transaction's work is done (above).
 */
export async function writeAudit(tx: Executor, actor: AuditActor, e: AuditEntry): Promise<void> {
  const rows = collecting(tx);
  if (rows) rows.push(auditRow(actor, e));
  else await appendAudit(tx, [auditRow(actor, e)]);
}

/** writeAudit, appended at once (with the rows collected before it), answering the row's id: for a record that points to it. */
export async function writeAuditNow(tx: Executor, actor: AuditActor, e: AuditEntry): Promise<number> {
  const before = collecting(tx)?.splice(0) ?? [];
  const ids = await appendAudit(tx, [...before, auditRow(actor, e)]);
  return ids.at(-1)!;
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
