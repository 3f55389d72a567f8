import { createHash, randomBytes } from 'node:crypto';
import { and, desc, eq, lt, ne, notInArray, or, sql } from 'drizzle-orm';
import type { Db, Executor } from '../db/client.js';
import { leaders, loginSessions, members, securitySettings, users } from '../db/schema.js';
import type { Actor } from '../domain/actor.js';
import { DEFAULT_SECURITY_SETTINGS, fromRow, type SecuritySettings } from './policy.js';

export const SESSION_COOKIE = 'duban_sid';
export const IDLE_TIMEOUT_MS = 30 * 60 * 1000;
export const ABSOLUTE_TIMEOUT_MS = 12 * 60 * 60 * 1000;
/** A sign-in waiting for its second factor lapses after five minutes. */
export const SECOND_FACTOR_TIMEOUT_MS = 5 * 60 * 1000;

export const sha256 = (v: string) => createHash('sha256').update(v).digest('hex');

type UserRow = typeof users.$inferSelect;
export type SessionStage = 'full' | 'second_factor';

export interface NewSession {
  ip: string | null;
  userAgent: string | null;
  stage: SessionStage;
  /** Live full sessions the account may keep; the oldest beyond it are ended. */
  maxSessions?: number;
}

/**
 * Opens a session and answers its cookie value and CSRF token. A full session beyond the
 * account's limit ends the oldest ones; the user row is locked first so that two sign-ins at once
 * cannot both stay under the limit. Call inside a transaction.
 */
export async function createLoginSession(tx: Executor, user: { id: number; tenantId: number }, s: NewSession, now: Date) {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  if (s.stage === 'full' && s.maxSessions) await tx.select({ id: users.id }).from(users).where(eq(users.id, user.id)).for('update');
  await tx.insert(loginSessions).values({
    id: sha256(token),
    tenantId: user.tenantId,
    userId: user.id,
    csrfToken,
    createdAt: now,
    lastSeenAt: now,
    ip: s.ip,
    userAgent: s.userAgent?.slice(0, 400) ?? null,
    stage: s.stage,
  });
  let ended = 0;
  if (s.stage === 'full' && s.maxSessions) {
    // The new session and the newest others up to the limit stay.
    const keep = await tx
      .select({ id: loginSessions.id })
      .from(loginSessions)
      .where(and(eq(loginSessions.userId, user.id), eq(loginSessions.stage, 'full'), ne(loginSessions.id, sha256(token))))
      .orderBy(desc(loginSessions.createdAt), desc(loginSessions.lastSeenAt))
      .limit(s.maxSessions - 1);
    const gone = await tx
      .delete(loginSessions)
      .where(and(eq(loginSessions.userId, user.id), eq(loginSessions.stage, 'full'), notInArray(loginSessions.id, [sha256(token), ...keep.map((k) => k.id)])))
      .returning({ id: loginSessions.id });
    ended = gone.length;
  }
  return { token, csrfToken, sessionId: sha256(token), endedSessions: ended };
}

export async function deleteLoginSession(db: Executor, token: string) {
  await db.delete(loginSessions).where(eq(loginSessions.id, sha256(token)));
}

export interface ResolvedSession {
  sessionId: string;
  stage: SessionStage;
  csrfToken: string;
  user: UserRow;
  settings: SecuritySettings;
  /** The actor behind the session, read in the same query (member and leader records included). */
  actor: Actor;
}

/**
 * Looks up the session behind a cookie with its user and the tenant's security settings. Expired
 * sessions (30 minutes idle, 12 hours old, or a second factor not given within 5 minutes) are
 * deleted and resolve to null; a live one has its idle clock reset.
 */
export async function resolveLoginSession(db: Db, token: string, now: Date): Promise<ResolvedSession | null> {
  const id = sha256(token);
  // One round trip per request: the session, its user, the tenant's settings and the user's member
  // and leader records (each found by an index on user_id).
  const [row] = await db
    .select({
      s: loginSessions,
      u: users,
      settings: securitySettings,
      memberId: sql<number | null>`(select ${members.id} from ${members} where ${members.userId} = ${users.id} and ${members.tenantId} = ${users.tenantId} order by ${members.id} limit 1)`,
      leaderId: sql<number | null>`(select ${leaders.id} from ${leaders} where ${leaders.userId} = ${users.id} and ${leaders.tenantId} = ${users.tenantId} order by ${leaders.id} limit 1)`,
    })
    .from(loginSessions)
    .innerJoin(users, eq(users.id, loginSessions.userId))
    .leftJoin(securitySettings, eq(securitySettings.tenantId, loginSessions.tenantId))
    .where(eq(loginSessions.id, id));
  if (!row) return null;
  const t = now.getTime();
  const expired =
    t - row.s.lastSeenAt.getTime() > IDLE_TIMEOUT_MS ||
    t - row.s.createdAt.getTime() > ABSOLUTE_TIMEOUT_MS ||
    (row.s.stage === 'second_factor' && t - row.s.createdAt.getTime() > SECOND_FACTOR_TIMEOUT_MS) ||
    !row.u.active;
  if (expired) {
    await db.delete(loginSessions).where(eq(loginSessions.id, id));
    return null;
  }
  // Only write when a minute has passed: a page load fires many requests.
  if (t - row.s.lastSeenAt.getTime() > 60_000) {
    await db.update(loginSessions).set({ lastSeenAt: now }).where(eq(loginSessions.id, id));
  }
  return {
    sessionId: id,
    stage: row.s.stage,
    csrfToken: row.s.csrfToken,
    user: row.u,
    settings: row.settings ? fromRow(row.settings) : { ...DEFAULT_SECURITY_SETTINGS },
    actor: actorOf(row.u, row.memberId === null ? null : Number(row.memberId), row.leaderId === null ? null : Number(row.leaderId)),
  };
}

/** The actor of a user whose member and leader records are known. */
export function actorOf(u: UserRow, memberId: number | null, leaderId: number | null): Actor {
  return {
    userId: u.id,
    tenantId: u.tenantId,
    roles: u.roles,
    displayName: u.displayName,
    unitId: u.unitId,
    bodyId: u.bodyId,
    memberId,
    leaderId,
    organ: u.roles.includes('staff') ? u.organ : null,
    platformAdmin: u.platformAdmin,
  };
}

export async function loadActor(db: Executor, u: UserRow): Promise<Actor> {
  const [member] = await db.select({ id: members.id }).from(members).where(and(eq(members.userId, u.id), eq(members.tenantId, u.tenantId))).orderBy(members.id).limit(1);
  const [leader] = await db.select({ id: leaders.id }).from(leaders).where(and(eq(leaders.userId, u.id), eq(leaders.tenantId, u.tenantId))).orderBy(leaders.id).limit(1);
  return actorOf(u, member?.id ?? null, leader?.id ?? null);
}

/** Removes sessions past either timeout; run by the housekeeping job. */
export async function purgeExpiredSessions(db: Db, now: Date) {
  await db
    .delete(loginSessions)
    .where(
      or(
        lt(loginSessions.lastSeenAt, new Date(now.getTime() - IDLE_TIMEOUT_MS)),
        lt(loginSessions.createdAt, new Date(now.getTime() - ABSOLUTE_TIMEOUT_MS)),
        and(eq(loginSessions.stage, 'second_factor'), lt(loginSessions.createdAt, new Date(now.getTime() - SECOND_FACTOR_TIMEOUT_MS))),
      ),
    );
  // Counters whose window and block have both run out are forgotten (throttle.ts).
  await db.execute(sql`delete from auth_throttle where coalesce(blocked_until, window_start + interval '1 day') < ${now.toISOString()}::timestamptz`);
}
