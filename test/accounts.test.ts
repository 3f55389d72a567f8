import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { freshDatabase } from './helpers/db.js';
import { buildWorld, TEST_PASSWORD, type World } from './helpers/world.js';
import { anonymous, login, type Client } from './helpers/api.js';
import { createApproved } from './helpers/accounts.js';
import { buildApp } from '../src/server/http/app.js';
import type { Database } from '../src/server/db/client.js';
import type { App } from '../src/server/http/types.js';
import { auditLog, users } from '../src/server/db/schema.js';

// Account security: password policy and hashing, lockout, session timeouts, forced password
// change, CSRF and logout. The app runs on a clock the tests move.

let database: Database;
let app: App;
let w: World;
let secadmin: Client;
let sysadmin: Client;
let clock = new Date('2025-03-03T01:00:00Z');
const advance = (minutes: number) => {
  clock = new Date(clock.getTime() + minutes * 60_000);
};

const NEW_PASSWORD = 'Fresh#Pass2025';

beforeAll(async () => {
  database = await freshDatabase();
  w = await buildWorld(database.db);
  app = await buildApp({ db: database.db, now: () => clock });
  secadmin = await login(app, w.users.secadmin.username);
  sysadmin = await login(app, w.users.sysadmin.username);
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const loginRaw = (username: string, password: string) =>
  app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });

// A staff account reads proposals: the sysadmin approves its creation (two-person rule).
async function createAccount(username: string, extra: Record<string, unknown> = {}) {
  sysadmin = await login(app, w.users.sysadmin.username); // the clock moves between tests
  const u = await createApproved(secadmin, sysadmin, { username, displayName: `测试${username}`, password: TEST_PASSWORD, roles: ['staff'], organ: 'cppcc', ...extra });
  return u as { id: number; version: number; mustChangePassword: boolean };
}

describe('password policy and storage', () => {
  it('refuses a password shorter than 10 characters with a Chinese message on the field', async () => {
    const r = await secadmin.post('/api/v1/users', { username: 'short_pw', displayName: '张三', password: 'Ab1!xyz', roles: ['staff'], organ: 'cppcc' });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('VALIDATION_FAILED');
    expect(r.body.details).toEqual(expect.arrayContaining([{ path: 'body.password', message: '密码至少10位' }]));
  });

  it('refuses a password of only two character classes', async () => {
    const r = await secadmin.post('/api/v1/users', { username: 'two_class', displayName: '张三', password: 'abcdefgh1234', roles: ['staff'], organ: 'cppcc' });
    expect(r.status).toBe(400);
    expect(r.body.details[0].path).toBe('body.password');
    expect(r.body.details[0].message).toContain('至少三类');
  });

  it('applies the same policy when a user changes their own password', async () => {
    const staff = await login(app, w.users.staff.username);
    const r = await staff.post('/api/v1/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'alllowercaseletters' });
    expect(r.status).toBe(400);
    expect(r.body.details[0].path).toBe('body.newPassword');
  });

  it('stores an argon2id hash, never the password', async () => {
    const u = await createAccount('hash_check');
    const [row] = await database.db.select().from(users).where(eq(users.id, u.id));
    expect(row!.passwordHash.startsWith('$argon2id$')).toBe(true);
    expect(row!.passwordHash).not.toContain(TEST_PASSWORD);
    // Nor does the audit row of the creation carry the hash.
    const [audit] = await database.db.select().from(auditLog).where(and(eq(auditLog.entityType, 'user'), eq(auditLog.entityId, u.id)));
    expect(JSON.stringify(audit!.after)).not.toContain('argon2');
  });
});

describe('lockout after failed sign-ins', () => {
  it('locks for 30 minutes after 5 failures, then lets the right password in', async () => {
    const u = await createAccount('lock_me');
    for (let i = 1; i <= 4; i++) {
      const r = await loginRaw('lock_me', 'Wrong#Pass2025');
      expect(r.statusCode).toBe(401);
      expect(r.json().message).toContain(`还可尝试${5 - i}次`);
    }
    const fifth = await loginRaw('lock_me', 'Wrong#Pass2025');
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().code).toBe('ACCOUNT_LOCKED');

    // Locked: even the right password is refused, and the secadmin sees the lock.
    const during = await loginRaw('lock_me', TEST_PASSWORD);
    expect(during.statusCode).toBe(423);
    expect((await secadmin.get(`/api/v1/users/${u.id}`)).body.locked).toBe(true);

    advance(29);
    expect((await loginRaw('lock_me', TEST_PASSWORD)).statusCode).toBe(423);
    advance(2);
    const after = await loginRaw('lock_me', TEST_PASSWORD);
    expect(after.statusCode).toBe(200);
    secadmin = await login(app, w.users.secadmin.username); // its own session went idle meanwhile
  });

  it('lets the secadmin unlock at once, and refuses to unlock an unlocked account', async () => {
    const u = await createAccount('unlock_me');
    for (let i = 0; i < 5; i++) await loginRaw('unlock_me', 'Wrong#Pass2025');
    expect((await loginRaw('unlock_me', TEST_PASSWORD)).statusCode).toBe(423);
    const r = await secadmin.post(`/api/v1/users/${u.id}/unlock`);
    expect(r.status).toBe(200);
    expect(r.body.locked).toBe(false);
    expect((await loginRaw('unlock_me', TEST_PASSWORD)).statusCode).toBe(200);
    const again = await secadmin.post(`/api/v1/users/${u.id}/unlock`);
    expect(again.status).toBe(409);
    expect(again.body.message).toContain('未被锁定');
  });
});

describe('session timeouts', () => {
  it('ends a session idle for more than 30 minutes', async () => {
    const c = await login(app, w.users.office.username);
    advance(29);
    expect((await c.get('/api/v1/auth/me')).status).toBe(200);
    advance(29); // active 29 minutes ago: still alive
    expect((await c.get('/api/v1/auth/me')).status).toBe(200);
    advance(31);
    const r = await c.get('/api/v1/auth/me');
    expect(r.status).toBe(401);
    expect(r.body.code).toBe('UNAUTHENTICATED');
    // Gone for good: coming back within the idle window does not revive it.
    expect((await c.get('/api/v1/auth/me')).status).toBe(401);
  });

  it('ends any session 12 hours after sign-in, however active', async () => {
    const c = await login(app, w.users.office.username);
    for (let i = 0; i < 35; i++) {
      advance(20);
      expect((await c.get('/api/v1/auth/me')).status).toBe(200);
    }
    advance(25); // 12 h 05 min after sign-in, 25 minutes after the last request
    expect((await c.get('/api/v1/auth/me')).status).toBe(401);
    secadmin = await login(app, w.users.secadmin.username);
  });
});

describe('forced password change', () => {
  it('holds an admin-created account to the password screen until it changes its password', async () => {
    const u = await createAccount('first_login');
    expect(u.mustChangePassword).toBe(true);
    const c = await login(app, 'first_login');
    expect((await c.get('/api/v1/auth/me')).body.mustChangePassword).toBe(true);
    const blocked = await c.get('/api/v1/units');
    expect(blocked.status).toBe(403);
    expect(blocked.body.code).toBe('PASSWORD_CHANGE_REQUIRED');

    const changed = await c.post('/api/v1/auth/password', { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD });
    expect(changed.status).toBe(200);
    expect((await c.get('/api/v1/units')).status).toBe(200);
    expect((await loginRaw('first_login', TEST_PASSWORD)).statusCode).toBe(401);
    expect((await loginRaw('first_login', NEW_PASSWORD)).statusCode).toBe(200);
  });

  it('forces a new change after a password reset, and ends the open sessions', async () => {
    const u = await createAccount('reset_me');
    const first = await login(app, 'reset_me');
    await first.post('/api/v1/auth/password', { currentPassword: TEST_PASSWORD, newPassword: NEW_PASSWORD });
    expect((await first.get('/api/v1/units')).status).toBe(200);

    const weak = await secadmin.post(`/api/v1/users/${u.id}/reset-password`, { newPassword: 'weak' });
    expect(weak.status).toBe(400);
    const r = await secadmin.post(`/api/v1/users/${u.id}/reset-password`, { newPassword: 'Temp#Reset2025' });
    expect(r.status).toBe(200);
    expect(r.body.mustChangePassword).toBe(true);
    expect((await first.get('/api/v1/units')).status).toBe(401);
    const second = await login(app, 'reset_me', 'Temp#Reset2025');
    expect((await second.get('/api/v1/units')).body.code).toBe('PASSWORD_CHANGE_REQUIRED');
  });

  it('does not let the secadmin reset their own password through the admin route', async () => {
    const r = await secadmin.post(`/api/v1/users/${w.users.secadmin.id}/reset-password`, { newPassword: 'Temp#Reset2025' });
    expect(r.status).toBe(403);
  });
});

describe('CSRF and logout', () => {
  it('refuses a POST without or with a wrong CSRF token', async () => {
    const res = await loginRaw(w.users.member.username, TEST_PASSWORD);
    const cookie = `duban_sid=${res.cookies.find((c) => c.name === 'duban_sid')!.value}`;
    const none = await app.inject({ method: 'POST', url: '/api/v1/notifications/read-all', headers: { cookie } });
    expect(none.statusCode).toBe(403);
    expect(none.json().code).toBe('CSRF_FAILED');
    const wrong = await app.inject({ method: 'POST', url: '/api/v1/notifications/read-all', headers: { cookie, 'x-csrf-token': 'forged' } });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json().code).toBe('CSRF_FAILED');
    const right = await app.inject({ method: 'POST', url: '/api/v1/notifications/read-all', headers: { cookie, 'x-csrf-token': res.json().csrfToken } });
    expect(right.statusCode).toBe(200);
  });

  it('ends the session at logout', async () => {
    const c = await login(app, w.users.member.username);
    expect((await c.get('/api/v1/auth/me')).status).toBe(200);
    expect((await c.post('/api/v1/auth/logout')).status).toBe(200);
    expect((await c.get('/api/v1/auth/me')).status).toBe(401);
    expect((await anonymous(app).get('/api/v1/auth/me')).status).toBe(401);
  });
});
