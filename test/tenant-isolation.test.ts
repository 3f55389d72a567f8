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

  it('refuses another tenant’s staff on the reply review and evaluation (代录) routes as if the proposal did not exist', async () => {
    const calls = [
      ['reply-review/approve', { version: 1 }],
      ['reply-review/return', { reason: '退回修改', version: 1 }],
      ['evaluations', { attitude: 'satisfied', result: 'satisfied', version: 1 }],
    ] as const;
    for (const [path, body] of calls) expect((await otherStaff.post(`/api/v1/proposals/${proposalId}/${path}`, body)).status, path).toBe(404);
    expect((await otherUnit.post(`/api/v1/proposals/${proposalId}/co-opinions`, { body: '意见' })).status).toBe(404);
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

  it('keeps the audit log, its verification and its export within the tenant', async () => {
    const [hash] = await database.db.select({ h: users.passwordHash }).from(users).where(eq(users.id, w.users.auditor.id));
    await database.db.insert(users).values({ tenantId: w.otherTenantId, username: 't_iso_auditor', displayName: '县审计员', passwordHash: hash!.h, roles: ['auditor'] });
    const countyAuditor = await login(app, 't_iso_auditor');
    const list = await countyAuditor.get('/api/v1/audit?pageSize=100');
    expect(list.status).toBe(200);
    expect(list.body.items.map((i: { proposalId: number | null }) => i.proposalId)).not.toContain(proposalId);
    expect(list.body.items.every((i: { chain: number }) => i.chain === w.otherTenantId)).toBe(true);
    const verify = await countyAuditor.post('/api/v1/audit/verify');
    expect(verify.body.chains.map((c: { chain: number }) => c.chain)).toEqual([w.otherTenantId]);
    const file = await countyAuditor.get(`/api/v1/audit/export.xlsx?proposalId=${proposalId}`);
    expect(file.status).toBe(200);
    expect(String(file.body)).not.toContain('关于推进农村生活污水治理设施运维的建议');
  });
});

describe('tenant isolation of the office’s work (代录, batches, similarity, imports)', () => {
  it('treats the other tenant’s proposals as missing in every batch and in 代录', async () => {
    const [p] = await database.db.select().from(proposals).where(eq(proposals.id, proposalId));
    const file = await otherStaff.post('/api/v1/proposals/file-bulk', { items: [{ id: proposalId, version: p!.version }] });
    expect(file.status).toBe(404);
    expect(file.body.message).toBe(`第1项（提案ID ${proposalId}）立案失败：提案不存在或无权查看，本批次均未立案`);
    expect((await otherStaff.post('/api/v1/proposals/publish-bulk', { items: [{ id: proposalId, version: p!.version }] })).status).toBe(404);
    expect((await otherStaff.post('/api/v1/proposals/remind-bulk', { items: [{ id: proposalId }] })).status).toBe(404);
    expect((await otherUnit.post('/api/v1/proposals/sign-bulk', { items: [{ id: proposalId }] })).status).toBe(404);
    expect((await otherStaff.post(`/api/v1/proposals/${proposalId}/cosign/record`, { memberId: w.members.li, version: p!.version })).status).toBe(404);
    expect((await otherStaff.get(`/api/v1/proposals/merge-check?primaryId=${proposalId}&secondaryIds=${proposalId}`)).status).toBe(404);
    const paper = await otherStaff.post('/api/v1/proposals/paper', {
      sessionId: w.otherSessionId, title: '关于县里一件事的建议', body: '正文', category: 'other', proposer: { memberId: w.members.wang },
    });
    expect(paper.status).toBe(400);
    expect(paper.body.details[0]).toMatchObject({ path: 'body.proposer.memberId', message: '提案人不存在' });
    const [after] = await database.db.select().from(proposals).where(eq(proposals.id, proposalId));
    expect(after).toMatchObject({ status: 'submitted', number: null, version: p!.version });
  });

  it('keeps the overdue list and the batch progress to their own tenant and user', async () => {
    await database.db.update(proposals).set({ status: 'handling', deadline: '2020-01-01', number: 99 }).where(eq(proposals.id, proposalId));
    try {
      const res = await app.inject({ method: 'GET', url: '/api/v1/proposals/overdue.xlsx', headers: { cookie: await cookieOf('t_other_staff') } });
      expect(res.statusCode).toBe(200);
      expect(res.rawPayload.toString('latin1')).not.toContain('农村生活污水');
      const ours = await app.inject({ method: 'GET', url: '/api/v1/proposals/overdue.xlsx', headers: { cookie: await cookieOf('t_staff') } });
      const ExcelJS = (await import('exceljs')).default;
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(ours.rawPayload as unknown as ArrayBuffer);
      expect(String(wb.worksheets[0]!.getCell(3, 3).value)).toBe('关于推进农村生活污水治理设施运维的建议');
      const theirs = new ExcelJS.Workbook();
      await theirs.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
      expect(theirs.worksheets[0]!.rowCount).toBe(2);
    } finally {
      await database.db.update(proposals).set({ status: 'submitted', deadline: null, number: null }).where(eq(proposals.id, proposalId));
    }
  });
});

async function cookieOf(username: string): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: 'Test@pass2026' } });
  return `duban_sid=${res.cookies.find((c) => c.name === 'duban_sid')!.value}`;
}
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
