import { and, count, desc, eq, isNull, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../db/client.js';
import { securityAlerts, users } from '../db/schema.js';
import { conflict, notFound } from '../errors.js';
import type { AlertKind, AlertQuery } from '../../shared/schemas/security.js';
import type { Actor } from './actor.js';
import { writeAudit } from './audit.js';

// The 审计管理员's alert list: the events of 三员分立 that a person must look at (role grants and
// administrator resets with their approvals, resets, locks, settings, accounts made from the
// command line). Each alert points at the audit row of its event.

export interface NewAlert {
  kind: AlertKind;
  message: string;
  subjectUserId?: number | null;
  requestId?: number | null;
  auditId?: number | null;
}

export async function raiseAlert(tx: Executor, actor: { tenantId: number; userId: number | null }, a: NewAlert, now: Date) {
  await tx.insert(securityAlerts).values({
    tenantId: actor.tenantId,
    kind: a.kind,
    message: a.message,
    actorId: actor.userId,
    subjectUserId: a.subjectUserId ?? null,
    requestId: a.requestId ?? null,
    auditId: a.auditId ?? null,
    at: now,
  });
}

const actorUser = alias(users, 'alert_actor');
const subjectUser = alias(users, 'alert_subject');
const readerUser = alias(users, 'alert_reader');

export async function listAlerts(tx: Executor, tenantId: number, q: AlertQuery) {
  const conds: (SQL | undefined)[] = [eq(securityAlerts.tenantId, tenantId)];
  if (q.unread) conds.push(isNull(securityAlerts.readAt));
  if (q.kind) conds.push(eq(securityAlerts.kind, q.kind));
  const where = and(...conds);
  const [{ total }] = (await tx.select({ total: count() }).from(securityAlerts).where(where)) as [{ total: number }];
  const [{ unread }] = (await tx
    .select({ unread: count() })
    .from(securityAlerts)
    .where(and(eq(securityAlerts.tenantId, tenantId), isNull(securityAlerts.readAt)))) as [{ unread: number }];
  const rows = await tx
    .select({ a: securityAlerts, actorName: actorUser.displayName, subjectName: subjectUser.displayName, readerName: readerUser.displayName })
    .from(securityAlerts)
    .leftJoin(actorUser, eq(actorUser.id, securityAlerts.actorId))
    .leftJoin(subjectUser, eq(subjectUser.id, securityAlerts.subjectUserId))
    .leftJoin(readerUser, eq(readerUser.id, securityAlerts.readBy))
    .where(where)
    .orderBy(desc(securityAlerts.at), desc(securityAlerts.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return {
    items: rows.map(({ a, actorName, subjectName, readerName }) => ({
      id: a.id,
      kind: a.kind as AlertKind,
      message: a.message,
      at: a.at.toISOString(),
      actorId: a.actorId,
      actorName,
      subjectUserId: a.subjectUserId,
      subjectName,
      requestId: a.requestId,
      auditId: a.auditId,
      readAt: a.readAt?.toISOString() ?? null,
      readByName: readerName,
    })),
    total,
    unread,
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** The auditor marks an alert as looked at (已阅); who and when stay on it. */
export async function markAlertRead(tx: Executor, actor: Actor, id: number, now: Date) {
  const [before] = await tx
    .select()
    .from(securityAlerts)
    .where(and(eq(securityAlerts.id, id), eq(securityAlerts.tenantId, actor.tenantId)))
    .for('update');
  if (!before) throw notFound('告警');
  if (before.readAt) throw conflict('该告警已标记为已阅');
  await tx.update(securityAlerts).set({ readBy: actor.userId, readAt: now }).where(eq(securityAlerts.id, id));
  await writeAudit(tx, actor, { action: 'alert.read', entityType: 'security_alert', entityId: id, before: { readAt: null }, after: { readAt: now } });
}
