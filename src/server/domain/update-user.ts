import { and, eq } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { loginSessions, users } from '../db/schema.js';
import { forbidden, notFound, staleVersion } from '../errors.js';
import type { UpdateUserBody } from '../../shared/schemas/admin.js';
import type { Actor } from './actor.js';
import { writeAudit } from './audit.js';
import { checkBodyRef, checkUnitRef, definedOnly, requireSomeChange, userForAudit } from './admin-support.js';
import { checkRoleLinks } from './create-user.js';
import { encryptField, phoneIndex } from '../crypto/field-crypto.js';

const sameRoles = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((r) => b.includes(r));

/**
 * The 安全管理员 edits an account: name, roles, unit or body, phone, enabled. Nobody edits their
 * own roles or disables their own account: raising one's own rights, or locking out the last
 * security administrator, needs a second person.
 */
export async function updateUser(tx: Executor, actor: Actor, id: number, input: UpdateUserBody) {
  requireSomeChange(input);
  const [before] = await tx.select().from(users).where(and(eq(users.id, id), eq(users.tenantId, actor.tenantId))).for('update');
  if (!before) throw notFound('用户');
  if (before.version !== input.version) throw staleVersion();
  if (id === actor.userId) {
    if (input.roles && !sameRoles(input.roles, before.roles)) throw forbidden('不能修改自己的角色，请由其他安全管理员操作');
    if (input.active === false) throw forbidden('不能停用自己的账户');
  }
  const { version: _v, ...changes } = definedOnly(input);
  const merged = { ...before, ...changes };
  checkRoleLinks(merged);
  if (changes.unitId !== undefined) await checkUnitRef(tx, actor.tenantId, changes.unitId);
  if (changes.bodyId !== undefined) await checkBodyRef(tx, actor.tenantId, changes.bodyId);
  const [after] = await tx
    .update(users)
    .set({ ...changes, ...(changes.phone !== undefined ? { phone: encryptField(changes.phone), phoneIndex: phoneIndex(changes.phone) } : {}), version: before.version + 1 })
    .where(eq(users.id, id))
    .returning();
  // A disabled account is signed out at once, not at its next idle timeout.
  if (before.active && !after!.active) await tx.delete(loginSessions).where(eq(loginSessions.userId, id));
  await writeAudit(tx, actor, { action: 'user.update', entityType: 'user', entityId: id, before: userForAudit(before), after: userForAudit(after!) });
  return after!;
}
