import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { freshDatabase } from './helpers/db.js';
import { buildWorld, TEST_PASSWORD, type World } from './helpers/world.js';
import { login, type Client } from './helpers/api.js';
import { buildApp } from '../src/server/http/app.js';
import type { Database } from '../src/server/db/client.js';
import type { App } from '../src/server/http/types.js';
import { proposals, users } from '../src/server/db/schema.js';
import { hashPassword } from '../src/server/auth/passwords.js';

// Nothing crosses tenants: the county's staff and units see none of the city's proposals, and
// ids of the other tenant's records behave as if they did not exist.

let database: Database;
let app: App;
let w: World;
let otherStaff: Client;
let otherUnit: Client;
let proposalId: number;

beforeAll(async () => {
  database = await freshDatabase();
  w = await buildWorld(database.db);
  app = await buildApp({ db: database.db });
  const member = await login(app, w.users.member.username);
  const created = await member.post('/api/v1/proposals', {
    sessionId: w.sessionId,
    title: '关于推进农村生活污水治理设施运维的建议',
    body: '正文',
    category: 'ecology',
  });
  proposalId = created.body.id;
  await database.db.update(proposals).set({ status: 'submitted', submittedAt: new Date() }).where(eq(proposals.id, proposalId));
  otherStaff = await login(app, w.users.otherStaff.username);
  otherUnit = await login(app, w.users.otherUnit.username);
});
afterAll(async () => {
  await app.close();
  await database.close();
});

describe('tenant isolation', () => {
  it('hides another tenant’s proposal from its staff: detail, history and actions are 404', async () => {
    expect((await otherStaff.get(`/api/v1/proposals/${proposalId}`)).status).toBe(404);
    expect((await otherStaff.get(`/api/v1/proposals/${proposalId}/history`)).status).toBe(404);
    const review = await otherStaff.post(`/api/v1/proposals/${proposalId}/review`, { decision: 'file', version: 1 });
    expect(review.status).toBe(404);
    const [p] = await database.db.select().from(proposals).where(eq(proposals.id, proposalId));
    expect(p!.status).toBe('submitted');
  });

  it('lists none of another tenant’s proposals', async () => {
    const list = await otherStaff.get('/api/v1/proposals?pageSize=100');
    expect(list.status).toBe(200);
    expect(list.body.items.map((i: { id: number }) => i.id)).not.toContain(proposalId);
    expect((await otherUnit.get('/api/v1/proposals?pageSize=100')).body.total).toBe(0);
  });

  it('refuses another tenant’s session, units and figures', async () => {
    expect((await otherStaff.get(`/api/v1/sessions/${w.sessionId}`)).status).toBe(404);
    expect((await otherStaff.get(`/api/v1/sessions/${w.sessionId}/figures`)).status).toBe(404);
    const units = await otherStaff.get('/api/v1/units');
    expect(units.status).toBe(200);
    const names = units.body.items?.map((u: { name: string }) => u.name) ?? units.body.map((u: { name: string }) => u.name);
    expect(names).not.toContain('农业农村局');
  });

  it('does not let a member file into another tenant’s session', async () => {
    const member = await login(app, w.users.member.username);
    const r = await member.post('/api/v1/proposals', { sessionId: w.otherSessionId, title: '关于跨区域的一条建议', body: '正文', category: 'other' });
    expect(r.status).toBe(400);
  });
});

describe('tenant isolation of account security', () => {
  // The county gets its own administrators; each tenant's requests, alerts, settings and sessions
  // stay its own.
  let city: Record<'secadmin' | 'sysadmin' | 'auditor', Client>;
  let county: Record<'secadmin' | 'sysadmin' | 'auditor', Client>;
  let cityRequestId: number;

  beforeAll(async () => {
    const hash = await hashPassword(TEST_PASSWORD);
    for (const [username, role] of [['c_secadmin', 'secadmin'], ['c_sysadmin', 'sysadmin'], ['c_auditor', 'auditor']] as const) {
      await database.db.insert(users).values({ tenantId: w.otherTenantId, username, displayName: username, passwordHash: hash, roles: [role] });
    }
    city = { secadmin: await login(app, w.users.secadmin.username), sysadmin: await login(app, w.users.sysadmin.username), auditor: await login(app, w.users.auditor.username) };
    county = { secadmin: await login(app, 'c_secadmin'), sysadmin: await login(app, 'c_sysadmin'), auditor: await login(app, 'c_auditor') };
    const r = await city.secadmin.post(`/api/v1/users/${w.users.auditor.id}/reset-password`, { newPassword: 'Isolated#Reset1' });
    expect(r.status).toBe(202);
    cityRequestId = r.body.request.id;
  });

  it('keeps one tenant’s requests from the other’s administrators: not listed, not approvable', async () => {
    expect((await county.sysadmin.get('/api/v1/admin-requests')).body.total).toBe(0);
    expect((await county.sysadmin.post(`/api/v1/admin-requests/${cityRequestId}/approve`, {})).status).toBe(404);
    expect((await county.secadmin.post(`/api/v1/admin-requests/${cityRequestId}/reject`, {})).status).toBe(404);
    expect((await city.sysadmin.get('/api/v1/admin-requests')).body.items.map((i: { id: number }) => i.id)).toContain(cityRequestId);
  });

  it('keeps alerts, their reading, and the settings per tenant', async () => {
    const cityAlerts = (await city.auditor.get('/api/v1/security-alerts')).body;
    expect(cityAlerts.total).toBeGreaterThan(0);
    expect((await county.auditor.get('/api/v1/security-alerts')).body.total).toBe(0);
    expect((await county.auditor.post(`/api/v1/security-alerts/${cityAlerts.items[0].id}/read`)).status).toBe(404);
    const set = await county.secadmin.put('/api/v1/security-settings', { secondFactorRoles: ['staff'], maxSessions: 2, adminPasswordMaxAgeDays: 60, passwordMaxAgeDays: 0, version: 0 });
    expect(set.status).toBe(200);
    expect((await city.secadmin.get('/api/v1/security-settings')).body).toMatchObject({ secondFactorRoles: [], maxSessions: 3, version: 0 });
    // The county's staff must enrol now; the city's need not.
    expect((await (await login(app, w.users.otherStaff.username)).get('/api/v1/units')).body.code).toBe('SECOND_FACTOR_ENROLMENT_REQUIRED');
    expect((await (await login(app, w.users.staff.username)).get('/api/v1/units')).status).toBe(200);
  });

  it('keeps the other tenant’s accounts out of reach of second-factor resets and unlocks', async () => {
    expect((await county.secadmin.post(`/api/v1/users/${w.users.staff.id}/reset-second-factor`)).status).toBe(404);
    expect((await county.secadmin.post(`/api/v1/users/${w.users.staff.id}/unlock`)).status).toBe(404);
    expect((await county.secadmin.post(`/api/v1/users/${w.users.staff.id}/reset-password`, { newPassword: 'Foreign#Reset1' })).status).toBe(404);
  });

  it('does not let anyone end another user’s session', async () => {
    const mine = (await city.secadmin.get('/api/v1/auth/sessions')).body.items[0].id;
    expect((await county.secadmin.delete(`/api/v1/auth/sessions/${mine}`)).status).toBe(404);
    expect((await city.secadmin.get('/api/v1/auth/me')).status).toBe(200);
  });
});
