import type { Role } from '../../shared/roles.js';
import type { Organ } from '../../shared/domain.js';

/** Who is acting, resolved once per request from the login session. */
export interface Actor {
  userId: number;
  tenantId: number;
  roles: Role[];
  displayName: string;
  /** Set for handling-unit users. */
  unitId: number | null;
  /** Set for users who act for a body (党派团体 …). */
  bodyId: number | null;
  /** Set for users who are a member (委员/代表). */
  memberId: number | null;
  /** Set for users who are a supervising leader. */
  leaderId: number | null;
  /** The organ a staff account works for (政协 or 人大); null for every other account. */
  organ: Organ | null;
  ip?: string | null;
  /** A platform administrator (above tenants): only the `platform` routes. */
  platformAdmin?: boolean;
}

export const hasRole = (actor: Actor, ...roles: Role[]) => roles.some((r) => actor.roles.includes(r));
