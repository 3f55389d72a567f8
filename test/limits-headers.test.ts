import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { freshDatabase } from './helpers/db.js';
import { buildWorld, type World } from './helpers/world.js';
import { anonymous, login, type Client } from './helpers/api.js';
import { buildApp } from '../src/server/http/app.js';
import type { Database } from '../src/server/db/client.js';
import type { App } from '../src/server/http/types.js';
import { attachments, idempotencyKeys } from '../src/server/db/schema.js';
import { configureFileStore } from '../src/server/files/file-store.js';
import { purgeIdempotencyKeys } from '../src/server/http/plugins/idempotency.js';
import { NONCE_PLACEHOLDER } from '../src/server/http/plugins/security-headers.js';

// Limits and headers: security headers on every answer, HTTPS served directly with HSTS and
// Secure cookies, small bodies except on upload routes, uploads streamed to disk under the cap,
// a request log without secrets, Idempotency-Key bound to its body.

let database: Database;
let app: App;
let w: World;
let member: Client;
let logged = '';
const filesDir = mkdtempSync(path.join(os.tmpdir(), 'duban-files-'));
const webRoot = mkdtempSync(path.join(os.tmpdir(), 'duban-web-'));
let proposalId: number;

beforeAll(async () => {
  configureFileStore(filesDir);
  writeFileSync(
    path.join(webRoot, 'index.html'),
    `<!doctype html><html><head><meta property="csp-nonce" nonce="${NONCE_PLACEHOLDER}"><script type="module" nonce="${NONCE_PLACEHOLDER}" src="/a.js"></script></head><body></body></html>`,
  );
  database = await freshDatabase();
  w = await buildWorld(database.db);
  const logStream = new Writable({
    write(chunk, _enc, done) {
      logged += chunk.toString();
      done();
    },
  });
  app = await buildApp({ db: database.db, logStream, webRoot });
  // A query that fails with a phone number among its parameters, as a bug would.
  app.get('/api/v1/test-failing-query', { config: { access: 'public' } }, async () => {
    await app.db.execute(sql`select ${'13812345678'}::int as n, ${'$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA'}::int as h`);
    return { ok: true };
  });
  member = await login(app, w.users.member.username);
  const p = await member.post('/api/v1/proposals', { sessionId: w.sessionId, title: '关于加强农村饮用水安全保障的建议', body: '正文', category: 'agriculture' });
  proposalId = p.body.id;
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const csp = (h: Record<string, unknown>) => String(h['content-security-policy'] ?? '');

describe('security headers', () => {
  it('sends CSP without inline script or eval, frame-ancestors none, referrer policy and nosniff on API and pages', async () => {
    for (const url of ['/api/v1/auth/me', '/api/health', '/proposals/12', '/api/v1/nothing-here']) {
      const res = await app.inject({ method: 'GET', url });
      const policy = csp(res.headers);
      expect(policy, url).toContain("default-src 'self'");
      expect(policy, url).toContain("frame-ancestors 'none'");
      expect(policy, url).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
      const scriptSrc = /script-src ([^;]*)/.exec(policy)![1]!;
      expect(scriptSrc, url).not.toContain('unsafe-inline');
      expect(policy, url).not.toContain('unsafe-eval');
      expect(policy, url).toContain("object-src 'none'");
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['referrer-policy'], url).toBe('same-origin');
      expect(res.headers['strict-transport-security'], url).toBeUndefined();
    }
  });

  it('keeps API answers out of every cache unless the route says otherwise', async () => {
    const me = await member.get('/api/v1/auth/me');
    expect(me.status).toBe(200);
    expect(me.headers['cache-control']).toBe('no-store');
    const denied = await anonymous(app).get('/api/v1/proposals');
    expect(denied.status).toBe(401);
    expect(denied.headers['cache-control']).toBe('no-store');
  });

  it('writes the request’s nonce into index.html, a new one each time, and never serves the raw file', async () => {
    const a = await app.inject({ method: 'GET', url: '/review' });
    const nonce = /'nonce-([^']+)'/.exec(csp(a.headers))![1]!;
    expect(a.body).toContain(`nonce="${nonce}"`);
    expect(a.body).not.toContain(NONCE_PLACEHOLDER);
    const b = await app.inject({ method: 'GET', url: '/' });
    expect(b.statusCode).toBe(200);
    expect(b.body).not.toContain(nonce);
    expect((await app.inject({ method: 'GET', url: '/index.html' })).body).not.toContain(NONCE_PLACEHOLDER);
  });

  it('serves HTTPS itself with TLS_CERT/TLS_KEY: HSTS and a Secure session cookie', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'duban-tls-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=localhost'], { stdio: 'ignore' });
    const tls = { cert: readFileSync(path.join(dir, 'cert.pem')), key: readFileSync(path.join(dir, 'key.pem')) };
    const secure = await buildApp({ db: database.db, tls });
    await secure.listen({ port: 0, host: '127.0.0.1' });
    try {
      const port = (secure.server.address() as { port: number }).port;
      const res = await new Promise<{ status: number; headers: Record<string, unknown> }>((resolve, reject) => {
        const body = JSON.stringify({ username: w.users.staff.username, password: 'Test@pass2026' });
        const req = https.request({ host: '127.0.0.1', port, path: '/api/v1/auth/login', method: 'POST', rejectUnauthorized: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (r) => {
          r.resume();
          r.on('end', () => resolve({ status: r.statusCode!, headers: r.headers }));
        });
        req.on('error', reject);
        req.end(body);
      });
      expect(res.status).toBe(200);
      expect(String(res.headers['strict-transport-security'])).toContain('max-age=31536000');
      expect(String(res.headers['set-cookie'])).toMatch(/duban_sid=.*Secure/);
      expect(csp(res.headers)).toContain('upgrade-insecure-requests');
    } finally {
      await secure.close();
    }
  });
});

describe('rate limits on downloads', () => {
  it('limits every generated file a signed-in user can download (exports, documents, job files)', async () => {
    await app.ready();
    const files = app.apiRoutes.filter((r) => r.method === 'GET' && r.access !== 'public' && /(\.(xlsx|docx|csv|pdf|zip)|\/file)$/.test(r.url));
    expect(files.length).toBeGreaterThan(8);
    expect(files.filter((r) => !r.rateLimited).map((r) => r.url)).toEqual([]);
  });
});

describe('body limits', () => {
  it('refuses a 2 MB sign-in and a 2 MB proposal with 413, in Chinese', async () => {
    const big = 'x'.repeat(2 * 1024 * 1024);
    const login413 = await anonymous(app).post('/api/v1/auth/login', { username: 'a', password: big });
    expect(login413.status).toBe(413);
    expect(login413.body.message).toBe('上传内容过大');
    const small = await anonymous(app).post('/api/v1/auth/login', { username: 'a', password: 'x'.repeat(20 * 1024) });
    expect(small.status).toBe(413);
    expect((await member.post('/api/v1/proposals', { sessionId: w.sessionId, title: '关于某事的建议', body: big, category: 'other' })).status).toBe(413);
  });
});

/** A multipart body of `size` bytes of text, produced in chunks rather than held whole. */
function multipart(fileName: string, size: number, fields: Record<string, string> = {}) {
  const boundary = `----duban${Date.now()}`;
  const head = Object.entries(fields)
    .map(([k, v]) => `--${boundary}\r\ncontent-disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
    .join('');
  const fileHead = `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${fileName}"\r\ncontent-type: text/plain\r\n\r\n`;
  const tail = `\r\n--${boundary}--\r\n`;
  async function* body() {
    yield Buffer.from(head + fileHead);
    const chunk = Buffer.alloc(256 * 1024, 0x41);
    for (let left = size; left > 0; left -= chunk.length) yield left >= chunk.length ? chunk : chunk.subarray(0, left);
    yield Buffer.from(tail);
  }
  return { contentType: `multipart/form-data; boundary=${boundary}`, body, length: Buffer.byteLength(head + fileHead + tail) + size };
}

describe('uploads streamed to disk', () => {
  const url = () => `/api/v1/proposals/${proposalId}/attachments/upload`;
  // One sign-in for all the upload tests: an account keeps at most three live sessions, and a
  // sign-in per test would end the member's session the later tests use.
  let signedIn: { cookie: string; 'x-csrf-token': string } | null = null;
  const csrfOf = async () => {
    if (signedIn) return signedIn;
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: w.users.member.username, password: 'Test@pass2026' } });
    signedIn = { cookie: `duban_sid=${res.cookies.find((c) => c.name === 'duban_sid')!.value}`, 'x-csrf-token': res.json().csrfToken as string };
    return signedIn;
  };

  it('stores a 19.5 MB file on disk with its SM3 digest, and serves it back', async () => {
    const headers = await csrfOf();
    const size = Math.floor(19.5 * 1024 * 1024);
    const m = multipart('调研数据.txt', size, { purpose: 'proposal' });
    const { Readable } = await import('node:stream');
    const res = await app.inject({ method: 'POST', url: url(), headers: { ...headers, 'content-type': m.contentType }, payload: Readable.from(m.body()) });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ fileName: '调研数据.txt', size });
    const [row] = await database.db.select().from(attachments).where(eq(attachments.id, res.json().id));
    expect(row!.content).toBeNull();
    expect(row!.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(existsSync(path.join(filesDir, row!.storagePath!))).toBe(true);
    const dl = await app.inject({ method: 'GET', url: `/api/v1/proposals/${proposalId}/attachments/${row!.id}`, headers });
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.length).toBe(size);
  });

  it('stops at 20 MB while streaming, keeps nothing, and says so next to the field', async () => {
    const headers = await csrfOf();
    const before = readdirSync(filesDir, { recursive: true }).length;
    const m = multipart('太大.txt', 20 * 1024 * 1024 + 1, { purpose: 'proposal' });
    const { Readable } = await import('node:stream');
    const res = await app.inject({ method: 'POST', url: url(), headers: { ...headers, 'content-type': m.contentType }, payload: Readable.from(m.body()) });
    expect(res.statusCode).toBe(400);
    expect(res.json().details).toEqual([{ path: 'body.file', message: '附件不能超过20MB' }]);
    expect(readdirSync(filesDir, { recursive: true }).length).toBe(before);
  });

  it('refuses an upload by someone who may not attach, before writing anything', async () => {
    const other = await login(app, w.users.member3.username);
    const before = readdirSync(filesDir, { recursive: true }).length;
    const form = new FormData();
    form.append('purpose', 'proposal');
    form.append('file', new Blob(['hello']), 'a.txt');
    const req = new Request('http://x/', { method: 'POST', body: form });
    const res = await other.post(url(), Buffer.from(await req.arrayBuffer()), { 'content-type': req.headers.get('content-type')! });
    expect([403, 404]).toContain(res.status);
    expect(readdirSync(filesDir, { recursive: true }).length).toBe(before);
  });

  it('keeps memory flat for five parallel 19.5 MB uploads', { timeout: 120_000 }, async () => {
    const headers = await csrfOf();
    const size = Math.floor(19.5 * 1024 * 1024);
    const { Readable } = await import('node:stream');
    globalThis.gc?.();
    const start = process.memoryUsage().rss;
    let peak = start;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) => {
        const m = multipart(`第${i}份.txt`, size, { purpose: 'proposal' });
        return app.inject({ method: 'POST', url: url(), headers: { ...headers, 'content-type': m.contentType }, payload: Readable.from(m.body()) });
      }),
    );
    clearInterval(timer);
    expect(results.map((r) => r.statusCode)).toEqual([201, 201, 201, 201, 201]);
    const addedMb = (peak - start) / 1024 / 1024;
    console.log(`five parallel 19.5 MB uploads: peak RSS +${addedMb.toFixed(1)} MB`);
    expect(addedMb).toBeLessThan(100);
  });
});

describe('the request log', () => {
  it('never holds passwords, hashes, tokens or phone numbers, even for a failed query', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/test-failing-query?q=13812345678' });
    expect(res.statusCode).toBe(500);
    await anonymous(app).post('/api/v1/auth/login', { username: w.users.staff.username, password: 'Wrong@pass2026' });
    const staff = await login(app, w.users.staff.username);
    await staff.get(`/api/v1/members?q=${encodeURIComponent('13812345678')}`);
    expect(logged).toContain('unhandled error');
    expect(logged).toContain('test-failing-query');
    for (const secret of ['13812345678', 'Wrong@pass2026', 'Test@pass2026', '$argon2', 'duban_sid=']) expect(logged, secret).not.toContain(secret);
  });
});

describe('Idempotency-Key', () => {
  it('answers a repeat with the same body from the first, and a different body with 422', async () => {
    const headers = { 'idempotency-key': 'same-key-different-body' };
    const body = { sessionId: w.sessionId, title: '关于推进老旧小区加装电梯的建议', body: '正文', category: 'urban' };
    const a = await member.post('/api/v1/proposals', body, headers);
    expect(a.status).toBe(201);
    const again = await member.post('/api/v1/proposals', body, headers);
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replay']).toBe('true');
    expect(again.body.id).toBe(a.body.id);
    const changed = await member.post('/api/v1/proposals', { ...body, title: '关于推进老旧小区全面加装电梯的建议' }, headers);
    expect(changed.status).toBe(422);
    expect(changed.body.code).toBe('IDEMPOTENCY_MISMATCH');
  });

  it('forgets keys after 24 hours', async () => {
    const headers = { 'idempotency-key': 'old-key-for-purge' };
    const body = { sessionId: w.sessionId, title: '关于完善社区养老服务设施的建议', body: '正文', category: 'social' };
    expect((await member.post('/api/v1/proposals', body, headers)).status).toBe(201);
    expect(await purgeIdempotencyKeys(database.db, new Date(Date.now() + 23 * 3_600_000))).toBe(0);
    expect(await purgeIdempotencyKeys(database.db, new Date(Date.now() + 25 * 3_600_000))).toBeGreaterThan(0);
    expect(await database.db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, 'old-key-for-purge'))).toHaveLength(0);
    const fresh = await member.post('/api/v1/proposals', body, headers);
    expect(fresh.status).toBe(201);
    expect(fresh.headers['idempotent-replay']).toBeUndefined();
  });
});

mkdirSync(filesDir, { recursive: true });
