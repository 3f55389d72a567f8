import { eq } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { users } from '../db/schema.js';
import { conflict, invalid } from '../errors.js';
import { hashPassword } from '../auth/passwords.js';
import type { Role } from '../../shared/roles.js';
import type { CreateUserBody } from '../../shared/schemas/admin.js';
import type { Actor } from './actor.js';
import { writeAudit } from './audit.js';
import { checkBodyRef, checkUnitRef, uniqueOr409, userForAudit } from './admin-support.js';
import { encryptField, phoneIndex } from '../crypto/field-crypto.js';

const TAKEN = '用户名已被使用';

/** What a role needs to work: a unit user answers for a unit, a group account speaks for a body. */
export function checkRoleLinks(a: { roles: Role[]; unitId: number | null; bodyId: number | null }) {
  if (a.roles.includes('unit') && a.unitId == null) throw invalid('body.unitId', '承办单位用户须选择所属承办单位');
  if (a.roles.includes('group') && a.bodyId == null) throw invalid('body.bodyId', '党派团体账户须选择所代表的团体');
}

/**
 * The 安全管理员 opens an account. The password they set is a first password only: the holder
 * must change it at first sign-in, so the administrator never knows a password in use.
 */
export async function createUser(tx: Executor, actor: Actor, input: CreateUserBody, now: Date) {
  const unitId = input.unitId ?? null;
  const bodyId = input.bodyId ?? null;
  checkRoleLinks({ roles: input.roles, unitId, bodyId });
  await checkUnitRef(tx, actor.tenantId, unitId);
  await checkBodyRef(tx, actor.tenantId, bodyId);
  // Usernames are unique across tenants: sign-in asks for nothing else.
  const [dup] = await tx.select({ id: users.id }).from(users).where(eq(users.username, input.username));
  if (dup) throw conflict(TAKEN);
  const passwordHash = await hashPassword(input.password);
  const [row] = await uniqueOr409(
    () =>
      tx
        .insert(users)
        .values({
          tenantId: actor.tenantId,
          username: input.username,
          displayName: input.displayName,
          passwordHash,
          roles: input.roles,
          unitId,
          bodyId,
          phone: encryptField(input.phone ?? null),
          phoneIndex: phoneIndex(input.phone),
          mustChangePassword: true,
          passwordChangedAt: now,
        })
        .returning(),
    TAKEN,
  );
  await writeAudit(tx, actor, { action: 'user.create', entityType: 'user', entityId: row!.id, after: userForAudit(row!) });
  return row!;
}
