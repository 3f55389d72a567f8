import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { freshDatabase } from './helpers/db.js';
import { buildWorld, TEST_PASSWORD, type World } from './helpers/world.js';
import { login } from './helpers/api.js';
import { buildApp } from '../src/server/http/app.js';
import type { Database } from '../src/server/db/client.js';
import type { App } from '../src/server/http/types.js';
import { users } from '../src/server/db/schema.js';

// Password rules beyond the shape (not the username, not one of the last five, expiry) and the
// limit on live sessions per account with the list of 我的账号. Production mode, a moved clock.

let database: Database;
let app: App;
let demo: App;
let w: World;
let clock = new Date('2025-06-02T02:00:00Z');
const advanceDays = (days: number) => {
  clock = new Date(clock.getTime() + days * 86_400_000);
};
const DESKTOP = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const PHONE = 'Mozilla/5.0 (Linux; Android 14; V2309A) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36 MicroMessenger/8.0.50';

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

async function signIn(username: string, password = TEST_PASSWORD, userAgent = DESKTOP, from = '127.0.0.1') {
  clock = new Date(clock.getTime() + 1000); // sign-ins a second apart, as people make them
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, headers: { 'user-agent': userAgent }, remoteAddress: from });
  expect(res.statusCode, res.body).toBe(200);
  const cookie = `duban_sid=${res.cookies.find((c) => c.name === 'duban_sid')!.value}`;
  const csrf = res.json().csrfToken as string;
  const call = async (method: string, url: string, payload?: object) => {
    const r = await app.inject({ method: method as 'GET', url, headers: { cookie, 'x-csrf-token': csrf }, ...(payload ? { payload } : {}) });
    return { status: r.statusCode, body: r.body ? r.json() : null };
  };
  return {
    get: (u: string) => call('GET', u),
    post: (u: string, b: object = {}) => call('POST', u, b),
    put: (u: string, b: object) => call('PUT', u, b),
    delete: (u: string) => call('DELETE', u),
  };
}

describe('password rules', () => {
  it('refuses a password that holds the username, when created, reset or chosen', async () => {
    const secadmin = await login(demo, w.users.secadmin.username);
    const created = await secadmin.post('/api/v1/users', { username: 'zhangwei', displayName: '张伟', password: 'ZhangWei#2025', roles: ['member'] });
    expect(created.status).toBe(400);
    expect(created.body.details).toEqual([{ path: 'body.password', message: '密码不能包含用户名' }]);
    const reset = await secadmin.post(`/api/v1/users/${w.users.member.id}/reset-password`, { newPassword: 'X-t_member-2025' });
    expect(reset.status).toBe(400);
    expect(reset.body.details[0]).toEqual({ path: 'body.newPassword', message: '密码不能包含用户名' });
    const member = await signIn(w.users.member.username);
    const mine = await member.post('/api/v1/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'My#T_MEMBER#pw' });
    expect(mine.status).toBe(400);
    expect(mine.body.details[0].message).toBe('密码不能包含用户名');
  });

  it('refuses any of the last five passwords and takes the sixth', async () => {
    const c = await signIn(w.users.member2.username);
    const seq = ['Second#Pass01', 'Third#Pass002', 'Fourth#Pass03', 'Fifth#Pass004'];
    let current = TEST_PASSWORD;
    for (const next of seq) {
      expect((await c.post('/api/v1/auth/password', { currentPassword: current, newPassword: next })).status).toBe(200);
      current = next;
    }
    // The last five: the first password and the four since.
    const again = await c.post('/api/v1/auth/password', { currentPassword: current, newPassword: TEST_PASSWORD });
    expect(again.status).toBe(400);
    expect(again.body.details[0]).toEqual({ path: 'body.newPassword', message: '新密码不能与最近5次使用过的密码相同' });
    expect((await c.post('/api/v1/auth/password', { currentPassword: current, newPassword: 'Sixth#Pass005' })).status).toBe(200);
    expect((await c.post('/api/v1/auth/password', { currentPassword: 'Sixth#Pass005', newPassword: TEST_PASSWORD })).status).toBe(200);
  });

  it('expires an administrator’s password after 90 days in production, not in the demo', async () => {
    await database.db.update(users).set({ passwordChangedAt: clock }).where(eq(users.id, w.users.sysadmin.id));
    const fresh = await login(demo, w.users.sysadmin.username);
    expect((await fresh.get('/api/v1/auth/me')).body).toMatchObject({ passwordExpired: false, passwordExpiresAt: null });
    advanceDays(91);
    const inDemo = await login(demo, w.users.sysadmin.username);
    expect((await inDemo.get('/api/v1/units')).status).toBe(200);
    const prod = await signIn(w.users.sysadmin.username);
    const me = (await prod.get('/api/v1/auth/me')).body;
    expect(me).toMatchObject({ passwordExpired: true, mustChangePassword: true });
    const blocked = await prod.get('/api/v1/units');
    expect(blocked.status).toBe(403);
    expect(blocked.body).toMatchObject({ code: 'PASSWORD_CHANGE_REQUIRED', message: '密码已过期，请先修改密码' });
    expect((await prod.post('/api/v1/auth/password', { currentPassword: TEST_PASSWORD, newPassword: 'Renewed#Pass2025' })).status).toBe(200);
    // The password is fresh; the administrator must now enrol the second factor (production).
    expect((await prod.get('/api/v1/units')).body.code).toBe('SECOND_FACTOR_ENROLMENT_REQUIRED');
  });

  it('leaves other users’ passwords without expiry unless the secadmin sets one', async () => {
    await database.db.update(users).set({ passwordChangedAt: new Date(clock.getTime() - 400 * 86_400_000) }).where(eq(users.id, w.users.office.id));
    const office = await signIn(w.users.office.username);
    expect((await office.get('/api/v1/auth/me')).body).toMatchObject({ passwordExpired: false, passwordExpiresAt: null });
    const secadmin = await login(demo, w.users.secadmin.username);
    const bad = await secadmin.put('/api/v1/security-settings', { secondFactorRoles: [], maxSessions: 0, adminPasswordMaxAgeDays: 400, passwordMaxAgeDays: -1, version: 0 });
    expect(bad.status).toBe(400);
    expect(bad.body.details.map((d: { path: string }) => d.path).sort()).toEqual(['body.adminPasswordMaxAgeDays', 'body.maxSessions', 'body.passwordMaxAgeDays']);
    const adminRole = await secadmin.put('/api/v1/security-settings', { secondFactorRoles: ['auditor'], maxSessions: 3, adminPasswordMaxAgeDays: 90, passwordMaxAgeDays: 180, version: 0 });
    expect(adminRole.status).toBe(400);
    const set = await secadmin.put('/api/v1/security-settings', { secondFactorRoles: [], maxSessions: 3, adminPasswordMaxAgeDays: 90, passwordMaxAgeDays: 180, version: 0 });
    expect(set.status).toBe(200);
    expect(set.body.version).toBe(1);
    expect((await secadmin.put('/api/v1/security-settings', { ...set.body, version: 0 })).body.code).toBe('STALE_VERSION');
    expect((await office.get('/api/v1/units')).body.code).toBe('PASSWORD_CHANGE_REQUIRED');
    await secadmin.put('/api/v1/security-settings', { ...set.body, passwordMaxAgeDays: 0 });
  });
});

describe('live sessions per account', () => {
  it('keeps at most three sessions, ending the oldest', async () => {
    const first = await signIn(w.users.leader.username, TEST_PASSWORD, DESKTOP, '10.8.0.1');
    const second = await signIn(w.users.leader.username, TEST_PASSWORD, PHONE, '10.8.0.2');
    const third = await signIn(w.users.leader.username, TEST_PASSWORD, DESKTOP, '10.8.0.3');
    expect((await first.get('/api/v1/auth/me')).status).toBe(200);
    const fourth = await signIn(w.users.leader.username, TEST_PASSWORD, PHONE, '10.8.0.4');
    expect((await first.get('/api/v1/auth/me')).status).toBe(401);
    for (const c of [second, third, fourth]) expect((await c.get('/api/v1/auth/me')).status).toBe(200);
  });

  it('lists them in 我的账号 with device, address and last seen, and ends any of them', async () => {
    const mine = await signIn(w.users.leader.username, TEST_PASSWORD, DESKTOP, '10.8.0.5');
    const listed = (await mine.get('/api/v1/auth/sessions')).body;
    expect(listed.maxSessions).toBe(3);
    const list = listed.items as { id: string; current: boolean; device: string; ip: string; lastSeenAt: string }[];
    expect(list).toHaveLength(3);
    expect(list.filter((s) => s.current)).toHaveLength(1);
    expect(list.find((s) => s.current)).toMatchObject({ device: 'Chrome 131 · Windows', ip: '10.8.0.5' });
    expect(list.map((s) => s.device)).toContain('微信 8 · Android');
    const phone = list.find((s) => s.ip === '10.8.0.4')!;
    expect((await mine.delete(`/api/v1/auth/sessions/${phone.id}`)).status).toBe(200);
    expect((await mine.get('/api/v1/auth/sessions')).body.items).toHaveLength(2);
    // Another user's session reads as not found; a malformed id is a 400.
    const other = await signIn(w.users.unit.username);
    const otherId = (await other.get('/api/v1/auth/sessions')).body.items[0].id;
    expect((await mine.delete(`/api/v1/auth/sessions/${otherId}`)).status).toBe(404);
    expect((await other.get('/api/v1/auth/me')).status).toBe(200);
    expect((await mine.delete('/api/v1/auth/sessions/not-a-session')).status).toBe(400);
    // Ending the current session signs out.
    const current = list.find((s) => s.current)!;
    expect((await mine.delete(`/api/v1/auth/sessions/${current.id}`)).status).toBe(200);
    expect((await mine.get('/api/v1/auth/me')).status).toBe(401);
  });

  it('follows the tenant’s setting', async () => {
    const secadmin = await login(demo, w.users.secadmin.username);
    const current = (await secadmin.get('/api/v1/security-settings')).body;
    expect((await secadmin.put('/api/v1/security-settings', { ...current, maxSessions: 1 })).status).toBe(200);
    const a = await signIn(w.users.unit2.username);
    const b = await signIn(w.users.unit2.username);
    expect((await a.get('/api/v1/auth/me')).status).toBe(401);
    expect((await b.get('/api/v1/auth/me')).status).toBe(200);
  });
});
