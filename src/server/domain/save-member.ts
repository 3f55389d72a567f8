import { and, eq, ne } from 'drizzle-orm';
import type { z } from 'zod';
import type { Executor } from '../db/client.js';
import { members } from '../db/schema.js';
import { conflict, notFound } from '../errors.js';
import type { createMemberBody, updateMemberBody } from '../../shared/schemas/admin.js';
import type { Actor } from './actor.js';
import { writeAudit } from './audit.js';
import { checkUserRef, definedOnly, requireSomeChange } from './admin-support.js';
import { protectPhone } from '../crypto/field-crypto.js';

// A sign-in resolves to at most one member record: two records on one account would make
// "my proposals" ambiguous.
async function assertAccountFree(tx: Executor, tenantId: number, userId: number | null | undefined, exceptId?: number) {
  if (userId == null) return;
  await checkUserRef(tx, tenantId, userId);
  const [dup] = await tx
    .select({ id: members.id, name: members.name })
    .from(members)
    .where(and(eq(members.tenantId, tenantId), eq(members.userId, userId), exceptId ? ne(members.id, exceptId) : undefined));
  if (dup) throw conflict(`该登录账户已关联委员/代表「${dup.name}」`);
}

/** The phone number as stored: SM4 ciphertext and its blind index. */
const memberPhone = (phone: string | null | undefined) => {
  const p = protectPhone(phone);
  return { phone: p.value, phoneIndex: p.index };
};

/** The 系统管理员 records a 委员 (CPPCC) or 代表 (NPC), optionally linked to their account. */
export async function createMember(tx: Executor, actor: Actor, input: z.infer<typeof createMemberBody>) {
  await assertAccountFree(tx, actor.tenantId, input.userId);
  const [row] = await tx.insert(members).values({ ...input, ...memberPhone(input.phone), tenantId: actor.tenantId }).returning();
  await writeAudit(tx, actor, { action: 'member.create', entityType: 'member', entityId: row!.id, after: row });
  return row!;
}

export async function updateMember(tx: Executor, actor: Actor, id: number, input: z.infer<typeof updateMemberBody>) {
  requireSomeChange(input);
  const [before] = await tx.select().from(members).where(and(eq(members.id, id), eq(members.tenantId, actor.tenantId))).for('update');
  if (!before) throw notFound('委员/代表');
  if (input.userId !== undefined && input.userId !== before.userId) await assertAccountFree(tx, actor.tenantId, input.userId, id);
  const [after] = await tx.update(members).set({ ...definedOnly(input), ...(input.phone !== undefined ? memberPhone(input.phone) : {}) }).where(eq(members.id, id)).returning();
  await writeAudit(tx, actor, { action: 'member.update', entityType: 'member', entityId: id, before, after });
  return after!;
}
