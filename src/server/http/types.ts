import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Access } from '../../shared/roles.js';
import type { Db } from '../db/client.js';
import type { Actor } from '../domain/actor.js';

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
  }
  interface FastifyContextConfig {
    /** Who may call the route. Every /api route must say; a route that does not fails at start. */
    access?: Access;
    /** The route stays reachable while a forced password change is pending. */
    allowPendingPasswordChange?: boolean;
    /** Only for sign-in, which has no session to carry a token yet. */
    skipCsrf?: boolean;
  }
}

/** The actor of a route whose access excludes the public: the auth hook has guaranteed it. */
export function actorOf(req: { actor: Actor | null }): Actor {
  if (!req.actor) throw new Error('actorOf called on a public route');
  return req.actor;
}
