import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { users } from '../db/schema.js';
import { conflict, invalid } from '../errors.js';
import { hashPassword } from '../auth/passwords.js';
import { needsApproval, ROLE_LABELS, type Role } from '../../shared/roles.js';
import type { Organ } from '../../shared/domain.js';
import type { CreateUserBody } from '../../shared/schemas/admin.js';
import type { Actor } from './actor.js';
import { writeAudit } from './audit.js';
import { checkBodyRef, checkUnitRef, uniqueOr409, userForAudit } from './admin-support.js';
import { fileRequest, pendingCreateFor } from './file-request.js';
import { checkNotUsername } from './password-rules.js';
import { decryptField, encryptField, phoneIndex } from '../crypto/field-crypto.js';

const TAKEN = '用户名已被使用';

/** What a role needs to work: a unit user answers for a unit, a group account speaks for a body. */
export function checkRoleLinks(a: { roles: Role[]; unitId: number | null; bodyId: number | null; organ?: Organ | null }) {
  if (a.roles.includes('unit') && a.unitId == null) throw invalid('body.unitId', '承办单位用户须选择所属承办单位');
  if (a.roles.includes('group') && a.bodyId == null) throw invalid('body.bodyId', '党派团体账户须选择所代表的团体');
  // A staff account sees only its organ's sessions and items: without an organ it could do nothing.
  if (a.roles.includes('staff') && a.organ == null) throw invalid('body.organ', '提案委工作人员须选择所属机关（政协提案委或人大选联工委）');
}

/** Only a staff account has an organ; the others work on both kinds and keep none. */
export const organFor = (roles: Role[], organ: Organ | null | undefined): Organ | null => (roles.includes('staff') ? (organ ?? null) : null);

/** Usernames are unique across tenants and letter case: sign-in asks for nothing else. */
export async function checkNoAccountNamed(tx: Executor, username: string) {
  const [dup] = await tx.select({ id: users.id }).from(users).where(eq(sql`lower(${users.username})`, username.toLowerCase()));
  if (dup) throw conflict(TAKEN);
}

/** …nor one waiting in a create request. */
export async function checkUsernameFree(tx: Executor, tenantId: number, username: string) {
  await checkNoAccountNamed(tx, username);
  const pending = await pendingCreateFor(tx, tenantId, username);
  if (pending) throw conflict(`用户名已在待审批的新建申请中（第${pending}号）`);
}

export interface NewUser {
  username: string;
  displayName: string;
  roles: Role[];
  unitId: number | null;
  bodyId: number | null;
  phone: string | null;
  /** 政协 or 人大 for a staff account; null for the other roles. */
  organ?: Organ | null;
  passwordHash: string;
  secondFactorRequired?: boolean;
}

/** Inserts an account that must change its first password; shared by the direct path, the approval and admin:create. */
export async function insertUser(tx: Executor, tenantId: number, u: NewUser, now: Date) {
  const [row] = await uniqueOr409(
    () =>
      tx
        .insert(users)
        // The phone is kept SM4-encrypted (a request's payload already carries it so); its blind index finds it.
        .values({
          tenantId,
          ...u,
          phone: encryptField(decryptField(u.phone ?? null)),
          phoneIndex: phoneIndex(decryptField(u.phone ?? null)),
          secondFactorRequired: u.secondFactorRequired ?? false,
          mustChangePassword: true,
          passwordChangedAt: now,
        })
        .returning(),
    TAKEN,
  );
  return row!;
}

export const rolesText = (roles: readonly Role[]) => roles.map((r) => ROLE_LABELS[r]).join('、');

/**
 * The 安全管理员 opens an account. The password they set is a first password only: the holder
 * must change it at first sign-in, so the administrator never knows a password in use. An account
 * with a role that reads proposal content (or an administrator role) is not made at once: it is
 * filed for a second administrator's approval (三员分立), and the answer says so.
 */
export async function createUser(tx: Executor, actor: Actor, input: CreateUserBody, now: Date) {
  const unitId = input.unitId ?? null;
  const bodyId = input.bodyId ?? null;
  checkRoleLinks({ roles: input.roles, unitId, bodyId, organ: input.organ });
  checkNotUsername(input.password, input.username, 'body.password');
  await checkUnitRef(tx, actor.tenantId, unitId);
  await checkBodyRef(tx, actor.tenantId, bodyId);
  await checkUsernameFree(tx, actor.tenantId, input.username);
  const passwordHash = await hashPassword(input.password);
  const values: NewUser = { username: input.username, displayName: input.displayName, roles: input.roles, unitId, bodyId, organ: organFor(input.roles, input.organ), phone: encryptField(input.phone ?? null), passwordHash };
  if (input.roles.some(needsApproval)) {
    const request = await fileRequest(tx, actor, {
      kind: 'create_user',
      targetUserId: null,
      payload: { ...values },
      summary: `申请新建账户 ${input.username}（${input.displayName}），角色：${rolesText(input.roles)}`,
    }, now);
    return { pending: request } as const;
  }
  const row = await insertUser(tx, actor.tenantId, values, now);
  await writeAudit(tx, actor, { action: 'user.create', entityType: 'user', entityId: row.id, after: userForAudit(row) });
  return { user: row } as const;
}
