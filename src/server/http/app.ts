import { existsSync } from 'node:fs';
import path from 'node:path';
import Fastify from 'fastify';
import fastifyStatic from '@fastify/static';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Db } from '../db/client.js';
import { installErrorHandler } from './plugins/errors.js';
import { installAuth } from './plugins/auth.js';
import { installIdempotency } from './plugins/idempotency.js';
import { installInputGuard } from './plugins/input-guard.js';
import { registerRoutes } from './routes/index.js';
import type { App } from './types.js';

// Validation messages in Chinese unless a schema gives its own.
z.config(z.locales.zhCN());

export interface AppOptions {
  db: Db;
  now?: () => Date;
  logger?: boolean;
  /** Set behind HTTPS so that the session cookie is marked Secure. */
  secureCookies?: boolean;
  /** The built web app (dist/web); served with a fallback to index.html for its client-side routes. */
  webRoot?: string;
}

export async function buildApp(opts: AppOptions): Promise<App> {
  const app = Fastify({
    logger: opts.logger ? { level: 'info' } : false,
    bodyLimit: 30 * 1024 * 1024,
    trustProxy: true,
  }).withTypeProvider<ZodTypeProvider>();
  installInputGuard(app);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('db', opts.db);
  app.decorate('now', opts.now ?? (() => new Date()));
  app.decorate('secureCookies', opts.secureCookies ?? false);

  // The server's time on every answer: the web app takes "today" from it (src/web/lib/clock.ts).
  app.addHook('onSend', async (req, reply) => {
    if (req.url.startsWith('/api/')) reply.header('x-duban-now', app.now().toISOString());
  });
  installErrorHandler(app, opts.webRoot && existsSync(path.join(opts.webRoot, 'index.html')) ? opts.webRoot : undefined);
  await app.register(cookie);
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
  await app.register(registerRoutes);
  if (opts.webRoot && existsSync(path.join(opts.webRoot, 'index.html'))) {
    // wildcard: true looks files up per request, so a rebuilt bundle is served without a restart;
    // a miss falls through to the not-found handler, which answers the app's own routes.
    await app.register(fastifyStatic, { root: path.resolve(opts.webRoot), wildcard: true, index: ['index.html'] });
  }
  return app;
}

declare module 'fastify' {
  interface FastifyInstance {
    secureCookies: boolean;
  }
}
