import { randomBytes } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import helmet from '@fastify/helmet';

// Headers on every response (@fastify/helmet): a Content-Security-Policy whose scripts come only
// from the site or carry the per-request nonce (no inline script, no eval), frame-ancestors 'none',
// Referrer-Policy, nosniff, and HSTS when the site is served over HTTPS. The nonce is written into
// index.html per request (vite.config.ts puts a placeholder there) and handed to Ant Design
// (src/web/main.tsx, ConfigProvider csp), whose runtime <style> elements carry it.

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
        // Styles: Ant Design's own <style> elements carry the nonce, but rc-util (its scrollbar
        // measurement, used by tables and modals) inserts <style> without one, and a nonce in the list
        // would disable 'unsafe-inline'. Inline styles cannot run code; scripts stay nonce-only.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        // The attachment preview (预览) shows a PDF in an <iframe> of this site's own file route;
        // plugins (<object>/<embed>) stay off.
        frameSrc: ["'self'"],
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
