import { and, eq, ne } from 'drizzle-orm';
import type { z } from 'zod';
import type { Executor } from '../db/client.js';
import { leaders } from '../db/schema.js';
import { conflict, notFound } from '../errors.js';
import type { createLeaderBody, updateLeaderBody } from '../../shared/schemas/admin.js';
import type { Actor } from './actor.js';
import { writeAudit } from './audit.js';
import { checkUserRef, definedOnly, requireSomeChange } from './admin-support.js';

// One leader record per account: the account's key proposals are found through it.
async function assertAccountFree(tx: Executor, tenantId: number, userId: number | null | undefined, exceptId?: number) {
  if (userId == null) return;
  await checkUserRef(tx, tenantId, userId);
  const [dup] = await tx
    .select({ id: leaders.id, name: leaders.name })
    .from(leaders)
    .where(and(eq(leaders.tenantId, tenantId), eq(leaders.userId, userId), exceptId ? ne(leaders.id, exceptId) : undefined));
  if (dup) throw conflict(`该登录账户已关联督办领导「${dup.name}」`);
}

/** The 系统管理员 records a supervising leader (督办领导). */
export async function createLeader(tx: Executor, actor: Actor, input: z.infer<typeof createLeaderBody>) {
  await assertAccountFree(tx, actor.tenantId, input.userId);
  const [row] = await tx.insert(leaders).values({ ...input, tenantId: actor.tenantId }).returning();
  await writeAudit(tx, actor, { action: 'leader.create', entityType: 'leader', entityId: row!.id, after: row });
  return row!;
}

export async function updateLeader(tx: Executor, actor: Actor, id: number, input: z.infer<typeof updateLeaderBody>) {
  requireSomeChange(input);
  const [before] = await tx.select().from(leaders).where(and(eq(leaders.id, id), eq(leaders.tenantId, actor.tenantId))).for('update');
  if (!before) throw notFound('督办领导');
  if (input.userId !== undefined && input.userId !== before.userId) await assertAccountFree(tx, actor.tenantId, input.userId, id);
  const [after] = await tx.update(leaders).set(definedOnly(input)).where(eq(leaders.id, id)).returning();
  await writeAudit(tx, actor, { action: 'leader.update', entityType: 'leader', entityId: id, before, after });
  return after!;
}
