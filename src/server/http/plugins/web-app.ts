import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { sendIndexHtml } from './security-headers.js';

/** Vite puts only files named by their content hash in assets/: such a file never changes under its name. */
const HASHED = /\/assets\/[^/]+-[A-Za-z0-9_-]{8,}(\.[a-z0-9]+)+$/;

/**
 * Serves the built web app. Hashed assets are cached for a year (`immutable`); everything else,
 * index.html above all, is revalidated on every load so that a new release is picked up at once.
 * `npm run build` writes .br and .gz beside each file (scripts/precompress.ts), which are sent to
 * browsers that accept them instead of compressing on every request. index.html itself is never
 * served as a file: it carries each request's CSP nonce (security-headers.ts `sendIndexHtml`).
 */
export async function serveWebApp(app: FastifyInstance, webRoot: string) {
  app.get('/', (req, reply) => sendIndexHtml(req, reply, webRoot));
  // wildcard: true looks files up per request, so a rebuilt bundle is served without a restart;
  // a miss falls through to the not-found handler, which answers the app's own routes with
  // index.html and this request's nonce.
  await app.register(fastifyStatic, {
    root: path.resolve(webRoot),
    wildcard: true,
    index: false,
    allowedPath: (pathName) => !/^\/index\.html(\.(br|gz))?$/.test(pathName),
    preCompressed: true,
    cacheControl: false,
    setHeaders(reply, file) {
      reply.header('cache-control', HASHED.test(file.split(path.sep).join('/')) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
}
