import { and, eq } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { users } from '../db/schema.js';
import { conflict, notFound } from '../errors.js';
import type { Actor } from './actor.js';
import { writeAudit } from './audit.js';

/** The 安全管理员 lifts the 30-minute lock that five failed sign-ins put on an account. */
export async function unlockUser(tx: Executor, actor: Actor, id: number, now: Date) {
  const [before] = await tx.select().from(users).where(and(eq(users.id, id), eq(users.tenantId, actor.tenantId))).for('update');
  if (!before) throw notFound('用户');
  if (!before.lockedUntil || before.lockedUntil <= now) throw conflict('该账户当前未被锁定');
  const [after] = await tx
    .update(users)
    .set({ lockedUntil: null, failedLogins: 0, version: before.version + 1 })
    .where(eq(users.id, id))
    .returning();
  await writeAudit(tx, actor, {
    action: 'user.unlock',
    entityType: 'user',
    entityId: id,
    before: { lockedUntil: before.lockedUntil, failedLogins: before.failedLogins },
    after: { lockedUntil: null, failedLogins: 0 },
  });
  return after!;
}
