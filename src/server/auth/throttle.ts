import { like, or, eq, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { authThrottle } from '../db/schema.js';

// Counters for sign-in attempts in one table, so that every server process on one database sees
// the same counts (a Map in memory would let a second process start from zero). Each counter is
// changed by a single statement: INSERT … ON CONFLICT DO UPDATE takes the row lock, so forty
// parallel attempts take forty turns and the sixth finds the five slots gone.

export interface ThrottleRule {
  /** Attempts counted before the key blocks. */
  max: number;
  /** Counts older than this start over (a failure long ago is forgotten). */
  windowMs: number;
  /** How long the key stays blocked once `max` failures are in. */
  blockMs: number;
}

export type Reservation = { ok: true; hits: number } | { ok: false; blockedUntil: Date };

const rowsOf = <T>(res: unknown) => (res as { rows: T[] }).rows;
const iso = (d: Date) => d.toISOString();

/**
 * Takes one slot under `key` before a password or a code is checked. An attempt in flight counts
 * as a failure until it proves otherwise, which is what makes parallel guesses count. Refused when
 * the key is blocked or all its slots are taken.
 */
export async function reserve(db: Executor, key: string, rule: ThrottleRule, now: Date): Promise<Reservation> {
  const stale = iso(new Date(now.getTime() - rule.windowMs));
  // "fresh": the block has run out, or the window has passed without a block: count from one.
  const fresh = sql`((t.blocked_until is not null and t.blocked_until <= ${iso(now)}::timestamptz)
    or (t.blocked_until is null and t.window_start <= ${stale}::timestamptz))`;
  const res = await db.execute(sql`
    insert into auth_throttle as t (key, hits, window_start, blocked_until)
    values (${key}, 1, ${iso(now)}::timestamptz, null)
    on conflict (key) do update set
      hits = case when ${fresh} then 1 else t.hits + 1 end,
      window_start = case when ${fresh} then ${iso(now)}::timestamptz else t.window_start end,
      blocked_until = case when ${fresh} then null else t.blocked_until end
    where ${fresh} or (t.blocked_until is null and t.hits < ${rule.max})
    returning hits`);
  const [taken] = rowsOf<{ hits: number }>(res);
  if (taken) return { ok: true, hits: Number(taken.hits) };
  const [row] = await db.select({ blockedUntil: authThrottle.blockedUntil }).from(authThrottle).where(eq(authThrottle.key, key));
  // Slots taken by attempts still in flight: report the block they will set if they fail.
  return { ok: false, blockedUntil: row?.blockedUntil ?? new Date(now.getTime() + rule.blockMs) };
}

/**
 * The attempt under `key` failed: its slot stays taken, and once the slots are all failures the
 * key blocks. Answers true for the one failure that set the block (to report the lock once).
 */
export async function fail(db: Executor, key: string, rule: ThrottleRule, now: Date): Promise<boolean> {
  const res = await db.execute(sql`
    update auth_throttle set blocked_until = ${iso(new Date(now.getTime() + rule.blockMs))}::timestamptz
    where key = ${key} and hits >= ${rule.max} and blocked_until is null
    returning key`);
  return rowsOf(res).length > 0;
}

/** Gives back a slot taken for an attempt that did not happen or did not fail. */
export async function release(db: Executor, key: string) {
  await db.execute(sql`update auth_throttle set hits = greatest(hits - 1, 0) where key = ${key}`);
}

/** Forgets a key: after a success (failures in a row start over) or an administrator's unlock. */
export async function clear(db: Executor, ...keys: string[]) {
  for (const key of keys) await db.delete(authThrottle).where(eq(authThrottle.key, key));
}

/** Forgets an account's counters from every address. */
export async function clearAccount(db: Executor, username: string) {
  const name = accountKey(username);
  await db.delete(authThrottle).where(or(eq(authThrottle.key, name), like(authThrottle.key, `${escapeLike(name)}|%`)));
}

/** Blocks in force for an account, from any address: what the 安全管理员 sees as 「已锁定」. */
export async function accountBlocks(db: Executor, usernames: string[], now: Date): Promise<Map<string, { until: Date; failures: number }>> {
  const out = new Map<string, { until: Date; failures: number }>();
  if (usernames.length === 0) return out;
  const keys = usernames.map(accountKey);
  const res = await db.execute(sql`
    select split_part(key, '|', 1) as account, max(blocked_until) as until, max(hits) as failures
    from auth_throttle
    where split_part(key, '|', 1) in (${sql.join(keys.map((k) => sql`${k}`), sql`, `)})
      and blocked_until > ${iso(now)}::timestamptz
    group by 1`);
  for (const r of rowsOf<{ account: string; until: string | Date; failures: number }>(res)) {
    out.set(r.account.slice('acct:'.length), { until: new Date(r.until), failures: Number(r.failures) });
  }
  return out;
}

/** Failures counted against an account from all addresses and not yet forgotten. */
export async function accountFailures(db: Executor, usernames: string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (usernames.length === 0) return out;
  const keys = usernames.map(accountKey);
  const rows = await db
    .select({ key: authThrottle.key, hits: authThrottle.hits })
    .from(authThrottle)
    .where(sql`${authThrottle.key} in (${sql.join(keys.map((k) => sql`${k}`), sql`, `)})`);
  for (const r of rows) out.set(r.key.slice('acct:'.length), r.hits);
  return out;
}

// Keys. A name is lower-cased as sign-in matches it; '|' cannot occur in a username (loginBody).
export const accountKey = (username: string) => `acct:${username.toLowerCase()}`;
export const accountAddressKey = (username: string, ip: string) => `${accountKey(username)}|${ip}`;
export const addressKey = (ip: string) => `ip:${ip}`;
export const secondFactorKey = (userId: number) => `totp:${userId}`;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
