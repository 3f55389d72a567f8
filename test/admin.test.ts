import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from './helpers/db.js';
import { buildWorld, TEST_PASSWORD, type World } from './helpers/world.js';
import { login, type Client } from './helpers/api.js';
import { createApproved } from './helpers/accounts.js';
import { buildApp } from '../src/server/http/app.js';
import type { Database } from '../src/server/db/client.js';
import type { App } from '../src/server/http/types.js';
import { members } from '../src/server/db/schema.js';
import { appendAudit } from '../src/server/domain/audit-chain.js';
import { eq } from 'drizzle-orm';

// 三员分立 and the reference data: who may manage what, tenant isolation, validation, versions.

let database: Database;
let app: App;
let w: World;
let sysadmin: Client;
let secadmin: Client;
let auditor: Client;
let staff: Client;
let member: Client;

beforeAll(async () => {
  database = await freshDatabase();
  w = await buildWorld(database.db);
  app = await buildApp({ db: database.db });
  sysadmin = await login(app, w.users.sysadmin.username);
  secadmin = await login(app, w.users.secadmin.username);
  auditor = await login(app, w.users.auditor.username);
  staff = await login(app, w.users.staff.username);
  member = await login(app, w.users.member.username);
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const newSession = { name: '十一届五次会议', term: 11, meeting: 5, year: 2026 };

describe('role separation (三员分立)', () => {
  it('keeps accounts from the sysadmin and the auditor', async () => {
    for (const c of [sysadmin, auditor, staff]) {
      expect((await c.get('/api/v1/users')).status).toBe(403);
      expect((await c.post('/api/v1/users', { username: 'x_user', displayName: '某人', password: TEST_PASSWORD, roles: ['staff'], organ: 'cppcc' })).status).toBe(403);
    }
    expect((await secadmin.get('/api/v1/users')).status).toBe(200);
  });

  it('keeps reference data from the secadmin and the auditor', async () => {
    for (const c of [secadmin, auditor, staff]) {
      expect((await c.post('/api/v1/units', { name: '越权局' })).status).toBe(403);
      expect((await c.post('/api/v1/sessions', newSession)).status).toBe(403);
      expect((await c.put('/api/v1/calendar/2025', { holidays: [], workdays: [] })).status).toBe(403);
    }
  });

  it('lets only the auditor read the audit log', async () => {
    for (const c of [sysadmin, secadmin, staff]) expect((await c.get('/api/v1/audit')).status).toBe(403);
    expect((await auditor.get('/api/v1/audit')).status).toBe(200);
  });

  it('does not let an administrator account hold a second role', async () => {
    const r = await secadmin.post('/api/v1/users', { username: 'mixed', displayName: '兼任', password: TEST_PASSWORD, roles: ['auditor', 'staff'] });
    expect(r.status).toBe(400);
    expect(r.body.details[0]).toMatchObject({ path: 'body.roles', message: expect.stringContaining('不能兼任') });
  });

  it('does not let the secadmin change their own roles or disable themself', async () => {
    const me = (await secadmin.get(`/api/v1/users/${w.users.secadmin.id}`)).body;
    const roles = await secadmin.patch(`/api/v1/users/${me.id}`, { roles: ['sysadmin'], version: me.version });
    expect(roles.status).toBe(403);
    expect(roles.body.message).toContain('不能修改自己的角色');
    const off = await secadmin.patch(`/api/v1/users/${me.id}`, { active: false, version: me.version });
    expect(off.status).toBe(403);
    // Their own display name is fine.
    expect((await secadmin.patch(`/api/v1/users/${me.id}`, { displayName: '安全管理员甲', version: me.version })).status).toBe(200);
  });
});

describe('reference data', () => {
  it('creates and renames a unit, refusing a duplicate name, and audits both', async () => {
    const r = await sysadmin.post('/api/v1/units', { name: '水务集团', kind: 'enterprise', contactPhone: '0573-8501234' });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ name: '水务集团', kind: 'enterprise', active: true });
    const dup = await sysadmin.post('/api/v1/units', { name: '水务集团' });
    expect(dup.status).toBe(409);
    expect(dup.body.message).toContain('已存在');
    const renamed = await sysadmin.patch(`/api/v1/units/${r.body.id}`, { name: '市水务集团', active: false });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: '市水务集团', active: false });
    const list = await member.get('/api/v1/units');
    expect(list.body.map((u: { name: string }) => u.name)).toContain('市水务集团');

    const audit = await auditor.get(`/api/v1/audit?entityType=unit&action=unit.`);
    expect(audit.body.items.map((a: { action: string }) => a.action)).toEqual(['unit.update', 'unit.create']);
    expect(audit.body.items[0]).toMatchObject({ actorId: w.users.sysadmin.id, actorName: 't_sysadmin', changedFields: ['active', 'name'] });
  });

  it('shows members’ phone numbers to staff and the sysadmin only', async () => {
    await database.db.update(members).set({ phone: '13800000001' }).where(eq(members.id, w.members.wang));
    const asStaff = await staff.get('/api/v1/members?q=王');
    expect(asStaff.body.items).toHaveLength(1);
    expect(asStaff.body.items[0].phone).toBe('13800000001');
    const asMember = await member.get('/api/v1/members?q=王');
    expect(asMember.body.items[0].name).toBe('王建国');
    expect(asMember.body.items[0]).not.toHaveProperty('phone');
    expect((await member.get('/api/v1/members?kind=suggestion')).body.total).toBe(0);
  });

  it('links a member to one account only', async () => {
    const r = await sysadmin.post('/api/v1/members', { name: '周明', sector: '教育界', userId: w.users.member.id });
    expect(r.status).toBe(409);
    const ok = await sysadmin.post('/api/v1/members', { name: '周明', sector: '教育界', phone: '13900000000' });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ kind: 'proposal', name: '周明', userId: null, phone: '13900000000' });
  });

  it('validates session settings per field in Chinese', async () => {
    const r = await sysadmin.post('/api/v1/sessions', { ...newSession, name: '第五次', replyMonths: 7, evaluationWorkingDays: 0 });
    expect(r.status).toBe(400);
    const byPath = Object.fromEntries(r.body.details.map((d: { path: string; message: string }) => [d.path, d.message]));
    expect(byPath['body.name']).toContain('十一届四次会议');
    expect(byPath['body.replyMonths']).toBe('办理期限不能超过6个月');
    expect(byPath['body.evaluationWorkingDays']).toBe('测评期限不能少于1个工作日');

    const cross = await sysadmin.post('/api/v1/sessions', { ...newSession, replyMonths: 4, replyMaxMonths: 3 });
    expect(cross.status).toBe(400);
    expect(cross.body.details).toEqual([{ path: 'body.replyMaxMonths', message: '最长办理期限不能短于办理期限' }]);
  });

  it('creates a session, makes it current, and refuses a stale version', async () => {
    const r = await sysadmin.post('/api/v1/sessions', { ...newSession, plenaryStart: '2026-01-10', plenaryEnd: '2026-01-13', replyMonths: 3 });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ isCurrent: false, replyMonths: 3, replyMaxMonths: 6, objectionWorkingDays: 5, version: 1 });
    expect((await member.get(`/api/v1/sessions/${w.sessionId}`)).body.isCurrent).toBe(true);
    // Switching the new session on switches the old one off.
    const on = await sysadmin.patch(`/api/v1/sessions/${r.body.id}`, { isCurrent: true, version: 1 });
    expect(on.body).toMatchObject({ isCurrent: true, version: 2 });
    const old = await member.get(`/api/v1/sessions/${w.sessionId}`);
    expect(old.body).toMatchObject({ isCurrent: false, version: 2 });
    expect((await sysadmin.post('/api/v1/sessions', newSession)).status).toBe(409);

    const edit = await sysadmin.patch(`/api/v1/sessions/${r.body.id}`, { replyMonths: 2, version: 2 });
    expect(edit.status).toBe(200);
    expect(edit.body).toMatchObject({ replyMonths: 2, version: 3 });
    const stale = await sysadmin.patch(`/api/v1/sessions/${r.body.id}`, { replyMonths: 4, version: 2 });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('STALE_VERSION');
    const breaks = await sysadmin.patch(`/api/v1/sessions/${r.body.id}`, { replyMaxMonths: 1, version: 3 });
    expect(breaks.status).toBe(400);
  });
});

describe('working-day calendar', () => {
  it('lists the shipped holidays and 调休 days of a year', async () => {
    const r = await member.get('/api/v1/calendar?year=2025');
    expect(r.status).toBe(200);
    expect(r.body.holidays.map((d: { day: string }) => d.day)).toContain('2025-10-01');
    expect(r.body.workdays.map((d: { day: string }) => d.day)).toContain('2025-09-28');
  });

  it('refuses a day outside the year, a day in both lists and a weekday 调休', async () => {
    const r = await sysadmin.put('/api/v1/calendar/2027', {
      holidays: [{ day: '2027-01-01' }, { day: '2026-12-31' }, { day: '2027-02-06' }],
      workdays: [{ day: '2027-02-06' }, { day: '2027-02-08' }],
    });
    expect(r.status).toBe(400);
    expect(r.body.details).toEqual([
      { path: 'body.holidays.1.day', message: '2026-12-31不在2027年内' },
      { path: 'body.workdays.0.day', message: '2027-02-06不能既是节假日又是调休上班日' },
      { path: 'body.workdays.1.day', message: '2027-02-08不是周末，无需设为调休上班日' },
    ]);
    expect((await sysadmin.put('/api/v1/calendar/2027', { holidays: [{ day: '2027-02-30' }], workdays: [] })).status).toBe(400);
  });

  it('replaces one year and leaves the others alone', async () => {
    const r = await sysadmin.put('/api/v1/calendar/2026', {
      holidays: [{ day: '2026-01-01', note: '元旦' }, { day: '2026-01-02' }],
      workdays: [{ day: '2026-01-04', note: '调休上班' }],
    });
    expect(r.status).toBe(200);
    const y2026 = await member.get('/api/v1/calendar?year=2026');
    expect(y2026.body).toEqual({
      year: 2026,
      holidays: [{ day: '2026-01-01', note: '元旦' }, { day: '2026-01-02', note: null }],
      workdays: [{ day: '2026-01-04', note: '调休上班' }],
    });
    expect((await member.get('/api/v1/calendar?year=2025')).body.holidays.length).toBeGreaterThan(10);
  });
});

describe('accounts', () => {
  it('creates an account in the secadmin’s tenant and checks unit and body links', async () => {
    const noUnit = await secadmin.post('/api/v1/users', { username: 'u_nounit', displayName: '承办人', password: TEST_PASSWORD, roles: ['unit'] });
    expect(noUnit.status).toBe(400);
    expect(noUnit.body.details[0].path).toBe('body.unitId');
    const foreign = await secadmin.post('/api/v1/users', { username: 'u_foreign', displayName: '承办人', password: TEST_PASSWORD, roles: ['unit'], unitId: w.units.other });
    expect(foreign.status).toBe(400);
    // A unit account reads its unit's proposals: made once the sysadmin approves (two-person rule).
    const ok = await createApproved(secadmin, sysadmin, { username: 'u_nongye2', displayName: '农业局承办人', password: TEST_PASSWORD, roles: ['unit'], unitId: w.units.nongye });
    expect(ok).toMatchObject({ unitName: '农业农村局', mustChangePassword: true, active: true, version: 1 });
    expect((await secadmin.post('/api/v1/users', { username: 'u_nongye2', displayName: '重名', password: TEST_PASSWORD, roles: ['staff'], organ: 'cppcc' })).status).toBe(409);
    const listed = await secadmin.get('/api/v1/users?role=unit&pageSize=100');
    expect(listed.body.items.map((u: { username: string }) => u.username)).toContain('u_nongye2');
  });

  it('edits with a version, and a disabled account can no longer sign in', async () => {
    const created = await createApproved(secadmin, sysadmin, { username: 'u_leaving', displayName: '离职人员', password: TEST_PASSWORD, roles: ['office'] });
    const off = await secadmin.patch(`/api/v1/users/${created.id}`, { active: false, version: created.version });
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ active: false, version: 2 });
    const stale = await secadmin.patch(`/api/v1/users/${created.id}`, { displayName: '某某', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('STALE_VERSION');
    const signIn = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'u_leaving', password: TEST_PASSWORD } });
    expect(signIn.statusCode).toBe(401);
  });
});

describe('tenant isolation', () => {
  it('answers 404 for another tenant’s records', async () => {
    expect((await sysadmin.patch(`/api/v1/units/${w.units.other}`, { name: '改名' })).status).toBe(404);
    expect((await member.get(`/api/v1/sessions/${w.otherSessionId}`)).status).toBe(404);
    expect((await sysadmin.patch(`/api/v1/sessions/${w.otherSessionId}`, { replyMonths: 2, version: 1 })).status).toBe(404);
    expect((await secadmin.get(`/api/v1/users/${w.users.otherStaff.id}`)).status).toBe(404);
    expect((await secadmin.patch(`/api/v1/users/${w.users.otherStaff.id}`, { displayName: '改名', version: 1 })).status).toBe(404);
    expect((await secadmin.post(`/api/v1/users/${w.users.otherStaff.id}/reset-password`, { newPassword: 'Temp#Reset2025' })).status).toBe(404);
  });

  it('lists only the tenant’s own rows', async () => {
    const unitNames = (await member.get('/api/v1/units')).body.map((u: { name: string }) => u.name);
    expect(unitNames).not.toContain('县教育局');
    const usernames = (await secadmin.get('/api/v1/users?pageSize=100')).body.items.map((u: { username: string }) => u.username);
    expect(usernames).toContain('t_staff');
    expect(usernames).not.toContain('t_other_staff');
    const sessions = (await member.get('/api/v1/sessions')).body.map((s: { id: number }) => s.id);
    expect(sessions).not.toContain(w.otherSessionId);
    // The county staff member signed in: their login is in the county's log, not the city's.
    await login(app, w.users.otherStaff.username);
    const audit = await auditor.get(`/api/v1/audit?actorId=${w.users.otherStaff.id}`);
    expect(audit.body.total).toBe(0);
  });
});

describe('audit log', () => {
  it('pages newest first, at most 100 a page', async () => {
    expect((await auditor.get('/api/v1/audit?pageSize=101')).status).toBe(400);
    const page = await auditor.get('/api/v1/audit?pageSize=2&page=1');
    expect(page.body.items).toHaveLength(2);
    expect(page.body.total).toBeGreaterThan(2);
    expect(page.body.items[0].id).toBeGreaterThan(page.body.items[1].id);
    const logins = await auditor.get(`/api/v1/audit?action=auth.login&actorId=${w.users.secadmin.id}`);
    expect(logins.body.items.length).toBeGreaterThan(0);
    expect(logins.body.items.every((a: { action: string; actorId: number }) => a.action === 'auth.login' && a.actorId === w.users.secadmin.id)).toBe(true);
    // The actor's current display name (changed above to 安全管理员甲).
    expect(logins.body.items[0].actorName).toBe('安全管理员甲');
    const none = await auditor.get('/api/v1/audit?from=2001-01-01&to=2001-12-31');
    expect(none.body.total).toBe(0);
    const today = await auditor.get(`/api/v1/audit?from=2000-01-01&to=2100-01-01`);
    expect(today.body.total).toBe(page.body.total);
  });

  it('shows which fields of a proposal changed, not their content', async () => {
    await appendAudit(database.db, [{
      tenantId: w.tenantId,
      actorId: w.users.staff.id,
      action: 'proposal.file',
      entityType: 'proposal',
      entityId: 1,
      proposalId: 1,
      before: { status: 'submitted', body: '机密正文' },
      after: { status: 'filed', body: '机密正文', number: 3 },
    }]);
    const r = await auditor.get('/api/v1/audit?action=proposal.');
    expect(r.body.items).toHaveLength(1);
    expect(r.body.items[0]).toMatchObject({ before: null, after: null, changedFields: ['number', 'status'], actorName: 't_staff' });
    expect(JSON.stringify(r.body)).not.toContain('机密正文');
  });
});
