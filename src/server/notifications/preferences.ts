import { and, eq } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { notificationDeliveries, notificationPreferences, users } from '../db/schema.js';
import type { PreferencesBody } from '../../shared/schemas/notification-channels.js';
import { conflict, notFound } from '../errors.js';
import type { Actor } from '../domain/actor.js';
import { writeAudit } from '../domain/audit.js';
import type { ChannelName } from './channels.js';
import { decryptField } from '../crypto/field-crypto.js';

export async function readPreferences(tx: Executor, actor: Actor, available: ChannelName[]) {
  const [u] = await tx.select({ phone: users.phone }).from(users).where(eq(users.id, actor.userId));
  const [p] = await tx.select().from(notificationPreferences).where(eq(notificationPreferences.userId, actor.userId));
  return {
    channels: p?.channels ?? [],
    email: p?.email ?? null,
    // Stored encrypted (SM4); the holder sees their own number.
    phone: decryptField(u?.phone ?? null),
    workNoticeId: p?.workNoticeId ?? null,
    quietStart: p?.quietStart ?? null,
    quietEnd: p?.quietEnd ?? null,
    available,
  };
}

/** Saves the person's own channel choices and quiet hours. */
export async function savePreferences(tx: Executor, actor: Actor, input: PreferencesBody, available: ChannelName[], now: Date) {
  const before = await readPreferences(tx, actor, available);
  if (input.channels.includes('sms') && !before.phone) throw conflict('账户未登记手机号，不能选择短信；请联系系统管理员登记');
  const values = { channels: [...new Set(input.channels)], email: input.email, workNoticeId: input.workNoticeId, quietStart: input.quietStart, quietEnd: input.quietEnd, updatedAt: now };
  await tx
    .insert(notificationPreferences)
    .values({ userId: actor.userId, tenantId: actor.tenantId, ...values })
    .onConflictDoUpdate({ target: notificationPreferences.userId, set: values });
  await writeAudit(tx, actor, { action: 'notification_preferences.update', entityType: 'user', entityId: actor.userId, before, after: values });
  return readPreferences(tx, actor, available);
}

/** Puts a dead letter back in line (the administrator's 重新发送); the caller queues it after commit. */
export async function resendDeadLetter(tx: Executor, actor: Actor, id: number, now: Date) {
  const [d] = await tx
    .select()
    .from(notificationDeliveries)
    .where(and(eq(notificationDeliveries.id, id), eq(notificationDeliveries.tenantId, actor.tenantId)))
    .for('update');
  if (!d) throw notFound('投递记录');
  if (d.status !== 'dead') throw conflict(`该消息当前状态为「${d.status === 'sent' ? '已发送' : '发送中'}」，不能重新发送`);
  await tx.update(notificationDeliveries).set({ status: 'pending', notBefore: now, lastError: null }).where(eq(notificationDeliveries.id, id));
  await writeAudit(tx, actor, { action: 'notification.resend', entityType: 'notification_delivery', entityId: id, before: { status: 'dead', attempts: d.attempts, lastError: d.lastError }, after: { status: 'pending' } });
  return d;
}
