import { and, arrayContains, asc, count, eq, ilike, or, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Executor } from '../db/client.js';
import { bodies, units, users } from '../db/schema.js';
import { notFound } from '../errors.js';
import { accountBlocks, accountFailures } from '../auth/throttle.js';
import type { UserOut, userQuery } from '../../shared/schemas/admin.js';
import { decryptField, looksLikePhone, phoneIndex } from '../crypto/field-crypto.js';

// Accounts as the 安全管理员 sees them: no password hash nor TOTP secret, lock state from the
// sign-in counters as of the clock.

const columns = { u: users, unitName: units.name, bodyName: bodies.name };
type Row = { u: typeof users.$inferSelect; unitName: string | null; bodyName: string | null };

export interface LockState {
  blocks: Map<string, { until: Date; failures: number }>;
  failures: Map<string, number>;
}

/** Lock state comes from the sign-in counters (auth/throttle.ts), keyed by the lower-cased name. */
export async function lockStateOf(tx: Executor, usernames: string[], now: Date): Promise<LockState> {
  return { blocks: await accountBlocks(tx, usernames, now), failures: await accountFailures(tx, usernames) };
}

export function presentUser(r: Row, locks: LockState): UserOut {
  const { u } = r;
  const name = u.username.toLowerCase();
  const block = locks.blocks.get(name);
  return {
    id: u.id,
    username: u.username,
    displayName: u.displayName,
    roles: u.roles,
    unitId: u.unitId,
    unitName: r.unitName,
    bodyId: u.bodyId,
    bodyName: r.bodyName,
    organ: u.organ,
    phone: decryptField(u.phone),
    active: u.active,
    locked: !!block,
    lockedUntil: block ? block.until.toISOString() : null,
    failedLogins: Math.max(locks.failures.get(name) ?? 0, block?.failures ?? 0),
    mustChangePassword: u.mustChangePassword,
    passwordChangedAt: u.passwordChangedAt ? u.passwordChangedAt.toISOString() : null,
    secondFactorEnabled: !!u.totpSecret,
    version: u.version,
    createdAt: u.createdAt.toISOString(),
  };
}

const base = (tx: Executor) =>
  tx.select(columns).from(users).leftJoin(units, eq(units.id, users.unitId)).leftJoin(bodies, eq(bodies.id, users.bodyId));

export async function getUser(tx: Executor, tenantId: number, id: number, now: Date) {
  const [row] = await base(tx).where(and(eq(users.id, id), eq(users.tenantId, tenantId)));
  if (!row) throw notFound('用户');
  return presentUser(row, await lockStateOf(tx, [row.u.username], now));
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function listUsers(tx: Executor, tenantId: number, q: z.infer<typeof userQuery>, now: Date) {
  const conds: (SQL | undefined)[] = [eq(users.tenantId, tenantId)];
  if (q.q) {
    const byPhone = looksLikePhone(q.q) ? eq(users.phoneIndex, phoneIndex(q.q)!) : undefined;
    conds.push(or(ilike(users.username, `%${escapeLike(q.q)}%`), ilike(users.displayName, `%${escapeLike(q.q)}%`), byPhone));
  }
  if (q.role) conds.push(arrayContains(users.roles, [q.role]));
  if (q.unitId) conds.push(eq(users.unitId, q.unitId));
  if (q.active !== undefined) conds.push(eq(users.active, q.active));
  const where = and(...conds);
  const [{ total }] = (await tx.select({ total: count() }).from(users).where(where)) as [{ total: number }];
  const rows = await base(tx)
    .where(where)
    .orderBy(asc(users.username))
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize);
  const locks = await lockStateOf(tx, rows.map((r) => r.u.username), now);
  return { items: rows.map((r) => presentUser(r, locks)), total, page: q.page, pageSize: q.pageSize };
}
