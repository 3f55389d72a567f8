import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from './helpers/db.js';
import { buildWorld, TEST_PASSWORD, type World } from './helpers/world.js';
import { anonymous, login, type Client } from './helpers/api.js';
import { buildApp } from '../src/server/http/app.js';
import type { Database } from '../src/server/db/client.js';
import type { App } from '../src/server/http/types.js';

// Input limits of the sign-in and account-security routes: ids within int4, no NUL bytes, bounded
// sizes, value lists. Each is a 400 with a Chinese message, never a 500.

let database: Database;
let app: App;
let w: World;
let secadmin: Client;
let sysadmin: Client;
let auditor: Client;
let staff: Client;

beforeAll(async () => {
  database = await freshDatabase();
  w = await buildWorld(database.db);
  app = await buildApp({ db: database.db });
  secadmin = await login(app, w.users.secadmin.username);
  sysadmin = await login(app, w.users.sysadmin.username);
  auditor = await login(app, w.users.auditor.username);
  staff = await login(app, w.users.staff.username);
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const TOO_BIG = '2147483648';

describe('input limits', () => {
  it('answers 400 to ids beyond int4 on every new id route', async () => {
    const calls = [
      sysadmin.post(`/api/v1/admin-requests/${TOO_BIG}/approve`, {}),
      sysadmin.post(`/api/v1/admin-requests/${TOO_BIG}/reject`, {}),
      auditor.post(`/api/v1/security-alerts/${TOO_BIG}/read`),
      secadmin.post(`/api/v1/users/${TOO_BIG}/reset-second-factor`),
      secadmin.post(`/api/v1/users/99999999999999999999/unlock`),
    ];
    for (const r of await Promise.all(calls)) {
      expect(r.status).toBe(400);
      expect(r.body.code).toBe('VALIDATION_FAILED');
    }
    expect((await sysadmin.post('/api/v1/admin-requests/2147483647/approve', {})).status).toBe(404);
  });

  it('refuses NUL bytes and oversized text', async () => {
    const anon = anonymous(app);
    expect((await anon.post('/api/v1/auth/login', { username: 't_staff\u0000', password: TEST_PASSWORD })).status).toBe(400);
    expect((await anon.post('/api/v1/auth/login', { username: 't_staff', password: 'x'.repeat(129) })).status).toBe(400);
    expect((await anon.post('/api/v1/auth/login', { username: 'u'.repeat(65), password: TEST_PASSWORD })).status).toBe(400);
    expect((await anon.post('/api/v1/auth/login/second-factor', { method: 'totp', code: '12\u00003456' })).status).toBe(400);
    expect((await anon.post('/api/v1/auth/login/second-factor', { method: 'totp', code: '1'.repeat(33) })).status).toBe(400);
    expect((await anon.post('/api/v1/auth/login/second-factor', { method: 'sms', code: '123456' })).status).toBe(400);
    const r = await secadmin.post(`/api/v1/users/${w.users.sysadmin.id}/reset-password`, { newPassword: 'Limits#Reset25' });
    expect(r.status).toBe(202);
    const nul = await sysadmin.post(`/api/v1/admin-requests/${r.body.request.id}/reject`, { note: '理由\u0000' });
    expect(nul.status).toBe(400);
    expect(nul.body.details[0]).toEqual({ path: 'body.note', message: '说明含有无效字符' });
    expect((await secadmin.post(`/api/v1/admin-requests/${r.body.request.id}/reject`, { note: '长'.repeat(201) })).status).toBe(400);
  });

  it('checks codes, session ids, settings and filters against their shapes', async () => {
    expect((await staff.post('/api/v1/auth/second-factor/enable', { code: '12345' })).status).toBe(400);
    expect((await staff.post('/api/v1/auth/second-factor/enable', { code: '１２３４５６' })).status).toBe(400);
    expect((await staff.delete('/api/v1/auth/sessions/abc')).status).toBe(400);
    expect((await staff.delete(`/api/v1/auth/sessions/${'A'.repeat(64)}`)).status).toBe(400);
    const settings = await secadmin.put('/api/v1/security-settings', { secondFactorRoles: ['staff', 'staff'], maxSessions: 2.5, adminPasswordMaxAgeDays: 90, passwordMaxAgeDays: 0, version: 0 });
    expect(settings.status).toBe(400);
    expect(settings.body.details.map((d: { path: string }) => d.path).sort()).toEqual(['body.maxSessions', 'body.secondFactorRoles']);
    expect((await auditor.get('/api/v1/security-alerts?kind=nonsense')).status).toBe(400);
    expect((await auditor.get('/api/v1/security-alerts?pageSize=101')).status).toBe(400);
    expect((await sysadmin.get('/api/v1/admin-requests?status=maybe')).status).toBe(400);
  });
});
