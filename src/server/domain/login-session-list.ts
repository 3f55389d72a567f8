import { and, desc, eq } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { loginSessions } from '../db/schema.js';
import { notFound } from '../errors.js';
import { deviceLabel } from '../auth/user-agent.js';
import type { Actor } from './actor.js';
import { writeAudit } from './audit.js';

// 我的账号: the sessions an account has open (device, address, last seen), and ending one of them
// — a browser left signed in at the office, a lost phone.

export async function listMySessions(tx: Executor, actor: Actor, currentSessionId: string | null) {
  const rows = await tx
    .select()
    .from(loginSessions)
    .where(and(eq(loginSessions.userId, actor.userId), eq(loginSessions.stage, 'full')))
    .orderBy(desc(loginSessions.lastSeenAt));
  return rows.map((s) => ({
    id: s.id,
    current: s.id === currentSessionId,
    device: deviceLabel(s.userAgent),
    ip: s.ip,
    createdAt: s.createdAt.toISOString(),
    lastSeenAt: s.lastSeenAt.toISOString(),
  }));
}

/** Ends one of one's own sessions; another user's session id reads as not found. */
export async function endMySession(tx: Executor, actor: Actor, id: string) {
  const gone = await tx
    .delete(loginSessions)
    .where(and(eq(loginSessions.id, id), eq(loginSessions.userId, actor.userId), eq(loginSessions.tenantId, actor.tenantId)))
    .returning();
  if (gone.length === 0) throw notFound('会话');
  await writeAudit(tx, actor, {
    action: 'auth.session_ended',
    entityType: 'user',
    entityId: actor.userId,
    before: { device: deviceLabel(gone[0]!.userAgent), ip: gone[0]!.ip, createdAt: gone[0]!.createdAt },
  });
}
