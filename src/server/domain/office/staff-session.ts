import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { sessions } from '../../db/schema.js';
import { invalid } from '../../errors.js';
import type { Actor } from '../actor.js';
import { confinedKind, visibleSessions } from '../proposal-access.js';

export type SessionRow = typeof sessions.$inferSelect;

/**
 * A session a staff member may enter or import proposals into: one the actor may see (their tenant's,
 * and their organ's — 政协 or 人大 — for staff). Another organ's session reads as missing, like another
 * tenant's.
 */
export async function staffSession(tx: Executor, actor: Actor, sessionId: number, path = 'body.sessionId'): Promise<SessionRow> {
  const [s] = await tx.select().from(sessions).where(and(eq(sessions.id, sessionId), visibleSessions(actor)));
  if (!s) throw invalid(path, '届次会议不存在');
  return s;
}

/** Whether the actor's organ (if any) handles this kind of submission. */
export function organAllows(actor: Actor, kind: SessionRow['kind']): boolean {
  const confined = confinedKind(actor);
  return confined === null || confined === kind;
}
