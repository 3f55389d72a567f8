import { eq } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { securitySettings, users } from '../db/schema.js';
import { isAdministrator, type Role } from '../../shared/roles.js';
import type { ThrottleRule } from './throttle.js';

/**
 * How the server runs. `production` (NODE_ENV=production or DUBAN_MODE=production) refuses demo
 * data and holds administrators to a second factor and to password expiry; `demo` lets the demo
 * accounts sign in with a password alone, as the README's walkthrough does, and every page says
 * that it is a demo.
 */
export type Mode = 'demo' | 'production';

export interface SecuritySettings {
  secondFactorRoles: Role[];
  maxSessions: number;
  adminPasswordMaxAgeDays: number;
  passwordMaxAgeDays: number;
  version: number;
}

/** What a tenant without a settings row has. */
export const DEFAULT_SECURITY_SETTINGS: SecuritySettings = {
  secondFactorRoles: [],
  maxSessions: 3,
  adminPasswordMaxAgeDays: 90,
  passwordMaxAgeDays: 0,
  version: 0,
};

export async function loadSecuritySettings(db: Executor, tenantId: number): Promise<SecuritySettings> {
  const [row] = await db.select().from(securitySettings).where(eq(securitySettings.tenantId, tenantId));
  return row ? fromRow(row) : { ...DEFAULT_SECURITY_SETTINGS };
}

export const fromRow = (row: typeof securitySettings.$inferSelect): SecuritySettings => ({
  secondFactorRoles: row.secondFactorRoles,
  maxSessions: row.maxSessions,
  adminPasswordMaxAgeDays: row.adminPasswordMaxAgeDays,
  passwordMaxAgeDays: row.passwordMaxAgeDays,
  version: row.version,
});

type PolicyUser = Pick<typeof users.$inferSelect, 'roles' | 'secondFactorRequired' | 'passwordChangedAt' | 'createdAt'>;

/**
 * Must this account sign in with a second factor? Administrators must in production; an account
 * made by `admin:create` must in any mode; other roles when the tenant's setting names them.
 */
export function secondFactorRequired(user: PolicyUser, s: SecuritySettings, mode: Mode): boolean {
  if (user.secondFactorRequired) return true;
  if (mode === 'production' && isAdministrator(user.roles)) return true;
  return user.roles.some((r) => s.secondFactorRoles.includes(r));
}

/** When the password stops being accepted without a change; null when it does not expire. */
export function passwordExpiresAt(user: PolicyUser, s: SecuritySettings, mode: Mode): Date | null {
  // The demo keeps its accounts usable however far its clock is moved (README walkthrough, CI).
  if (mode === 'demo') return null;
  const days = isAdministrator(user.roles) ? s.adminPasswordMaxAgeDays : s.passwordMaxAgeDays;
  if (!days) return null;
  const since = user.passwordChangedAt ?? user.createdAt;
  return new Date(since.getTime() + days * 86_400_000);
}

export interface Standing {
  passwordExpiresAt: Date | null;
  passwordExpired: boolean;
  /** A first, reset or expired password: to be changed before anything else. */
  mustChangePassword: boolean;
  secondFactorEnrolled: boolean;
  secondFactorRequired: boolean;
  /** Required and not enrolled: to be enrolled before anything else (after the password). */
  mustEnrol: boolean;
}

/** An account against the rules of its tenant, now. */
export function standing(user: PolicyUser & Pick<typeof users.$inferSelect, 'mustChangePassword' | 'totpSecret'>, s: SecuritySettings, mode: Mode, now: Date): Standing {
  const expiresAt = passwordExpiresAt(user, s, mode);
  const expired = !!expiresAt && expiresAt.getTime() <= now.getTime();
  const enrolled = !!user.totpSecret;
  const required = secondFactorRequired(user, s, mode);
  return {
    passwordExpiresAt: expiresAt,
    passwordExpired: expired,
    mustChangePassword: user.mustChangePassword || expired,
    secondFactorEnrolled: enrolled,
    secondFactorRequired: required,
    mustEnrol: required && !enrolled,
  };
}

/** The counters of sign-in (see throttle.ts); a setting of the server, not of a tenant. */
export interface SignInLimits {
  /** Failures in a row for one account from one address: then 423 for that address. */
  accountAddress: ThrottleRule;
  /** Failures for one account from all addresses within the window: then 423 for everyone. */
  account: ThrottleRule;
  /** Failures from one address for any accounts within the window: then 429 for that address. */
  address: ThrottleRule;
  /** Wrong second-factor codes for one account: then the pending sign-in ends and 423. */
  secondFactor: ThrottleRule;
}

const MIN = 60_000;
export const DEFAULT_SIGN_IN_LIMITS: SignInLimits = {
  accountAddress: { max: 5, windowMs: 24 * 60 * MIN, blockMs: 30 * MIN },
  account: { max: 20, windowMs: 30 * MIN, blockMs: 30 * MIN },
  address: { max: 30, windowMs: 15 * MIN, blockMs: 15 * MIN },
  secondFactor: { max: 5, windowMs: 30 * MIN, blockMs: 30 * MIN },
};
