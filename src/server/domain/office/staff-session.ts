import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { sessions, users } from '../../db/schema.js';
import { ORGAN_OF_KIND } from '../../../shared/domain.js';
import { invalid } from '../../errors.js';
import type { Actor } from '../actor.js';

export type SessionRow = typeof sessions.$inferSelect;

/**
 * A session a staff member may enter or import proposals into: in their tenant and, when their
 * account belongs to an organ (政协 / 人大), one of that organ's sessions. Another organ's session
 * reads as missing, like another tenant's.
 */
export async function staffSession(tx: Executor, actor: Actor, sessionId: number, path = 'body.sessionId'): Promise<SessionRow> {
  const [s] = await tx.select().from(sessions).where(and(eq(sessions.id, sessionId), eq(sessions.tenantId, actor.tenantId)));
  if (!s || !(await organAllows(tx, actor, s.kind))) throw invalid(path, '届次会议不存在');
  return s;
}

/** Whether the actor's organ (if any) handles this kind of submission. */
export async function organAllows(tx: Executor, actor: Actor, kind: SessionRow['kind']): Promise<boolean> {
  const [u] = await tx.select({ organ: users.organ }).from(users).where(eq(users.id, actor.userId));
  return !u?.organ || u.organ === ORGAN_OF_KIND[kind];
}
