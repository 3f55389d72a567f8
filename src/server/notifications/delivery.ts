import { and, asc, count, desc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Db, Executor } from '../db/client.js';
import { notificationDeliveries, notificationOutbox, notificationPreferences, users } from '../db/schema.js';
import { QUEUES, work, type Queue } from '../jobs/queue.js';
import { instrumented, type JobContext } from '../jobs/scheduler.js';
import type { Metrics } from '../metrics.js';
import { CHANNELS, type ChannelName, type Channels } from './channels.js';
import { afterQuietHours } from './quiet-hours.js';
import { decryptField } from '../crypto/field-crypto.js';
import { render, URGENT_KINDS } from './templates.js';

const BATCH = 500;
/** A pending delivery this long past its time has lost its job (a crash between commit and send): offer it again. */
const ORPHAN_MS = 10 * 60_000;

export interface NotifyContext {
  db: Db;
  queue: Queue;
  channels: Channels;
  now: () => Date;
  metrics?: Metrics;
  publicUrl?: string;
  /** Retries of one delivery (the queue's back-off); tests shorten them. */
  retry?: { retryLimit: number; retryDelay: number; retryBackoff: boolean };
}

/**
 * Plans the deliveries of new outbox rows: for each person, the channels they chose that this
 * server has a gateway for and that they have an address on, not before the end of their quiet
 * hours (security alerts excepted). Then queues one job per delivery.
 */
export async function dispatchOutbox(c: NotifyContext): Promise<{ outbox: number; deliveries: number; reoffered: number }> {
  const now = c.now();
  const planned = await c.db.transaction(async (tx) => {
    const rows = await tx
      .select({ o: notificationOutbox, p: notificationPreferences, phone: users.phone, active: users.active })
      .from(notificationOutbox)
      .innerJoin(users, eq(users.id, notificationOutbox.userId))
      .leftJoin(notificationPreferences, eq(notificationPreferences.userId, notificationOutbox.userId))
      .where(isNull(notificationOutbox.dispatchedAt))
      .orderBy(asc(notificationOutbox.id))
      .limit(BATCH)
      .for('update', { of: notificationOutbox, skipLocked: true });
    if (rows.length === 0) return [];
    const values: (typeof notificationDeliveries.$inferInsert)[] = [];
    for (const { o, p, phone, active } of rows) {
      if (!p || !active) continue;
      // The phone is stored encrypted (SM4): the gateway needs the number itself.
      const address: Record<ChannelName, string | null> = { email: p.email, sms: decryptField(phone), work_notice: p.workNoticeId };
      const notBefore = URGENT_KINDS.has(o.kind) ? now : afterQuietHours(now, p.quietStart, p.quietEnd);
      for (const channel of CHANNELS) {
        if (!p.channels.includes(channel) || !c.channels[channel] || !address[channel]) continue;
        values.push({ tenantId: o.tenantId, outboxId: o.id, userId: o.userId, channel, address: address[channel]!, notBefore });
      }
    }
    await tx.update(notificationOutbox).set({ dispatchedAt: now }).where(inArray(notificationOutbox.id, rows.map((r) => r.o.id)));
    const out = values.length ? await tx.insert(notificationDeliveries).values(values).returning({ id: notificationDeliveries.id, notBefore: notificationDeliveries.notBefore }) : [];
    return out.map((d) => ({ ...d, outboxRows: rows.length }));
  });
  for (const d of planned) await offer(c, d.id, d.notBefore, now);
  // Deliveries whose job was lost are offered again; the queue keeps one job per delivery.
  const orphans = await c.db
    .select({ id: notificationDeliveries.id })
    .from(notificationDeliveries)
    .where(and(eq(notificationDeliveries.status, 'pending'), lt(notificationDeliveries.notBefore, new Date(now.getTime() - ORPHAN_MS))))
    .limit(BATCH);
  for (const o of orphans) await offer(c, o.id, now, now);
  return { outbox: planned[0]?.outboxRows ?? 0, deliveries: planned.length, reoffered: orphans.length };
}

// The server's clock may be moved (DUBAN_CLOCK); the queue runs on the database's: send a delay.
function offer(c: NotifyContext, deliveryId: number, notBefore: Date, now: Date) {
  const delay = Math.max(0, Math.ceil((notBefore.getTime() - now.getTime()) / 1000));
  return c.queue.send(QUEUES.notifyDeliver.name, { deliveryId }, { startAfter: delay, singletonKey: `delivery:${deliveryId}`, ...c.retry });
}

/**
 * Sends one delivery through its channel. A failure is recorded and rethrown so that the queue
 * retries with back-off; after the last retry the delivery becomes a dead letter, which the
 * administrator sees and can resend.
 */
export async function deliverOne(c: NotifyContext, deliveryId: number, attempt: { retryCount: number; retryLimit: number; retryDelay: number }) {
  const [row] = await c.db
    .select({ d: notificationDeliveries, o: notificationOutbox, locale: users.locale })
    .from(notificationDeliveries)
    .innerJoin(notificationOutbox, eq(notificationOutbox.id, notificationDeliveries.outboxId))
    .innerJoin(users, eq(users.id, notificationDeliveries.userId))
    .where(eq(notificationDeliveries.id, deliveryId));
  if (!row || row.d.status !== 'pending') return { ran: false };
  const channel = c.channels[row.d.channel];
  const now = c.now();
  try {
    if (!channel) throw new Error(`channel ${row.d.channel} is not configured on this server`);
    await channel.send(row.d.address, render(row.o, c.publicUrl, row.locale === 'en-US' ? 'en-US' : 'zh-CN'));
  } catch (err) {
    const last = attempt.retryCount >= attempt.retryLimit || !channel;
    const backoff = attempt.retryDelay * 2 ** attempt.retryCount * 1000;
    await c.db
      .update(notificationDeliveries)
      .set({
        attempts: sql`${notificationDeliveries.attempts} + 1`,
        lastError: String((err as Error).message ?? err).slice(0, 500),
        status: last ? 'dead' : 'pending',
        notBefore: new Date(now.getTime() + backoff),
      })
      .where(eq(notificationDeliveries.id, deliveryId));
    c.metrics?.notificationDeliveries.inc({ channel: row.d.channel, outcome: last ? 'dead' : 'retry' });
    if (last) return { ran: true, dead: true };
    throw err;
  }
  await c.db
    .update(notificationDeliveries)
    .set({ attempts: sql`${notificationDeliveries.attempts} + 1`, status: 'sent', sentAt: now, lastError: null })
    .where(eq(notificationDeliveries.id, deliveryId));
  c.metrics?.notificationDeliveries.inc({ channel: row.d.channel, outcome: 'sent' });
  return { ran: true, sent: true };
}

export async function countDeadLetters(db: Db) {
  const [r] = await db.select({ n: count() }).from(notificationDeliveries).where(eq(notificationDeliveries.status, 'dead'));
  return r?.n ?? 0;
}

/** The tenant's dead letters, newest first, with the notice they carried. */
export async function listDeadLetters(tx: Executor, tenantId: number, page: number, pageSize: number) {
  const where = and(eq(notificationDeliveries.tenantId, tenantId), eq(notificationDeliveries.status, 'dead'));
  const [{ total }] = (await tx.select({ total: count() }).from(notificationDeliveries).where(where)) as [{ total: number }];
  const rows = await tx
    .select({ d: notificationDeliveries, o: notificationOutbox, displayName: users.displayName })
    .from(notificationDeliveries)
    .innerJoin(notificationOutbox, eq(notificationOutbox.id, notificationDeliveries.outboxId))
    .innerJoin(users, eq(users.id, notificationDeliveries.userId))
    .where(where)
    .orderBy(desc(notificationDeliveries.createdAt), desc(notificationDeliveries.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return {
    items: rows.map(({ d, o, displayName }) => ({
      id: d.id,
      channel: d.channel,
      address: d.address,
      userId: d.userId,
      userName: displayName,
      kind: o.kind,
      message: o.message,
      attempts: d.attempts,
      lastError: d.lastError,
      createdAt: d.createdAt.toISOString(),
    })),
    total,
    page,
    pageSize,
  };
}

/** Jobs of the notification channels: dispatch (every few seconds, one at a time) and delivery. */
export function registerNotificationJobs(channels: Channels, opts: { publicUrl?: string; dispatchEverySeconds?: number; retry?: NotifyContext['retry'] } = {}) {
  return async (ctx: JobContext) => {
    const c: NotifyContext = { db: ctx.db, queue: ctx.queue, channels, now: ctx.now ?? (() => new Date()), metrics: ctx.metrics, publicUrl: opts.publicUrl, retry: opts.retry };
    await work(ctx.queue, QUEUES.notifyDispatch.name, () => instrumented(ctx, QUEUES.notifyDispatch.name, () => dispatchOutbox(c)), { pollSeconds: 1 });
    await work<{ deliveryId: number }>(ctx.queue, QUEUES.notifyDeliver.name, (job) =>
      instrumented(ctx, QUEUES.notifyDeliver.name, () => deliverOne(c, job.data.deliveryId, job)), { pollSeconds: 1 });
    // The outbox is looked at every few seconds; the queue keeps at most one dispatch waiting.
    const timer = setInterval(() => {
      if (!ctx.queue.running) {
        clearInterval(timer);
        return;
      }
      void ctx.queue.send(QUEUES.notifyDispatch.name, {}, { singletonKey: 'dispatch' }).catch(() => undefined);
    }, (opts.dispatchEverySeconds ?? 3) * 1000);
    timer.unref();
  };
}
