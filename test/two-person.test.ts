import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { freshDatabase } from './helpers/db.js';
import { buildWorld, TEST_PASSWORD, type World } from './helpers/world.js';
import { login, type Client } from './helpers/api.js';
import { buildApp } from '../src/server/http/app.js';
import type { Database } from '../src/server/db/client.js';
import type { App } from '../src/server/http/types.js';
import { auditLog, users } from '../src/server/db/schema.js';

// 三员分立 and the two-person rule: the 安全管理员 alone can neither give someone a role that reads
// proposal content nor take over another administrator's account; a different administrator
// approves, and the 审计管理员 sees every step on the alert list.

let database: Database;
let app: App;
let w: World;
let secadmin: Client;
let sysadmin: Client;
let auditor: Client;

beforeAll(async () => {
  database = await freshDatabase();
  w = await buildWorld(database.db);
  app = await buildApp({ db: database.db });
  secadmin = await login(app, w.users.secadmin.username);
  sysadmin = await login(app, w.users.sysadmin.username);
  auditor = await login(app, w.users.auditor.username);
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const tryLogin = (username: string, password: string) =>
  app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });

const alerts = async () => (await auditor.get('/api/v1/security-alerts?pageSize=100')).body;

describe('granting a role that reads proposals', () => {
  let requestId: number;

  it('files a new staff account for approval instead of creating it', async () => {
    const r = await secadmin.post('/api/v1/users', { username: 'new_staff', displayName: '新提案委', password: TEST_PASSWORD, roles: ['staff'], organ: 'cppcc' });
    expect(r.status).toBe(202);
    expect(r.body).toMatchObject({ pendingApproval: true, request: { kind: 'create_user', status: 'pending', requestedBy: w.users.secadmin.id, canApprove: false } });
    expect(r.body.request.summary).toContain('new_staff');
    requestId = r.body.request.id;
    expect(await database.db.select().from(users).where(eq(users.username, 'new_staff'))).toHaveLength(0);
    expect((await tryLogin('new_staff', TEST_PASSWORD)).statusCode).toBe(401);
    // The same name cannot be filed twice or taken meanwhile.
    expect((await secadmin.post('/api/v1/users', { username: 'NEW_STAFF', displayName: '又一个', password: TEST_PASSWORD, roles: ['member'] })).status).toBe(409);
  });

  it('does not let the secadmin approve his own request, nor the auditor approve anything', async () => {
    const own = await secadmin.post(`/api/v1/admin-requests/${requestId}/approve`, {});
    expect(own.status).toBe(403);
    expect(own.body.message).toContain('另一位管理员');
    expect((await auditor.post(`/api/v1/admin-requests/${requestId}/approve`, {})).status).toBe(403);
  });

  it('creates the account when a second administrator approves, and audits both names', async () => {
    // The approvers hear of it; the requester does not notify himself.
    const told = (await sysadmin.get('/api/v1/notifications?pageSize=50')).body.items;
    expect(told.find((n: { kind: string; message: string }) => n.kind === 'admin_request.pending' && n.message.includes('new_staff'))).toBeTruthy();
    expect((await secadmin.get('/api/v1/notifications?pageSize=50')).body.items.filter((n: { kind: string }) => n.kind === 'admin_request.pending')).toHaveLength(0);
    const listed = await sysadmin.get('/api/v1/admin-requests?status=pending');
    expect(listed.body.items.find((i: { id: number }) => i.id === requestId)).toMatchObject({ canApprove: true, requestedByName: 't_secadmin' });
    const ok = await sysadmin.post(`/api/v1/admin-requests/${requestId}/approve`, { note: '经核实为提案委新任工作人员' });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'approved', decidedByName: 't_sysadmin', decisionNote: '经核实为提案委新任工作人员' });
    const [u] = await database.db.select().from(users).where(eq(users.username, 'new_staff'));
    expect(u).toMatchObject({ roles: ['staff'], mustChangePassword: true });
    expect((await tryLogin('new_staff', TEST_PASSWORD)).statusCode).toBe(200);
    const [row] = await database.db.select().from(auditLog).where(and(eq(auditLog.action, 'user.create'), eq(auditLog.entityId, u!.id)));
    expect(row!.actorId).toBe(w.users.sysadmin.id);
    expect(row!.after).toMatchObject({ approval: { requestId, requestedBy: w.users.secadmin.id, approvedBy: w.users.sysadmin.id } });
    expect(JSON.stringify(row!.after)).not.toContain('argon2');
    expect((await sysadmin.post(`/api/v1/admin-requests/${requestId}/approve`, {})).status).toBe(409);
    const back = (await secadmin.get('/api/v1/notifications?pageSize=50')).body.items;
    expect(back.find((n: { kind: string }) => n.kind === 'admin_request.approved').message).toContain(`第${requestId}号申请已由t_sysadmin批准`);
  });

  it('files a role grant on an existing account, and refuses an approval once the account has changed', async () => {
    const member = (await secadmin.get(`/api/v1/users/${w.users.member2.id}`)).body;
    const grant = await secadmin.patch(`/api/v1/users/${w.users.member2.id}`, { roles: ['member', 'leader'], version: member.version });
    expect(grant.status).toBe(202);
    expect(grant.body.request.summary).toContain('督办领导');
    expect((await secadmin.get(`/api/v1/users/${w.users.member2.id}`)).body.roles).toEqual(['member']);
    // A harmless edit meanwhile: the approver must not grant on a record the requester did not see.
    expect((await secadmin.patch(`/api/v1/users/${w.users.member2.id}`, { displayName: '李秀英', version: member.version })).status).toBe(200);
    const stale = await sysadmin.post(`/api/v1/admin-requests/${grant.body.request.id}/approve`, {});
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe('STALE_VERSION');
    const rejected = await sysadmin.post(`/api/v1/admin-requests/${grant.body.request.id}/reject`, { note: '请重新申请' });
    expect(rejected.body.status).toBe('rejected');
  });

  it('makes an account without such roles at once (members and groups)', async () => {
    const r = await secadmin.post('/api/v1/users', { username: 'plain_member', displayName: '新委员', password: TEST_PASSWORD, roles: ['member'] });
    expect(r.status).toBe(201);
  });

  it('files a new administrator too, so that the secadmin cannot make himself an approver', async () => {
    const r = await secadmin.post('/api/v1/users', { username: 'sock_puppet', displayName: '第二安全管理员', password: TEST_PASSWORD, roles: ['secadmin'] });
    expect(r.status).toBe(202);
    // The requester withdraws it.
    const withdrawn = await secadmin.post(`/api/v1/admin-requests/${r.body.request.id}/reject`, {});
    expect(withdrawn.status).toBe(200);
  });

  it('files switching off an administrator', async () => {
    const auditorRow = (await secadmin.get(`/api/v1/users/${w.users.auditor.id}`)).body;
    const off = await secadmin.patch(`/api/v1/users/${w.users.auditor.id}`, { active: false, version: auditorRow.version });
    expect(off.status).toBe(202);
    expect((await auditor.get('/api/v1/audit')).status).toBe(200);
    await sysadmin.post(`/api/v1/admin-requests/${off.body.request.id}/reject`, {});
  });
});

describe('resetting another administrator’s password', () => {
  it('does not let the secadmin sign in as the auditor by resetting his password alone', async () => {
    const r = await secadmin.post(`/api/v1/users/${w.users.auditor.id}/reset-password`, { newPassword: 'Takeover#2025x' });
    expect(r.status).toBe(202);
    expect(r.body.request.kind).toBe('reset_password');
    expect((await tryLogin(w.users.auditor.username, 'Takeover#2025x')).statusCode).toBe(401);
    expect((await auditor.get('/api/v1/audit')).status).toBe(200); // his session goes on
    expect((await tryLogin(w.users.auditor.username, TEST_PASSWORD)).statusCode).toBe(200);
    // The payload keeps only a hash.
    expect(JSON.stringify((await sysadmin.get('/api/v1/admin-requests')).body)).not.toContain('Takeover');

    // The auditor cannot approve a request about himself either.
    expect((await auditor.post(`/api/v1/admin-requests/${r.body.request.id}/approve`, {})).status).toBe(403);
    const approved = await sysadmin.post(`/api/v1/admin-requests/${r.body.request.id}/approve`, {});
    expect(approved.status).toBe(200);
    expect((await auditor.get('/api/v1/audit')).status).toBe(401); // sessions ended by the reset
    const after = await tryLogin(w.users.auditor.username, 'Takeover#2025x');
    expect(after.statusCode).toBe(200);
    expect(after.json().mustChangePassword).toBe(true);
    auditor = await login(app, w.users.auditor.username, 'Takeover#2025x');
    await auditor.post('/api/v1/auth/password', { currentPassword: 'Takeover#2025x', newPassword: 'Auditor#Own2025' });
  });

  it('does not let the administrator concerned approve a reset of his own password', async () => {
    const r = await secadmin.post(`/api/v1/users/${w.users.sysadmin.id}/reset-password`, { newPassword: 'Another#Reset25' });
    expect(r.status).toBe(202);
    const self = await sysadmin.post(`/api/v1/admin-requests/${r.body.request.id}/approve`, {});
    expect(self.status).toBe(403);
    expect(self.body.message).toContain('自己账户');
    expect((await sysadmin.get('/api/v1/admin-requests?status=pending')).body.items.find((i: { id: number }) => i.id === r.body.request.id).canApprove).toBe(false);
    // A second request of the same kind waits for the first.
    expect((await secadmin.post(`/api/v1/users/${w.users.sysadmin.id}/reset-password`, { newPassword: 'Another#Reset26' })).status).toBe(409);
  });

  it('resets a non-administrator at once', async () => {
    const r = await secadmin.post(`/api/v1/users/${w.users.member3.id}/reset-password`, { newPassword: 'Temp#Reset2025' });
    expect(r.status).toBe(200);
    expect(r.body.mustChangePassword).toBe(true);
  });
});

describe('the auditor’s alert list', () => {
  it('shows every request, approval, rejection and reset, newest first, with names', async () => {
    const list = await alerts();
    const kinds = list.items.map((a: { kind: string }) => a.kind);
    expect(kinds).toEqual(expect.arrayContaining(['approval.requested', 'approval.approved', 'approval.rejected', 'user.reset_password']));
    expect(list.items.filter((a: { kind: string }) => a.kind === 'approval.requested')).toHaveLength(6);
    const created = list.items.find((a: { kind: string; message: string }) => a.kind === 'approval.approved' && a.message.includes('new_staff'));
    expect(created).toMatchObject({ actorName: 't_sysadmin', readAt: null });
    expect(list.unread).toBe(list.total);
    const resetAlone = list.items.find((a: { kind: string; message: string }) => a.kind === 'approval.requested' && a.message.includes('t_auditor'));
    expect(resetAlone.message).toContain('审计管理员');
    expect(resetAlone.auditId).toEqual(expect.any(Number));
  });

  it('lets the auditor mark an alert read, once, and filter the unread', async () => {
    const first = (await alerts()).items[0];
    const r = await auditor.post(`/api/v1/security-alerts/${first.id}/read`);
    expect(r.status).toBe(200);
    expect((await auditor.post(`/api/v1/security-alerts/${first.id}/read`)).status).toBe(409);
    const unread = await auditor.get('/api/v1/security-alerts?unread=true&pageSize=100');
    expect(unread.body.items.map((a: { id: number }) => a.id)).not.toContain(first.id);
    const read = (await alerts()).items.find((a: { id: number }) => a.id === first.id);
    expect(read).toMatchObject({ readByName: 't_auditor', readAt: expect.any(String) });
    expect((await secadmin.get('/api/v1/security-alerts')).status).toBe(403);
  });
});
