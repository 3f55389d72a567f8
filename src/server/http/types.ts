import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Access } from '../../shared/roles.js';
import type { Db } from '../db/client.js';
import type { Actor } from '../domain/actor.js';
import type { Standing } from '../auth/policy.js';

/** The Fastify instance every route file receives: zod-typed, with the database attached. */
export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    /** The clock, replaceable in tests. */
    now: () => Date;
  }
  interface FastifyRequest {
    actor: Actor | null;
    loginSessionId: string | null;
    csrfToken: string | null;
    /** A session whose password was right and whose second factor is still due (no actor yet). */
    pendingSignIn: { sessionId: string; userId: number } | null;
    /** The signed-in account's standing against the security rules, for GET /auth/me. */
    accountState: AccountState | null;
  }
  interface FastifyContextConfig {
    /** Who may call the route. Every /api route must say; a route that does not fails at start. */
    access?: Access;
    /** The route stays reachable while a forced password change is pending. */
    allowPendingPasswordChange?: boolean;
    /** The route stays reachable while the account must still enrol its second factor. */
    allowPendingEnrolment?: boolean;
    /** Only for sign-in, which has no session to carry a token yet. */
    skipCsrf?: boolean;
    /** The answer holds a secret (TOTP key, recovery codes): never stored for Idempotency-Key replays. */
    skipIdempotency?: boolean;
  }
}

export type AccountState = Standing & { maxSessions: number };

/** The actor of a route whose access excludes the public: the auth hook has guaranteed it. */
export function actorOf(req: { actor: Actor | null }): Actor {
  if (!req.actor) throw new Error('actorOf called on a public route');
  return req.actor;
}
