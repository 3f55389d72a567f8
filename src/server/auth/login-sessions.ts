import { createHash, randomBytes } from 'node:crypto';
import { and, eq, lt, or } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { leaders, loginSessions, members, users } from '../db/schema.js';
import type { Actor } from '../domain/actor.js';

export const SESSION_COOKIE = 'duban_sid';
export const IDLE_TIMEOUT_MS = 30 * 60 * 1000;
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000;
export const MAX_FAILED_LOGINS = 5;
export const LOCK_MS = 30 * 60 * 1000;

const sha256 = (v: string) => createHash('sha256').update(v).digest('hex');

export async function createLoginSession(db: Db, user: { id: number; tenantId: number }, ip: string | null, now: Date) {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await db.insert(loginSessions).values({
    id: sha256(token),
    tenantId: user.tenantId,
    userId: user.id,
    csrfToken,
    createdAt: now,
    lastSeenAt: now,
    ip,
  });
  return { token, csrfToken };
}

export async function deleteLoginSession(db: Db, token: string) {
  await db.delete(loginSessions).where(eq(loginSessions.id, sha256(token)));
}

export interface ResolvedSession {
  sessionId: string;
  csrfToken: string;
  actor: Actor;
  mustChangePassword: boolean;
}

/**
 * Looks up the session behind a cookie. Expired sessions (30 minutes idle or 12 hours old) are
 * deleted and resolve to null; a live one has its idle clock reset.
 */
export async function resolveLoginSession(db: Db, token: string, now: Date): Promise<ResolvedSession | null> {
  const id = sha256(token);
  const [row] = await db
    .select({ s: loginSessions, u: users })
    .from(loginSessions)
    .innerJoin(users, eq(users.id, loginSessions.userId))
    .where(eq(loginSessions.id, id));
  if (!row) return null;
  const t = now.getTime();
  const expired =
    t - row.s.lastSeenAt.getTime() > IDLE_TIMEOUT_MS || t - row.s.createdAt.getTime() > ABSOLUTE_TIMEOUT_MS || !row.u.active;
  if (expired) {
    await db.delete(loginSessions).where(eq(loginSessions.id, id));
    return null;
  }
  // Only write when a minute has passed: a page load fires many requests.
  if (t - row.s.lastSeenAt.getTime() > 60_000) {
    await db.update(loginSessions).set({ lastSeenAt: now }).where(eq(loginSessions.id, id));
  }
  return { sessionId: id, csrfToken: row.s.csrfToken, actor: await loadActor(db, row.u), mustChangePassword: row.u.mustChangePassword };
}

export async function loadActor(db: Db, u: typeof users.$inferSelect): Promise<Actor> {
  const [member] = await db.select({ id: members.id }).from(members).where(and(eq(members.userId, u.id), eq(members.tenantId, u.tenantId)));
  const [leader] = await db.select({ id: leaders.id }).from(leaders).where(and(eq(leaders.userId, u.id), eq(leaders.tenantId, u.tenantId)));
  return {
    userId: u.id,
    tenantId: u.tenantId,
    roles: u.roles,
    displayName: u.displayName,
    unitId: u.unitId,
    bodyId: u.bodyId,
    memberId: member?.id ?? null,
    leaderId: leader?.id ?? null,
    organ: u.roles.includes('staff') ? u.organ : null,
  };
}

/** Removes sessions past either timeout; run by the housekeeping job. */
export async function purgeExpiredSessions(db: Db, now: Date) {
  await db
    .delete(loginSessions)
    .where(
      or(
        lt(loginSessions.lastSeenAt, new Date(now.getTime() - IDLE_TIMEOUT_MS)),
        lt(loginSessions.createdAt, new Date(now.getTime() - ABSOLUTE_TIMEOUT_MS)),
      ),
    );
}
