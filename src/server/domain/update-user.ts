import { and, eq } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { loginSessions, users } from '../db/schema.js';
import { forbidden, notFound, staleVersion } from '../errors.js';
import type { UpdateUserBody } from '../../shared/schemas/admin.js';
import { isAdministrator, needsApproval, type Role } from '../../shared/roles.js';
import type { Actor } from './actor.js';
import { writeAudit } from './audit.js';
import { checkBodyRef, checkUnitRef, definedOnly, requireSomeChange, userForAudit } from './admin-support.js';
import { checkRoleLinks, organFor, rolesText } from './create-user.js';
import { fileRequest } from './file-request.js';
import { decryptField, encryptField, phoneIndex } from '../crypto/field-crypto.js';

const sameRoles = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((r) => b.includes(r));

type UserRow = typeof users.$inferSelect;
export type UserChanges = Omit<Partial<UpdateUserBody>, 'version'>;

/**
 * Why a change needs a second administrator, or null. 三员分立: a new role that reads proposal
 * content (or an administrator role), a unit user moved to another unit's proposals, an account
 * with such a role switched back on, and any change of an administrator's roles or enabled state.
 */
export function approvalReason(before: UserRow, changes: UserChanges): string | null {
  const roles = changes.roles ?? before.roles;
  const added = roles.filter((r) => !before.roles.includes(r));
  if (isAdministrator(before.roles) && ((changes.roles && !sameRoles(changes.roles, before.roles)) || (changes.active !== undefined && changes.active !== before.active))) {
    return changes.active === false ? '停用管理员账户' : `修改管理员的角色为：${rolesText(roles)}`;
  }
  if (added.some(needsApproval)) return `授予角色：${rolesText(added)}`;
  if (roles.includes('unit') && changes.unitId !== undefined && changes.unitId !== before.unitId) return '更换所属承办单位';
  // Moving committee staff to the other organ opens that organ's proposals to them.
  if (roles.includes('staff') && before.roles.includes('staff') && changes.organ !== undefined && changes.organ !== before.organ) return '更换所属机关';
  if (changes.active === true && !before.active && roles.some(needsApproval)) return `重新启用（角色：${rolesText(roles)}）`;
  return null;
}

/** Writes a change (directly or once approved); a disabled account is signed out at once. */
export async function applyUserUpdate(tx: Executor, before: UserRow, changes: UserChanges) {
  // The phone is kept SM4-encrypted with its blind index (a request's payload already carries it encrypted).
  const phone = changes.phone !== undefined ? decryptField(changes.phone) : undefined;
  const [after] = await tx
    .update(users)
    .set({ ...changes, ...(phone !== undefined ? { phone: encryptField(phone), phoneIndex: phoneIndex(phone) } : {}), version: before.version + 1 })
    .where(eq(users.id, before.id))
    .returning();
  if (before.active && !after!.active) await tx.delete(loginSessions).where(eq(loginSessions.userId, before.id));
  return after!;
}

/**
 * The 安全管理员 edits an account: name, roles, unit or body, phone, enabled. Nobody edits their
 * own roles or disables their own account: raising one's own rights, or locking out the last
 * security administrator, needs a second person. A change `approvalReason` names is filed for
 * approval instead of made.
 */
export async function updateUser(tx: Executor, actor: Actor, id: number, input: UpdateUserBody, now: Date) {
  requireSomeChange(input);
  const [before] = await tx.select().from(users).where(and(eq(users.id, id), eq(users.tenantId, actor.tenantId))).for('update');
  if (!before) throw notFound('用户');
  if (before.version !== input.version) throw staleVersion();
  if (id === actor.userId) {
    if (input.roles && !sameRoles(input.roles, before.roles)) throw forbidden('不能修改自己的角色，请由其他安全管理员操作');
    if (input.active === false) throw forbidden('不能停用自己的账户');
  }
  const { version: _v, ...changes } = definedOnly(input);
  const merged = { ...before, ...changes } as UserRow & { roles: Role[] };
  checkRoleLinks(merged);
  // A staff account that leaves the staff role leaves its organ too.
  if (organFor(merged.roles, merged.organ) !== before.organ) changes.organ = organFor(merged.roles, merged.organ);
  if (changes.unitId !== undefined) await checkUnitRef(tx, actor.tenantId, changes.unitId);
  if (changes.bodyId !== undefined) await checkBodyRef(tx, actor.tenantId, changes.bodyId);
  if (changes.phone !== undefined) changes.phone = encryptField(changes.phone);
  const reason = approvalReason(before, changes);
  if (reason) {
    const request = await fileRequest(tx, actor, {
      kind: 'update_user',
      targetUserId: id,
      payload: { version: before.version, changes },
      summary: `申请为 ${before.displayName}（${before.username}）${reason}`,
    }, now);
    return { pending: request } as const;
  }
  const after = await applyUserUpdate(tx, before, changes);
  await writeAudit(tx, actor, { action: 'user.update', entityType: 'user', entityId: id, before: userForAudit(before), after: userForAudit(after) });
  return { user: after } as const;
}
