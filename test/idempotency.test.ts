import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { freshDatabase } from './helpers/db.js';
import { buildWorld, type World } from './helpers/world.js';
import { login, type Client } from './helpers/api.js';
import { buildApp } from '../src/server/http/app.js';
import type { Database } from '../src/server/db/client.js';
import type { App } from '../src/server/http/types.js';
import { auditLog, proposals, sessions } from '../src/server/db/schema.js';

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

const draft = { title: '关于完善社区居家养老服务网络的建议', body: '正文', category: 'social' };

describe('idempotent resubmission', () => {
  it('creates one proposal for a double-clicked create and answers both the same', async () => {
    const before = (await database.db.select({ n: count() }).from(proposals))[0]!.n;
    const headers = { 'idempotency-key': 'create-7f3a9c21' };
    const a = await member.post('/api/v1/proposals', { ...draft, sessionId: w.sessionId }, headers);
    const b = await member.post('/api/v1/proposals', { ...draft, sessionId: w.sessionId }, headers);
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.body).toEqual(a.body);
    expect(b.headers['idempotent-replay']).toBe('true');
    const after = (await database.db.select({ n: count() }).from(proposals))[0]!.n;
    expect(after - before).toBe(1);
  });

  it('files once: the repeated 立案 neither takes a second number nor answers 409', async () => {
    const created = await member.post('/api/v1/proposals', { ...draft, sessionId: w.sessionId });
    const id = created.body.id as number;
    await database.db.update(proposals).set({ status: 'submitted', submittedAt: new Date() }).where(eq(proposals.id, id));
    const headers = { 'idempotency-key': `file-${id}-0001` };
    const first = await staff.post(`/api/v1/proposals/${id}/review`, { decision: 'file', version: 1 }, headers);
    const second = await staff.post(`/api/v1/proposals/${id}/review`, { decision: 'file', version: 1 }, headers);
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.body.number).toBe(first.body.number);
    const [s] = await database.db.select().from(sessions).where(eq(sessions.id, w.sessionId));
    expect(s!.lastNumber).toBe(first.body.number);
    const audits = await database.db.select().from(auditLog).where(eq(auditLog.proposalId, id));
    expect(audits.filter((a) => a.action === 'proposal.file')).toHaveLength(1);
  });

  it('releases the key after a failed attempt so that a corrected retry goes through', async () => {
    const headers = { 'idempotency-key': 'retry-after-400' };
    const bad = await member.post('/api/v1/proposals', { ...draft, title: '', sessionId: w.sessionId }, headers);
    expect(bad.status).toBe(400);
    const good = await member.post('/api/v1/proposals', { ...draft, sessionId: w.sessionId }, headers);
    expect(good.status).toBe(201);
  });

  it('refuses a key reused for another request', async () => {
    const headers = { 'idempotency-key': 'reused-key-123' };
    const a = await member.post('/api/v1/proposals', { ...draft, sessionId: w.sessionId }, headers);
    expect(a.status).toBe(201);
    const other = await member.post(`/api/v1/proposals/${a.body.id}/withdraw`, { version: 1 }, headers);
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('IDEMPOTENCY_MISMATCH');
  });

  it('keeps keys per user: another user with the same key is not answered from the first', async () => {
    const headers = { 'idempotency-key': 'shared-key-xyz' };
    const a = await member.post('/api/v1/proposals', { ...draft, sessionId: w.sessionId }, headers);
    const m2 = await login(app, w.users.member2.username);
    const b = await m2.post('/api/v1/proposals', { ...draft, sessionId: w.sessionId }, headers);
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.body.id).not.toBe(a.body.id);
  });
});
