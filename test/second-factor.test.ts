import { decryptField, isEncrypted } from '../src/server/crypto/field-crypto.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { Secret, TOTP } from 'otpauth';
import { freshDatabase } from './helpers/db.js';
import { buildWorld, TEST_PASSWORD, type World } from './helpers/world.js';
import { login, type Client } from './helpers/api.js';
import { buildApp } from '../src/server/http/app.js';
import type { Database } from '../src/server/db/client.js';
import type { App } from '../src/server/http/types.js';
import { idempotencyKeys, recoveryCodes, users } from '../src/server/db/schema.js';
import { matchTotp, totpCode } from '../src/server/auth/totp.js';

// The second factor: TOTP (RFC 6238) enrolled with a QR code, recovery codes shown once and stored
// hashed, sign-in in two steps, administrators held to it in production, other roles by the
// tenant's setting, and a reset by the 安全管理员 only. The server runs in production mode on a
// clock the tests move.

let database: Database;
let app: App;
let demo: App;
let w: World;
let clock = new Date('2025-05-06T02:00:00Z');
const advance = (seconds: number) => {
  clock = new Date(clock.getTime() + seconds * 1000);
};

beforeAll(async () => {
  database = await freshDatabase();
  w = await buildWorld(database.db);
  app = await buildApp({ db: database.db, now: () => clock, mode: 'production' });
  demo = await buildApp({ db: database.db, now: () => clock, mode: 'demo' });
});
afterAll(async () => {
  await app.close();
  await demo.close();
  await database.close();
});

/** A client that follows the cookie and CSRF token through both steps of sign-in. */
async function startLogin(username: string, password = TEST_PASSWORD, on: App = app) {
  const res = await on.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  const cookie = `duban_sid=${res.cookies.find((c) => c.name === 'duban_sid')?.value}`;
  return { res, body: res.json(), cookie, csrf: res.json().csrfToken as string };
}
async function secondStep(p: { cookie: string; csrf: string }, body: object, on: App = app) {
  const res = await on.inject({ method: 'POST', url: '/api/v1/auth/login/second-factor', payload: body, headers: { cookie: p.cookie, 'x-csrf-token': p.csrf } });
  const sid = res.cookies.find((c) => c.name === 'duban_sid')?.value;
  return { res, body: res.json(), client: sid ? clientOf(on, `duban_sid=${sid}`, res.json().csrfToken) : null };
}
function clientOf(on: App, cookie: string, csrf: string): Client {
  const call = async (method: string, url: string, payload?: unknown) => {
    const r = await on.inject({ method: method as 'GET', url, headers: { cookie, 'x-csrf-token': csrf }, ...(payload === undefined ? {} : { payload: payload as object }) });
    let body: unknown = r.body;
    try {
      body = r.json();
    } catch {
      /* not JSON */
    }
    return { status: r.statusCode, body: body as any, headers: r.headers };
  };
  return {
    get: (u) => call('GET', u),
    post: (u, b) => call('POST', u, b ?? {}),
    patch: (u, b) => call('PATCH', u, b ?? {}),
    put: (u, b) => call('PUT', u, b ?? {}),
    delete: (u) => call('DELETE', u),
  };
}

/** Enrols the signed-in client's account; answers its secret and recovery codes. */
async function enrol(c: Client) {
  const setup = await c.post('/api/v1/auth/second-factor/setup');
  expect(setup.status).toBe(200);
  const enabled = await c.post('/api/v1/auth/second-factor/enable', { code: totpCode(setup.body.secret, clock) });
  expect(enabled.status).toBe(200);
  return { secret: setup.body.secret as string, recoveryCodes: enabled.body.recoveryCodes as string[] };
}

describe('TOTP arithmetic', () => {
  it('gives the RFC 6238 appendix B codes (SHA-1, 8 digits)', () => {
    const secret = Secret.fromUTF8('12345678901234567890');
    const vectors: [number, string][] = [
      [59, '94287082'],
      [1111111109, '07081804'],
      [1111111111, '14050471'],
      [1234567890, '89005924'],
      [2000000000, '69279037'],
      [20000000000, '65353130'],
    ];
    for (const [t, code] of vectors) expect(TOTP.generate({ secret, digits: 8, algorithm: 'SHA1', period: 30, timestamp: t * 1000 })).toBe(code);
  });

  it('accepts a code one step either side of now and nothing further', () => {
    const secret = new Secret({ size: 20 }).base32;
    const now = new Date('2025-05-06T02:00:00Z');
    const at = (s: number) => new Date(now.getTime() + s * 1000);
    expect(matchTotp(secret, totpCode(secret, at(-30)), now)).not.toBeNull();
    expect(matchTotp(secret, totpCode(secret, at(30)), now)).not.toBeNull();
    expect(matchTotp(secret, totpCode(secret, at(-90)), now)).toBeNull();
    expect(matchTotp(secret, 'abcdef', now)).toBeNull();
  });
});

describe('administrators in production', () => {
  let secret: string;
  let codes: string[];

  it('holds an administrator without a second factor to enrolment before anything else', async () => {
    const c = await login(app, w.users.sysadmin.username);
    const blocked = await c.get('/api/v1/units');
    expect(blocked.status).toBe(403);
    expect(blocked.body.code).toBe('SECOND_FACTOR_ENROLMENT_REQUIRED');
    const me = await c.get('/api/v1/auth/me');
    expect(me.body).toMatchObject({ secondFactorRequired: true, secondFactorEnrolled: false });

    const setup = await c.post('/api/v1/auth/second-factor/setup', {}, { 'idempotency-key': 'setup-2fa-key-1' });
    expect(setup.body.uri).toMatch(/^otpauth:\/\/totp\/.*secret=/);
    expect(setup.body.qrDataUrl).toMatch(/^data:image\/png;base64,/);
    const wrong = await c.post('/api/v1/auth/second-factor/enable', { code: '000000' });
    expect(wrong.status).toBe(400);
    expect(wrong.body.details[0]).toMatchObject({ path: 'body.code' });
    // With an Idempotency-Key, as the web app sends one: the codes must not be kept for a replay.
    const ok = await c.post('/api/v1/auth/second-factor/enable', { code: totpCode(setup.body.secret, clock) }, { 'idempotency-key': 'enable-2fa-key-1' });
    expect(ok.status).toBe(200);
    expect(ok.body.recoveryCodes).toHaveLength(10);
    const kept = await database.db.select().from(idempotencyKeys);
    expect(JSON.stringify(kept)).not.toContain(ok.body.recoveryCodes[0]);
    expect(JSON.stringify(kept)).not.toContain(setup.body.secret);
    secret = setup.body.secret;
    codes = ok.body.recoveryCodes;
    expect((await c.get('/api/v1/units')).status).toBe(200);
    // Stored hashed: none of the codes is in the table.
    const stored = await database.db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, w.users.sysadmin.id));
    expect(stored).toHaveLength(10);
    for (const code of codes) expect(JSON.stringify(stored)).not.toContain(code);
    // Salted (ASVS 2.6.2): each row has its own salt, and no row is the plain SHA-256 of a code.
    expect(new Set(stored.map((r) => r.salt)).size).toBe(10);
    const plain = codes.map((c) => createHash('sha256').update(c.replace(/-/g, '')).digest('hex'));
    for (const r of stored) expect(plain).not.toContain(r.codeHash);
    // Enrolling twice is refused: a stolen session cannot swap the phone.
    expect((await c.post('/api/v1/auth/second-factor/setup')).status).toBe(409);
  });

  it('signs in in two steps: the password opens nothing until the code is given', async () => {
    advance(60);
    const first = await startLogin(w.users.sysadmin.username);
    expect(first.body).toEqual({ status: 'second_factor', methods: ['totp', 'recovery'], csrfToken: expect.any(String) });
    const half = clientOf(app, first.cookie, first.csrf);
    expect((await half.get('/api/v1/auth/me')).status).toBe(401);
    expect((await half.get('/api/v1/units')).status).toBe(401);

    const bad = await secondStep(first, { method: 'totp', code: '123456' });
    expect(bad.res.statusCode).toBe(401);
    expect(bad.body.message).toContain('验证码不正确');
    const good = await secondStep(first, { method: 'totp', code: totpCode(secret, clock) });
    expect(good.res.statusCode).toBe(200);
    expect(good.body).toMatchObject({ status: 'signed_in', username: w.users.sysadmin.username, secondFactorEnrolled: true });
    expect((await good.client!.get('/api/v1/units')).status).toBe(200);
    // The cookie of the first step is worth nothing now.
    expect((await half.get('/api/v1/auth/me')).status).toBe(401);
  });

  it('accepts a code once only', async () => {
    const again = await startLogin(w.users.sysadmin.username);
    const replay = await secondStep(again, { method: 'totp', code: totpCode(secret, clock) });
    expect(replay.res.statusCode).toBe(401);
    advance(30);
    expect((await secondStep(again, { method: 'totp', code: totpCode(secret, clock) })).res.statusCode).toBe(200);
  });

  it('takes each recovery code once', async () => {
    advance(60);
    const a = await startLogin(w.users.sysadmin.username);
    const used = await secondStep(a, { method: 'recovery', code: codes[0]!.toLowerCase() });
    expect(used.res.statusCode).toBe(200);
    const b = await startLogin(w.users.sysadmin.username);
    expect((await secondStep(b, { method: 'recovery', code: codes[0]! })).res.statusCode).toBe(401);
    const status = await used.client!.get('/api/v1/auth/second-factor');
    expect(status.body).toMatchObject({ enrolled: true, required: true, recoveryCodesLeft: 9 });
  });

  it('ends the pending sign-in after five wrong codes and blocks the second factor for 30 minutes', async () => {
    advance(31 * 60); // the wrong codes above are forgotten
    const p = await startLogin(w.users.sysadmin.username);
    for (let i = 0; i < 4; i++) expect((await secondStep(p, { method: 'totp', code: '000000' })).res.statusCode).toBe(401);
    const fifth = await secondStep(p, { method: 'totp', code: '000000' });
    expect(fifth.res.statusCode).toBe(423);
    expect((await secondStep(p, { method: 'totp', code: totpCode(secret, clock) })).res.statusCode).toBe(409);
    // Signing in again does not reset the second factor's count.
    const q = await startLogin(w.users.sysadmin.username);
    expect((await secondStep(q, { method: 'totp', code: totpCode(secret, clock) })).res.statusCode).toBe(423);
    advance(31 * 60);
    const r = await startLogin(w.users.sysadmin.username);
    expect((await secondStep(r, { method: 'totp', code: totpCode(secret, clock) })).res.statusCode).toBe(200);
  });

  it('lets a pending sign-in lapse after five minutes', async () => {
    advance(60);
    const p = await startLogin(w.users.sysadmin.username);
    advance(5 * 60 + 1);
    expect((await secondStep(p, { method: 'totp', code: totpCode(secret, clock) })).res.statusCode).toBe(409);
  });

  it('renews the recovery codes against a current code only', async () => {
    advance(60);
    const p = await startLogin(w.users.sysadmin.username);
    const c = (await secondStep(p, { method: 'totp', code: totpCode(secret, clock) })).client!;
    advance(30);
    expect((await c.post('/api/v1/auth/second-factor/recovery-codes', { code: '111111' })).status).toBe(400);
    const renewed = await c.post('/api/v1/auth/second-factor/recovery-codes', { code: totpCode(secret, clock) });
    expect(renewed.status).toBe(200);
    expect(renewed.body.recoveryCodes).toHaveLength(10);
    const q = await startLogin(w.users.sysadmin.username);
    expect((await secondStep(q, { method: 'recovery', code: codes[1]! })).res.statusCode).toBe(401);
  });
});

describe('the demo and the tenant setting', () => {
  it('lets the demo’s administrators sign in with a password alone, as the walkthrough does', async () => {
    const s = await startLogin(w.users.auditor.username, TEST_PASSWORD, demo);
    expect(s.body.status).toBe('signed_in');
    expect(s.body.secondFactorRequired).toBe(false);
    expect((await clientOf(demo, s.cookie, s.csrf).get('/api/v1/audit')).status).toBe(200);
  });

  it('holds staff to a second factor once the secadmin names the role, in either mode', async () => {
    const staffBefore = await startLogin(w.users.staff.username);
    expect(staffBefore.body.status).toBe('signed_in');
    const secadmin = await enrolledSecadmin();
    const set = await secadmin.put('/api/v1/security-settings', { secondFactorRoles: ['staff', 'office', 'leader'], maxSessions: 3, adminPasswordMaxAgeDays: 90, passwordMaxAgeDays: 0, version: 0 });
    expect(set.status).toBe(200);
    const staff = await login(demo, w.users.staff.username);
    expect((await staff.get('/api/v1/proposals')).body.code).toBe('SECOND_FACTOR_ENROLMENT_REQUIRED');
    const { secret } = await enrol(staff);
    expect((await staff.get('/api/v1/proposals')).status).toBe(200);
    advance(60);
    const next = await startLogin(w.users.staff.username, TEST_PASSWORD, demo);
    expect(next.body.status).toBe('second_factor');
    expect((await secondStep(next, { method: 'totp', code: totpCode(secret, clock) }, demo)).res.statusCode).toBe(200);
    // Members are not named: they go on with a password.
    expect((await startLogin(w.users.member.username)).body.status).toBe('signed_in');
  });

  it('lets only the secadmin reset a second factor; the holder then signs in with a password and enrols again', async () => {
    const secadmin = await enrolledSecadmin();
    const sysadmin = await signedInSysadmin();
    expect((await sysadmin.post(`/api/v1/users/${w.users.staff.id}/reset-second-factor`)).status).toBe(403);
    const r = await secadmin.post(`/api/v1/users/${w.users.staff.id}/reset-second-factor`);
    expect(r.status).toBe(200);
    expect(r.body.secondFactorEnabled).toBe(false);
    const s = await startLogin(w.users.staff.username);
    expect(s.body.status).toBe('signed_in');
    expect((await clientOf(app, s.cookie, s.csrf).get('/api/v1/proposals')).body.code).toBe('SECOND_FACTOR_ENROLMENT_REQUIRED');
    expect((await secadmin.post(`/api/v1/users/${w.users.staff.id}/reset-second-factor`)).status).toBe(409);
  });

  it('files a reset of an administrator’s second factor for approval', async () => {
    const secadmin = await enrolledSecadmin();
    const r = await secadmin.post(`/api/v1/users/${w.users.sysadmin.id}/reset-second-factor`);
    expect(r.status).toBe(202);
    expect(r.body.request).toMatchObject({ kind: 'reset_second_factor', status: 'pending', canApprove: false });
    const [u] = await database.db.select().from(users).where(eq(users.id, w.users.sysadmin.id));
    expect(u!.totpSecret).not.toBeNull();
    // The secret is kept SM4-encrypted: reading the database does not give the codes away.
    expect(isEncrypted(u!.totpSecret)).toBe(true);
  });
});

let secadminSecret: string | null = null;
async function enrolledSecadmin(): Promise<Client> {
  advance(31);
  if (!secadminSecret) {
    const c = await login(app, w.users.secadmin.username);
    secadminSecret = (await enrol(c)).secret;
    return c;
  }
  const p = await startLogin(w.users.secadmin.username);
  return (await secondStep(p, { method: 'totp', code: totpCode(secadminSecret, clock) })).client!;
}
async function signedInSysadmin(): Promise<Client> {
  // The sysadmin enrolled above; in demo mode its second factor is still asked, being enrolled.
  const p = await startLogin(w.users.sysadmin.username, TEST_PASSWORD, demo);
  const [u] = await database.db.select().from(users).where(eq(users.id, w.users.sysadmin.id));
  advance(31);
  return (await secondStep(p, { method: 'totp', code: totpCode(decryptField(u!.totpSecret!), clock) }, demo)).client!;
}
