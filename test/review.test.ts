import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from './helpers/db.js';
import { buildWorld, type World } from './helpers/world.js';
import { login, type Client } from './helpers/api.js';
import { buildApp } from '../src/server/http/app.js';
import type { Database } from '../src/server/db/client.js';
import type { App } from '../src/server/http/types.js';
import { proposals } from '../src/server/db/schema.js';

let database: Database;
let app: App;
let w: World;
let member: Client;
let staff: Client;

beforeAll(async () => {
  database = await freshDatabase();
  w = await buildWorld(database.db);
  app = await buildApp({ db: database.db });
  member = await login(app, w.users.member.username);
  staff = await login(app, w.users.staff.username);
});
afterAll(async () => {
  await app.close();
  await database.close();
});

async function submittedProposal(title = '关于加强农村饮用水安全保障的建议') {
  const created = await member.post('/api/v1/proposals', { sessionId: w.sessionId, title, body: '正文', category: 'agriculture' });
  expect(created.status).toBe(201);
  // Submission is another issue's use case; set the state directly for this test.
  const { eq } = await import('drizzle-orm');
  await database.db.update(proposals).set({ status: 'submitted', submittedAt: new Date() }).where(eq(proposals.id, created.body.id));
  return created.body.id as number;
}

describe('review', () => {
  it('files with consecutive numbers in the session', async () => {
    const a = await submittedProposal();
    const b = await submittedProposal('关于推进校园食堂明厨亮灶的建议');
    const ra = await staff.post(`/api/v1/proposals/${a}/review`, { decision: 'file', version: 1 });
    const rb = await staff.post(`/api/v1/proposals/${b}/review`, { decision: 'file', version: 1 });
    expect(ra.status).toBe(200);
    expect(rb.status).toBe(200);
    expect(ra.body.status).toBe('filed');
    expect(rb.body.number).toBe(ra.body.number + 1);
  });

  it('answers 409 naming the state when filing twice', async () => {
    const a = await submittedProposal();
    await staff.post(`/api/v1/proposals/${a}/review`, { decision: 'file', version: 1 });
    const again = await staff.post(`/api/v1/proposals/${a}/review`, { decision: 'file', version: 2 });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('ILLEGAL_TRANSITION');
    expect(again.body.message).toContain('已立案待交办');
  });

  it('rejects a stale version with 409', async () => {
    const a = await submittedProposal();
    const r = await staff.post(`/api/v1/proposals/${a}/review`, { decision: 'file', version: 7 });
    expect(r.status).toBe(409);
    expect(r.body.code).toBe('STALE_VERSION');
  });

  it('validates the decision with Chinese messages per field', async () => {
    const a = await submittedProposal();
    const r = await staff.post(`/api/v1/proposals/${a}/review`, { decision: 'reject', version: 1 });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('VALIDATION_FAILED');
    expect(r.body.details.map((d: { path: string }) => d.path)).toEqual(expect.arrayContaining(['body.reason', 'body.conversion']));
    expect(JSON.stringify(r.body.details)).toMatch(/请选择/);
  });

  it('forbids members from reviewing and requires CSRF', async () => {
    const a = await submittedProposal();
    const r = await member.post(`/api/v1/proposals/${a}/review`, { decision: 'file', version: 1 });
    expect(r.status).toBe(403);
    const noCsrf = await app.inject({ method: 'POST', url: `/api/v1/proposals/${a}/review`, payload: { decision: 'file', version: 1 } });
    expect(noCsrf.statusCode).toBe(401);
  });
});
