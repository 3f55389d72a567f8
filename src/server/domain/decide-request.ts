import { and, count, desc, eq, type SQL } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { adminRequests, users } from '../db/schema.js';
import { AppError, conflict, forbidden, notFound } from '../errors.js';
import type { AdminRequestOut } from '../../shared/schemas/security.js';
import type { z } from 'zod';
import type { adminRequestQuery } from '../../shared/schemas/security.js';
import type { Actor } from './actor.js';
import { notify, writeAuditNow } from './audit.js';
import { userForAudit } from './admin-support.js';
import { checkNoAccountNamed, insertUser, type NewUser } from './create-user.js';
import { applyUserUpdate, type UserChanges } from './update-user.js';
import { applyPasswordReset } from './reset-password.js';
import { applySecondFactorReset } from './reset-second-factor.js';
import { mayApprove, readRequest, requestBase, presentRequest } from './file-request.js';
import { raiseAlert } from './security-alerts.js';

// The second administrator's decision on a request of the two-person rule (file-request.ts). The
// approver is a 系统管理员 or 安全管理员 (the route's access) who neither filed the request nor is
// the account it is about; the change is made then, in the approver's transaction, and audited
// with both names.

export async function listRequests(tx: Executor, actor: Actor, q: z.infer<typeof adminRequestQuery>) {
  const conds: (SQL | undefined)[] = [eq(adminRequests.tenantId, actor.tenantId)];
  if (q.status) conds.push(eq(adminRequests.status, q.status));
  const where = and(...conds);
  const [{ total }] = (await tx.select({ total: count() }).from(adminRequests).where(where)) as [{ total: number }];
  const rows = await requestBase(tx)
    .where(where)
    .orderBy(desc(adminRequests.requestedAt), desc(adminRequests.id))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  return { items: rows.map((r) => presentRequest(actor, r)), total, page: q.page, pageSize: q.pageSize };
}

async function lockPending(tx: Executor, actor: Actor, id: number) {
  const [r] = await tx.select().from(adminRequests).where(and(eq(adminRequests.id, id), eq(adminRequests.tenantId, actor.tenantId))).for('update');
  if (!r) throw notFound('申请');
  if (r.status !== 'pending') throw conflict(`该申请已${r.status === 'approved' ? '批准' : '驳回'}，不能再次处理`);
  return r;
}

async function lockTarget(tx: Executor, actor: Actor, id: number | null) {
  if (id === null) throw new AppError('INTERNAL', '申请缺少目标账户');
  const [u] = await tx.select().from(users).where(and(eq(users.id, id), eq(users.tenantId, actor.tenantId))).for('update');
  if (!u) throw notFound('用户');
  return u;
}

export async function approveRequest(tx: Executor, actor: Actor, id: number, note: string | undefined, now: Date): Promise<AdminRequestOut> {
  const r = await lockPending(tx, actor, id);
  if (r.requestedBy === actor.userId) throw forbidden('不能审批自己提出的申请，须由另一位管理员审批');
  if (!mayApprove(actor, r)) throw forbidden('不能审批涉及自己账户的申请');
  const approval = { requestId: r.id, requestedBy: r.requestedBy, approvedBy: actor.userId };
  let auditId: number;
  let subject = r.targetUserId;
  switch (r.kind) {
    case 'create_user': {
      const values = r.payload as NewUser;
      // The request itself holds the name: only an account made meanwhile stands in the way.
      await checkNoAccountNamed(tx, values.username);
      const row = await insertUser(tx, actor.tenantId, values, now);
      subject = row.id;
      auditId = await writeAuditNow(tx, actor, { action: 'user.create', entityType: 'user', entityId: row.id, after: { ...userForAudit(row), approval } });
      break;
    }
    case 'update_user': {
      const before = await lockTarget(tx, actor, r.targetUserId);
      const { version, changes } = r.payload as { version: number; changes: UserChanges };
      if (before.version !== version) {
        throw new AppError('STALE_VERSION', '该账户在申请提出后已被修改，请驳回此申请后重新提出', null);
      }
      const after = await applyUserUpdate(tx, before, changes);
      auditId = await writeAuditNow(tx, actor, { action: 'user.update', entityType: 'user', entityId: before.id, before: userForAudit(before), after: { ...userForAudit(after), approval } });
      break;
    }
    case 'reset_password': {
      const before = await lockTarget(tx, actor, r.targetUserId);
      await applyPasswordReset(tx, before, (r.payload as { passwordHash: string }).passwordHash, now);
      auditId = await writeAuditNow(tx, actor, { action: 'user.reset_password', entityType: 'user', entityId: before.id, before: { mustChangePassword: before.mustChangePassword }, after: { mustChangePassword: true, approval } });
      break;
    }
    case 'reset_second_factor': {
      const before = await lockTarget(tx, actor, r.targetUserId);
      await applySecondFactorReset(tx, before);
      auditId = await writeAuditNow(tx, actor, { action: 'user.reset_second_factor', entityType: 'user', entityId: before.id, before: { secondFactorEnabled: !!before.totpSecret }, after: { secondFactorEnabled: false, approval } });
      break;
    }
  }
  await tx
    .update(adminRequests)
    .set({ status: 'approved', decidedBy: actor.userId, decidedAt: now, decisionNote: note ?? null, targetUserId: subject })
    .where(eq(adminRequests.id, r.id));
  await notify(tx, actor.tenantId, [r.requestedBy], { kind: 'admin_request.approved', message: `第${r.id}号申请已由${actor.displayName}批准：${r.summary}`, messageEn: `Request No. ${r.id} was approved by ${actor.displayName}: ${r.summary}` });
  await raiseAlert(tx, actor, { kind: 'approval.approved', message: `${actor.displayName} 批准了第${r.id}号申请：${r.summary}`, subjectUserId: subject, requestId: r.id, auditId }, now);
  return (await readRequest(tx, actor, r.id))!;
}

/** Any 系统管理员 or 安全管理员 may turn a request down, its requester too (withdrawing it). */
export async function rejectRequest(tx: Executor, actor: Actor, id: number, note: string | undefined, now: Date): Promise<AdminRequestOut> {
  const r = await lockPending(tx, actor, id);
  await tx.update(adminRequests).set({ status: 'rejected', decidedBy: actor.userId, decidedAt: now, decisionNote: note ?? null }).where(eq(adminRequests.id, r.id));
  const auditId = await writeAuditNow(tx, actor, { action: 'approval.rejected', entityType: 'admin_request', entityId: r.id, before: { status: 'pending' }, after: { status: 'rejected', note: note ?? null } });
  const withdrawn = r.requestedBy === actor.userId;
  if (!withdrawn) {
    await notify(tx, actor.tenantId, [r.requestedBy], {
      kind: 'admin_request.rejected',
      message: `第${r.id}号申请已被${actor.displayName}驳回：${r.summary}${note ? `（${note}）` : ''}`,
      messageEn: `Request No. ${r.id} was turned down by ${actor.displayName}: ${r.summary}${note ? ` (${note})` : ''}`,
    });
  }
  await raiseAlert(tx, actor, {
    kind: 'approval.rejected',
    message: `${actor.displayName} ${withdrawn ? '撤回' : '驳回'}了第${r.id}号申请：${r.summary}${note ? `（${note}）` : ''}`,
    subjectUserId: r.targetUserId,
    requestId: r.id,
    auditId,
  }, now);
  return (await readRequest(tx, actor, r.id))!;
}
