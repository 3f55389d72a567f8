import { and, arrayOverlaps, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../db/client.js';
import { adminRequests, users } from '../db/schema.js';
import { conflict } from '../errors.js';
import type { AdminRequestKind, AdminRequestOut } from '../../shared/schemas/security.js';
import type { Actor } from './actor.js';
import { notify, writeAuditNow } from './audit.js';
import { raiseAlert } from './security-alerts.js';

// 三员分立, two-person rule: what the 安全管理员 may not do alone is filed as a request, which a
// different administrator approves (decide-request.ts). Filing changes nothing but the request,
// writes its audit row and puts it on the auditor's alert list.

export interface NewRequest {
  kind: AdminRequestKind;
  targetUserId: number | null;
  payload: Record<string, unknown>;
  summary: string;
}

export async function fileRequest(tx: Executor, actor: Actor, r: NewRequest, now: Date): Promise<AdminRequestOut> {
  if (r.targetUserId !== null) {
    const [dup] = await tx
      .select({ id: adminRequests.id })
      .from(adminRequests)
      .where(and(eq(adminRequests.tenantId, actor.tenantId), eq(adminRequests.targetUserId, r.targetUserId), eq(adminRequests.kind, r.kind), eq(adminRequests.status, 'pending')));
    if (dup) throw conflict(`该账户已有一项待审批的同类申请（第${dup.id}号），请等待审批或驳回后再提出`);
  }
  const [row] = await tx
    .insert(adminRequests)
    .values({ tenantId: actor.tenantId, kind: r.kind, targetUserId: r.targetUserId, payload: r.payload, summary: r.summary, requestedBy: actor.userId, requestedAt: now })
    .returning();
  const auditId = await writeAuditNow(tx, actor, {
    action: 'approval.requested',
    entityType: 'admin_request',
    entityId: row!.id,
    after: { kind: r.kind, targetUserId: r.targetUserId, summary: r.summary },
  });
  // The administrators who may approve hear of it.
  const approvers = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.tenantId, actor.tenantId), eq(users.active, true), arrayOverlaps(users.roles, ['sysadmin', 'secadmin'])));
  await notify(
    tx,
    actor.tenantId,
    approvers.map((a) => a.id).filter((id) => id !== actor.userId && id !== r.targetUserId),
    {
      kind: 'admin_request.pending',
      message: `待审批（第${row!.id}号）：${actor.displayName}${r.summary}，请在「双人审批」中处理`,
      messageEn: `Waiting for approval (No. ${row!.id}): ${actor.displayName} — ${r.summary}; please decide under “Two-person approval”`,
    },
  );
  await raiseAlert(tx, actor, {
    kind: 'approval.requested',
    message: `${actor.displayName} ${r.summary}，待另一位管理员审批`,
    subjectUserId: r.targetUserId,
    requestId: row!.id,
    auditId,
  }, now);
  return (await readRequest(tx, actor, row!.id))!;
}

/** Is a create request for this name waiting? A second one, or an account by that name, must wait for it. */
export async function pendingCreateFor(tx: Executor, tenantId: number, username: string) {
  const [row] = await tx
    .select({ id: adminRequests.id })
    .from(adminRequests)
    .where(
      and(
        eq(adminRequests.kind, 'create_user'),
        eq(adminRequests.status, 'pending'),
        sql`lower(${adminRequests.payload}->>'username') = ${username.toLowerCase()}`,
        eq(adminRequests.tenantId, tenantId),
      ),
    );
  return row?.id ?? null;
}

const requester = alias(users, 'req_by');
const decider = alias(users, 'req_decider');
const target = alias(users, 'req_target');

export const requestColumns = {
  r: adminRequests,
  requestedByName: requester.displayName,
  decidedByName: decider.displayName,
  targetName: target.displayName,
};

export const requestBase = (tx: Executor) =>
  tx
    .select(requestColumns)
    .from(adminRequests)
    .innerJoin(requester, eq(requester.id, adminRequests.requestedBy))
    .leftJoin(decider, eq(decider.id, adminRequests.decidedBy))
    .leftJoin(target, eq(target.id, adminRequests.targetUserId));

type RequestRow = { r: typeof adminRequests.$inferSelect; requestedByName: string; decidedByName: string | null; targetName: string | null };

/** Who may approve: not the requester, not the account the request is about. */
export const mayApprove = (actor: Actor, r: Pick<typeof adminRequests.$inferSelect, 'requestedBy' | 'targetUserId' | 'status'>) =>
  r.status === 'pending' && r.requestedBy !== actor.userId && r.targetUserId !== actor.userId;

export function presentRequest(actor: Actor, row: RequestRow): AdminRequestOut {
  const { r } = row;
  const payloadName = (r.payload as { displayName?: string } | null)?.displayName ?? null;
  return {
    id: r.id,
    kind: r.kind,
    summary: r.summary,
    status: r.status,
    targetUserId: r.targetUserId,
    targetName: row.targetName ?? payloadName,
    requestedBy: r.requestedBy,
    requestedByName: row.requestedByName,
    requestedAt: r.requestedAt.toISOString(),
    decidedByName: row.decidedByName,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    decisionNote: r.decisionNote,
    canApprove: mayApprove(actor, r),
  };
}

export async function readRequest(tx: Executor, actor: Actor, id: number) {
  const [row] = await requestBase(tx).where(and(eq(adminRequests.id, id), eq(adminRequests.tenantId, actor.tenantId)));
  return row ? presentRequest(actor, row) : null;
}
