import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from './helpers/db.js';
import { buildWorld, TEST_PASSWORD, type World } from './helpers/world.js';
import { anonymous, login } from './helpers/api.js';
import { tempDir } from './helpers/server-process.js';
import { startTestQueue } from './helpers/queue.js';
import { buildApp } from '../src/server/http/app.js';
import { Metrics } from '../src/server/metrics.js';
import type { Database } from '../src/server/db/client.js';
import type { App } from '../src/server/http/types.js';
import type { Queue } from '../src/server/jobs/queue.js';

// Health, readiness, metrics, request ids and the static files' caching, through the HTTP layer.

let database: Database;
let app: App;
let w: World;
let queue: Queue;
let webRoot: string;
const ASSET = 'assets/index-AbCd1234.js';

beforeAll(async () => {
  database = await freshDatabase();
  w = await buildWorld(database.db);
  queue = await startTestQueue(database);
  webRoot = tempDir();
  mkdirSync(path.join(webRoot, 'assets'));
  const js = Buffer.from(`console.log(${JSON.stringify('督办'.repeat(2000))});`);
  writeFileSync(path.join(webRoot, ASSET), js);
  writeFileSync(path.join(webRoot, `${ASSET}.br`), brotliCompressSync(js));
  writeFileSync(path.join(webRoot, `${ASSET}.gz`), gzipSync(js));
  writeFileSync(path.join(webRoot, 'index.html'), `<!doctype html><script type="module" src="/${ASSET}"></script>`);
  app = await buildApp({ db: database.db, webRoot, ops: { queue, metrics: new Metrics({ queueDepth: () => queue.depth() }, { defaultMetrics: false }), metricsToken: 'secret-token' } });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  await queue.stop();
  await database.close();
});

describe('health and readiness', () => {
  it('/api/health says the process is alive, without asking the database', async () => {
    const r = await anonymous(app).get('/api/health');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ status: 'ok' });
  });

  it('/api/ready checks the database, the migrations and the queue', async () => {
    const r = await anonymous(app).get('/api/ready');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ status: 'ready', checks: { database: 'ok', migrations: 'ok', queue: 'ok' } });
  });

  it('/api/ready answers 503 with Retry-After when the queue is down', async () => {
    const other = await startTestQueue(database);
    const a = await buildApp({ db: database.db, ops: { queue: other } });
    await other.stop();
    const r = await anonymous(a).get('/api/ready');
    expect(r.status).toBe(503);
    expect(r.headers['retry-after']).toBe('5');
    expect(r.body.checks.queue).toBe('failed');
    await a.close();
  });
});

describe('request ids', () => {
  it('sends an x-request-id on every answer and carries it in error bodies', async () => {
    const r = await anonymous(app).get('/api/v1/proposals');
    expect(r.status).toBe(401);
    expect(r.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.body.requestId).toBe(r.headers['x-request-id']);
    expect(r.body.code).toBe('UNAUTHENTICATED');
  });

  it('keeps a proxy’s request id when it looks like one, and replaces one that does not', async () => {
    const given = await app.inject({ method: 'GET', url: '/api/v1/nothing-here', headers: { 'x-request-id': 'lb-4711.abc' } });
    expect(given.headers['x-request-id']).toBe('lb-4711.abc');
    expect(given.json().requestId).toBe('lb-4711.abc');
    const bad = await app.inject({ method: 'GET', url: '/api/health', headers: { 'x-request-id': 'a b\u0000c' } });
    expect(bad.headers['x-request-id']).not.toBe('a b\u0000c');
  });
});

describe('/metrics', () => {
  it('refuses a caller without the token', async () => {
    const r = await app.inject({ method: 'GET', url: '/metrics' });
    expect(r.statusCode).toBe(403);
    expect(r.json().code).toBe('FORBIDDEN');
    expect((await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer wrong' } })).statusCode).toBe(403);
  });

  it('answers in the Prometheus format: request durations per route, status counts, sign-in failures, queue depth', async () => {
    await login(app, w.users.staff.username, TEST_PASSWORD);
    await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: w.users.staff.username, password: 'wrong-password' } });
    await queue.send('heavy', { id: 987654 });
    const r = await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer secret-token' } });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('text/plain');
    const text = r.body;
    expect(text).toMatch(/duban_http_request_duration_seconds_bucket\{le="0.1",method="POST",route="\/api\/v1\/auth\/login",status_code="200"\} \d+/);
    expect(text).toMatch(/duban_http_requests_total\{method="POST",route="\/api\/v1\/auth\/login",status_code="401"\} 1/);
    expect(text).toMatch(/duban_signin_failures_total\{reason="bad_credentials"\} 1/);
    expect(text).toMatch(/duban_queue_jobs\{queue="heavy",state="created"\} [1-9]/);
    expect(text).toContain('duban_job_failures_total');
    expect(text).toContain('duban_database_up 1');
  });

  it('without a token, answers only on loopback', async () => {
    const a = await buildApp({ db: database.db });
    const local = await a.inject({ method: 'GET', url: '/metrics', remoteAddress: '127.0.0.1' });
    expect(local.statusCode).toBe(200);
    // A forwarded header does not make a remote caller local.
    const remote = await a.inject({ method: 'GET', url: '/metrics', remoteAddress: '10.1.2.3', headers: { 'x-forwarded-for': '127.0.0.1' } });
    expect(remote.statusCode).toBe(403);
    await a.close();
  });
});

describe('static files', () => {
  it('serves hashed assets precompressed and cached for a year', async () => {
    const br = await app.inject({ method: 'GET', url: `/${ASSET}`, headers: { 'accept-encoding': 'br, gzip' } });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.rawPayload.length).toBeLessThan(2000);
    const gz = await app.inject({ method: 'GET', url: `/${ASSET}`, headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
  });

  it('does not cache index.html, neither at / nor for the app’s own routes', async () => {
    for (const url of ['/', '/proposals/12']) {
      const r = await app.inject({ method: 'GET', url });
      expect(r.statusCode).toBe(200);
      // Each copy carries its own CSP nonce, so no copy is kept at all (stricter than no-cache).
      expect(r.headers['cache-control']).toBe('no-store');
      expect(r.body).toContain('<script');
    }
  });
});
