import { readFileSync } from 'node:fs';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FastifyBaseLogger } from 'fastify';
import { freshDatabase } from './helpers/db.js';
import { buildWorld, type World } from './helpers/world.js';
import { login, type Client } from './helpers/api.js';
import { startTestQueue } from './helpers/queue.js';
import { buildApp } from '../src/server/http/app.js';
import { registerHeavyJobs } from '../src/server/jobs/heavy-jobs.js';
import { auditLog } from '../src/server/db/schema.js';
import type { Database } from '../src/server/db/client.js';
import type { App } from '../src/server/http/types.js';
import type { Queue } from '../src/server/jobs/queue.js';

// Heavy requests on the queue: a job id at once, progress to poll, the file at the end; each user
// sees only their own jobs; the same permissions as the direct downloads.

const FIXTURE = readFileSync(path.join(import.meta.dirname, 'fixtures/tasks-excerpt.txt'), 'utf8');

let database: Database;
let app: App;
let w: World;
let queue: Queue;
let staff: Client;
let office: Client;
let member: Client;

beforeAll(async () => {
  database = await freshDatabase();
  w = await buildWorld(database.db);
  queue = await startTestQueue(database);
  const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn(), debug: vi.fn() } as unknown as FastifyBaseLogger;
  await registerHeavyJobs({ db: database.db, queue, log, instance: 'test' });
  app = await buildApp({ db: database.db, ops: { queue } });
  staff = await login(app, w.users.staff.username);
  office = await login(app, w.users.office.username);
  member = await login(app, w.users.member.username);
});
afterAll(async () => {
  await app.close();
  await queue.stop();
  await database.close();
});

async function finished(c: Client, id: number) {
  let job: any;
  await vi.waitFor(async () => {
    job = (await c.get(`/api/v1/jobs/${id}`)).body;
    expect(['done', 'failed']).toContain(job.status);
  }, { timeout: 30_000, interval: 200 });
  return job;
}

describe('background jobs', () => {
  it('generates a document: 202 with a job id, progress to 100, then the file', async () => {
    const r = await staff.post('/api/v1/jobs', { kind: 'session-document', sessionId: w.sessionId, document: 'compilation' });
    expect(r.status).toBe(202);
    expect(r.body).toMatchObject({ kind: 'session-document', status: 'queued', progress: 0 });
    const job = await finished(staff, r.body.id);
    expect(job).toMatchObject({ status: 'done', progress: 100, stage: '已完成', error: null });
    expect(job.fileName).toMatch(/汇编\.docx$/);
    const f = await staff.get(`/api/v1/jobs/${r.body.id}/file`);
    expect(f.status).toBe(200);
    expect(f.headers['content-disposition']).toContain('filename*=UTF-8');
    expect(String(f.headers['content-type'])).toContain('wordprocessingml');
    const [audit] = await database.db.select().from(auditLog).where(and(eq(auditLog.action, 'job.create'), eq(auditLog.entityId, r.body.id)));
    expect(audit?.actorId).toBe(w.users.staff.id);
    // Fetching the file is a download like any other: audited with its name.
    const [fetched] = await database.db.select().from(auditLog).where(and(eq(auditLog.action, 'export.job_file'), eq(auditLog.entityId, r.body.id)));
    expect(fetched).toMatchObject({ actorId: w.users.staff.id, entityType: 'job' });
    expect((fetched!.after as { fileName: string }).fileName).toMatch(/汇编\.docx$/);
  });

  it('reports progress from inside its read transaction without blocking itself (one PGlite connection)', async () => {
    for (const document of ['key-publicity', 'key-review'] as const) {
      const r = await staff.post('/api/v1/jobs', { kind: 'session-document', sessionId: w.sessionId, document });
      const job = await finished(staff, r.body.id);
      expect(job).toMatchObject({ status: 'done', progress: 100 });
      expect(job.fileName).toMatch(/\.docx$/);
    }
  });

  it('exports the proposal list for a member', async () => {
    const r = await member.post('/api/v1/jobs', { kind: 'proposal-export', query: {} });
    expect(r.status).toBe(202);
    const job = await finished(member, r.body.id);
    expect(job.status).toBe('done');
    expect(job.fileName).toMatch(/\.xlsx$/);
  });

  it('imports a task table and answers with the counts', async () => {
    const list = await office.post('/api/v1/task-lists', { year: 2025, title: '2025年政府工作报告重点工作任务' });
    expect(list.status).toBe(201);
    const file = { fileName: 'a.txt', contentBase64: Buffer.from(FIXTURE).toString('base64') };
    const preview = await office.post(`/api/v1/task-lists/${list.body.id}/import/preview`, file);
    const unitMapping = Object.fromEntries(preview.body.unknownUnits.map((u: { name: string }) => [u.name, 'create']));
    const r = await office.post('/api/v1/jobs', { kind: 'task-import', listId: list.body.id, commit: { ...file, unitMapping } });
    expect(r.status).toBe(202);
    const job = await finished(office, r.body.id);
    expect(job.error).toBeNull();
    expect(job.status).toBe('done');
    expect(job.result.created).toBeGreaterThan(5);
    expect(job.fileName).toBeNull();
  });

  it('records a refused job as failed with the Chinese reason', async () => {
    const r = await staff.post('/api/v1/jobs', { kind: 'session-document', sessionId: w.otherSessionId, document: 'key-review' });
    expect(r.status).toBe(202);
    const job = await finished(staff, r.body.id);
    expect(job.status).toBe('failed');
    expect(job.error).toMatch(/不存在或无权查看/);
    expect((await staff.get(`/api/v1/jobs/${r.body.id}/file`)).status).toBe(404);
  });

  it('keeps each user’s jobs to themselves, and refuses kinds the role may not ask for', async () => {
    const r = await staff.post('/api/v1/jobs', { kind: 'proposal-export', query: {} });
    expect((await office.get(`/api/v1/jobs/${r.body.id}`)).status).toBe(404);
    expect((await office.get(`/api/v1/jobs/${r.body.id}/file`)).status).toBe(404);
    const other = await login(app, w.users.otherStaff.username);
    expect((await other.get(`/api/v1/jobs/${r.body.id}`)).status).toBe(404);
    expect((await member.post('/api/v1/jobs', { kind: 'session-document', sessionId: w.sessionId, document: 'compilation' })).status).toBe(403);
    expect((await staff.post('/api/v1/jobs', { kind: 'task-import', listId: 1, commit: { fileName: 'a.txt', contentBase64: 'YQ==' } })).status).toBe(403);
  });

  it('validates the request: unknown kinds, ids beyond int32', async () => {
    expect((await staff.post('/api/v1/jobs', { kind: 'delete-everything' })).status).toBe(400);
    const big = await staff.post('/api/v1/jobs', { kind: 'session-document', sessionId: 2 ** 31, document: 'compilation' });
    expect(big.status).toBe(400);
    expect((await staff.get('/api/v1/jobs/99999999999')).status).toBe(400);
  });
});
