import { and, count, desc, eq, isNull, type SQL } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { notifications } from '../db/schema.js';
import { notFound } from '../errors.js';
import type { NotificationOut } from '../../shared/schemas/notifications.js';
import type { Actor } from './actor.js';
import { writeAudit } from './audit.js';

// Everyone reads only their own notifications; another user's id answers 404.

const present = (n: typeof notifications.$inferSelect): NotificationOut => ({
  id: n.id,
  kind: n.kind,
  message: n.message,
  messageEn: n.messageEn,
  proposalId: n.proposalId,
  read: n.readAt != null,
  readAt: n.readAt ? n.readAt.toISOString() : null,
  createdAt: n.createdAt.toISOString(),
});

const mine = (actor: Actor) => and(eq(notifications.tenantId, actor.tenantId), eq(notifications.userId, actor.userId));

export async function listNotifications(tx: Executor, actor: Actor, q: { unreadOnly: boolean; page: number; pageSize: number }) {
  const where = and(mine(actor), q.unreadOnly ? isNull(notifications.readAt) : undefined) as SQL;
  const [{ total }] = (await tx.select({ total: count() }).from(notifications).where(where)) as [{ total: number }];
  const rows = await tx
    .select()
    .from(notifications)
    .where(where)
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return { items: rows.map(present), total, page: q.page, pageSize: q.pageSize };
}

export async function unreadCount(tx: Executor, actor: Actor) {
  const [{ n }] = (await tx.select({ n: count() }).from(notifications).where(and(mine(actor), isNull(notifications.readAt)))) as [{ n: number }];
  return n;
}

/** Marks one notification read; reading it again keeps the first reading time. */
export async function markRead(tx: Executor, actor: Actor, id: number, now: Date) {
  const [n] = await tx.select().from(notifications).where(and(eq(notifications.id, id), mine(actor))).for('update');
  if (!n) throw notFound('通知');
  if (n.readAt) return present(n);
  const [after] = await tx.update(notifications).set({ readAt: now }).where(eq(notifications.id, id)).returning();
  await writeAudit(tx, actor, { action: 'notification.read', entityType: 'notification', entityId: id, after: { readAt: now } });
  return present(after!);
}

export async function markAllRead(tx: Executor, actor: Actor, now: Date) {
  const rows = await tx
    .update(notifications)
    .set({ readAt: now })
    .where(and(mine(actor), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  if (rows.length) {
    await writeAudit(tx, actor, { action: 'notification.read_all', entityType: 'notification', after: { count: rows.length, ids: rows.map((r) => r.id) } });
  }
  return rows.length;
}
