import { desc, eq } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { passwordHistory, users } from '../db/schema.js';
import { invalid } from '../errors.js';
import { verifyPassword } from '../auth/passwords.js';
import { CONTAINS_USERNAME_MESSAGE, containsUsername, PASSWORD_HISTORY, REUSED_PASSWORD_MESSAGE } from '../../shared/password-policy.js';

// The rules a password must meet beyond its shape (shared/password-policy.ts): not the username
// inside it, and, when a user picks it, none of their last five.

export function checkNotUsername(password: string, username: string, path: string) {
  if (containsUsername(password, username)) throw invalid(path, CONTAINS_USERNAME_MESSAGE);
}

/** The new password may not be the current one nor any of the four before it (the last five). */
export async function checkNotReused(tx: Executor, user: typeof users.$inferSelect, password: string, path: string) {
  const earlier = await tx
    .select({ hash: passwordHistory.passwordHash })
    .from(passwordHistory)
    .where(eq(passwordHistory.userId, user.id))
    .orderBy(desc(passwordHistory.id))
    .limit(PASSWORD_HISTORY - 1);
  const hashes = [...new Set([user.passwordHash, ...earlier.map((e) => e.hash)])];
  for (const h of hashes) if (await verifyPassword(h, password)) throw invalid(path, REUSED_PASSWORD_MESSAGE);
}

/** A password being replaced joins the history the rule above reads. */
export async function retirePassword(tx: Executor, user: { id: number; tenantId: number; passwordHash: string }, now: Date) {
  await tx.insert(passwordHistory).values({ tenantId: user.tenantId, userId: user.id, passwordHash: user.passwordHash, createdAt: now });
}
