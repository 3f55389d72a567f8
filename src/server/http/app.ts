import { existsSync } from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../db/client.js';
import { installErrorHandler } from './plugins/errors.js';
import { installAuth } from './plugins/auth.js';
import { installIdempotency } from './plugins/idempotency.js';
import { installInputGuard } from './plugins/input-guard.js';
import { installSecurityHeaders } from './plugins/security-headers.js';
import { installLimits } from './plugins/limits.js';
import { installSecurityAudit } from './plugins/security-audit.js';
import { loggerOptions } from './plugins/log-redaction.js';
import { registerRoutes } from './routes/index.js';
import { installOperations, requestIdOf, type OperationsOptions } from './plugins/operations.js';
import { serveWebApp } from './plugins/web-app.js';
import type { App } from './types.js';
import { DEFAULT_SIGN_IN_LIMITS, type Mode, type SignInLimits } from '../auth/policy.js';
import { sqlState, withTransactionRetry } from '../db/pg-errors.js';
import { withDeferredAudit } from '../domain/audit.js';

// Validation messages in Chinese unless a schema gives its own.
z.config(z.locales.zhCN());

/** Requests larger than this are refused (413) unless the route allows more (uploads, imports). */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

export interface AppOptions {
  db: Db;
  now?: () => Date;
  logger?: boolean;
  /** Where the request log goes instead of stdout (tests read it). */
  logStream?: NodeJS.WritableStream;
  /** Set behind HTTPS so that the session cookie is marked Secure. */
  secureCookies?: boolean;
  /** Send Strict-Transport-Security: the site is served over HTTPS (by this server or the proxy). */
  hsts?: boolean;
  /** Serve HTTPS directly with this certificate and key (PEM). */
  tls?: { cert: Buffer; key: Buffer } | null;
  /**
   * Proxies whose X-Forwarded-For is believed (addresses or CIDR ranges; TRUST_PROXY). Without it
   * the client address is the connection's, so that nobody can write their own address into the
   * sign-in counters or the audit log.
   */
  trustProxy?: string[] | false;
  /** The built web app (dist/web); served with a fallback to index.html for its client-side routes. */
  webRoot?: string;
  /**
   * `production` holds administrators to a second factor and password expiry; `demo` (the default
   * here, and what `npm start` runs without NODE_ENV=production) does not, and the web app shows a
   * 「演示环境」 banner. main.ts always passes the mode of its configuration.
   */
  mode?: Mode;
  /** Sign-in counters (auth/policy.ts); tests lower or raise them. */
  signInLimits?: Partial<SignInLimits>;
  /** Metrics, database availability, the job queue, the read replica (src/server/runtime). */
  ops?: OperationsOptions;
}

export async function buildApp(opts: AppOptions): Promise<App> {
  // Typed as the plain HTTP server: with `https` set Fastify's overloads pick HTTP/2 types.
  const app = (Fastify as unknown as (o: object) => FastifyInstance)({
    logger: opts.logger || opts.logStream ? loggerOptions(opts.logStream) : false,
    bodyLimit: DEFAULT_BODY_LIMIT,
    // Only listed proxies may name the client's address: otherwise any client could write the
    // address of its choice into the audit log.
    trustProxy: opts.trustProxy && opts.trustProxy.length ? opts.trustProxy : false,
    genReqId: requestIdOf,
    // The shutdown answers new requests itself, in the API's error shape (plugins/operations.ts).
    return503OnClosing: false,
    ...(opts.tls ? { https: { cert: opts.tls.cert, key: opts.tls.key, minVersion: 'TLSv1.2' as const } } : {}),
  }).withTypeProvider<ZodTypeProvider>();
  installInputGuard(app);
  app.setSerializerCompiler(serializerCompiler);
  // A write that loses a race (serialization failure, deadlock) runs again instead of answering 500;
  // each transaction appends its audit rows as its last statement (domain/audit.ts).
  app.decorate('db', withTransactionRetry(withDeferredAudit(opts.db), { onRetry: (err, attempt) => app.log.warn({ sqlState: sqlState(err), attempt }, 'transaction retried') }));
  app.decorate('now', opts.now ?? (() => new Date()));
  app.decorate('secureCookies', opts.secureCookies ?? Boolean(opts.tls));
  app.decorate('mode', opts.mode ?? 'demo');
  app.decorate('signInLimits', { ...DEFAULT_SIGN_IN_LIMITS, ...opts.signInLimits });

  // The server's time on every answer: the web app takes "today" from it (src/web/lib/clock.ts).
  app.addHook('onSend', async (req, reply) => {
    if (!req.url.startsWith('/api/')) return;
    reply.header('x-duban-now', app.now().toISOString());
    // Answers hold personal data: no browser or proxy keeps a copy unless a route says otherwise.
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });
  // Without a replica the read database is the database itself: the same (retrying) object.
  const ops = opts.ops ?? {};
  installOperations(app, ops.readDb === opts.db ? { ...ops, readDb: app.db } : ops);
  const webRoot = opts.webRoot && existsSync(path.join(opts.webRoot, 'index.html')) ? opts.webRoot : undefined;
  installErrorHandler(app, webRoot);
  await installSecurityHeaders(app, { hsts: opts.hsts ?? Boolean(opts.tls) });
  await app.register(cookie);
  // Parsed only by the upload routes, as a stream (http/upload.ts); nothing is buffered.
  await app.register(multipart, { limits: { files: 1, fields: 10, fieldSize: 1024, parts: 12 } });
  await app.register(swagger, {
    openapi: {
      info: { title: '督办 Duban API', description: '提案、建议与重点工作督办平台接口', version: '1.0.0' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'duban_sid' },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  installAuth(app);
  installIdempotency(app);
  await installLimits(app);
  installSecurityAudit(app);
  await app.register(registerRoutes);
  if (webRoot) {
    await serveWebApp(app, webRoot);
  }
  return app;
}

declare module 'fastify' {
  interface FastifyInstance {
    secureCookies: boolean;
    mode: Mode;
    signInLimits: SignInLimits;
  }
}
