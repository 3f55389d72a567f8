import { randomBytes } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import helmet from '@fastify/helmet';

// Headers on every response (@fastify/helmet): a Content-Security-Policy with no inline script
// and no 'unsafe-inline' at all, frame-ancestors 'none', Referrer-Policy, nosniff, and HSTS when
// the site is served over HTTPS. Ant Design writes its styles into <style> elements at run time;
// they carry a per-request nonce, which the server writes into index.html (vite.config.ts puts a
// placeholder there) and the app hands to Ant Design (src/web/main.tsx, ConfigProvider csp).

/** The placeholder vite.config.ts (html.cspNonce) writes into the built index.html. */
export const NONCE_PLACEHOLDER = '__DUBAN_CSP_NONCE__';

declare module 'http' {
  interface IncomingMessage {
    cspNonce?: string;
  }
}

const nonceOf = (req: IncomingMessage) => `'nonce-${req.cspNonce ?? 'none'}'`;

export async function installSecurityHeaders(app: FastifyInstance, opts: { hsts: boolean }) {
  app.addHook('onRequest', async (req) => {
    req.raw.cspNonce = randomBytes(16).toString('base64');
  });
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", nonceOf],
        styleSrc: ["'self'", nonceOf],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        ...(opts.hsts ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    hsts: opts.hsts ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'same-origin' },
    // The app loads nothing from other origins; these would only get in the way of downloads.
    crossOriginEmbedderPolicy: false,
  });
}

const cache = new Map<string, { mtimeMs: number; html: string }>();

/** The web app's index.html with this request's nonce in place of the placeholder. */
export async function sendIndexHtml(req: FastifyRequest, reply: FastifyReply, webRoot: string) {
  const file = path.join(webRoot, 'index.html');
  const { mtimeMs } = await stat(file);
  let entry = cache.get(file);
  if (!entry || entry.mtimeMs !== mtimeMs) {
    entry = { mtimeMs, html: await readFile(file, 'utf8') };
    cache.set(file, entry);
  }
  return reply
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(entry.html.replaceAll(NONCE_PLACEHOLDER, req.raw.cspNonce ?? ''));
}
