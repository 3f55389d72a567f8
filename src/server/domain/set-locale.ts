import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { users } from '../db/schema.js';
import type { Actor } from './actor.js';
import { writeAudit } from './audit.js';

/** Each user picks the interface language; it follows them to every device. */
export async function setLocale(db: Db, actor: Actor, locale: 'zh-CN' | 'en-US') {
  await db.transaction(async (tx) => {
    const [before] = await tx.select({ locale: users.locale }).from(users).where(eq(users.id, actor.userId));
    await tx.update(users).set({ locale }).where(eq(users.id, actor.userId));
    await writeAudit(tx, actor, { action: 'user.locale', entityType: 'user', entityId: actor.userId, before, after: { locale } });
  });
}
