import { and, eq } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { users } from '../db/schema.js';
import { conflict, notFound } from '../errors.js';
import { accountBlocks, clearAccount } from '../auth/throttle.js';
import type { Actor } from './actor.js';
import { writeAudit } from './audit.js';

/**
 * The 安全管理员 lifts the locks that failed sign-ins put on an account, from every address, and
 * its failure counts start over.
 */
export async function unlockUser(tx: Executor, actor: Actor, id: number, now: Date) {
  const [before] = await tx.select().from(users).where(and(eq(users.id, id), eq(users.tenantId, actor.tenantId))).for('update');
  if (!before) throw notFound('用户');
  const lock = (await accountBlocks(tx, [before.username], now)).get(before.username.toLowerCase());
  if (!lock) throw conflict('该账户当前未被锁定');
  await clearAccount(tx, before.username);
  await writeAudit(tx, actor, {
    action: 'user.unlock',
    entityType: 'user',
    entityId: id,
    before: { lockedUntil: lock.until, failedLogins: lock.failures },
    after: { lockedUntil: null, failedLogins: 0 },
  });
  return before;
}
