import { and, eq } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { bodies, units, users } from '../db/schema.js';
import { AppError, conflict, invalid } from '../errors.js';

// Helpers shared by the administration use cases (units, sessions, accounts…).

/** A PATCH that names no field would change nothing: say so rather than answer as if it had. */
export function requireSomeChange(input: Record<string, unknown>, ignore: string[] = ['version']) {
  if (!Object.entries(input).some(([k, v]) => v !== undefined && !ignore.includes(k))) {
    throw new AppError('VALIDATION_FAILED', '请至少修改一项内容', [{ path: 'body', message: '请至少修改一项内容' }]);
  }
}

/** Drops the fields left out of a PATCH so that `set()` touches only what was sent. */
export function definedOnly<T extends Record<string, unknown>>(input: T): Partial<T> {
  return Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * Runs an insert or update and turns a unique-index violation (two administrators saving the
 * same name at once, past the friendly pre-check) into a 409 with a Chinese message.
 */
export async function uniqueOr409<T>(run: () => Promise<T>, message: string): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict(message);
    throw e;
  }
}

function isUniqueViolation(e: unknown): boolean {
  // Drizzle wraps the driver's error in `cause`.
  for (let cur = e as { code?: string; cause?: unknown } | undefined, i = 0; cur && i < 4; cur = cur.cause as typeof cur, i++) {
    if (cur.code === '23505') return true;
  }
  return false;
}

// A referenced id from another tenant reads as "does not exist", like any other tenant data.
export async function checkUnitRef(tx: Executor, tenantId: number, id: number | null | undefined, path = 'body.unitId') {
  if (id == null) return;
  const [row] = await tx.select({ id: units.id }).from(units).where(and(eq(units.id, id), eq(units.tenantId, tenantId)));
  if (!row) throw invalid(path, '所选承办单位不存在');
}

export async function checkBodyRef(tx: Executor, tenantId: number, id: number | null | undefined, path = 'body.bodyId') {
  if (id == null) return;
  const [row] = await tx.select({ id: bodies.id }).from(bodies).where(and(eq(bodies.id, id), eq(bodies.tenantId, tenantId)));
  if (!row) throw invalid(path, '所选团体不存在');
}

export async function checkUserRef(tx: Executor, tenantId: number, id: number | null | undefined, path = 'body.userId') {
  if (id == null) return;
  const [row] = await tx.select({ id: users.id }).from(users).where(and(eq(users.id, id), eq(users.tenantId, tenantId)));
  if (!row) throw invalid(path, '所选登录账户不存在');
}

/** A user row fit for the audit log: the password hash and the TOTP secrets never leave the users table. */
export function userForAudit(u: typeof users.$inferSelect) {
  const { passwordHash: _hash, totpSecret, totpPendingSecret: _pending, totpLastStep: _step, ...rest } = u;
  return { ...rest, secondFactorEnabled: !!totpSecret };
}
