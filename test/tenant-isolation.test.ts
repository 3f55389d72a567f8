import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { freshDatabase } from './helpers/db.js';
import { buildWorld, type World } from './helpers/world.js';
import { login, type Client } from './helpers/api.js';
import { buildApp } from '../src/server/http/app.js';
import type { Database } from '../src/server/db/client.js';
import type { App } from '../src/server/http/types.js';
import { proposals, users } from '../src/server/db/schema.js';

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
