import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { freshDatabase } from './helpers/db.js';
import { buildWorld, type World } from './helpers/world.js';
import { login, type Client } from './helpers/api.js';
import { buildApp } from '../src/server/http/app.js';
import type { Database } from '../src/server/db/client.js';
import type { App } from '../src/server/http/types.js';
import { proposals, sessions, units } from '../src/server/db/schema.js';
import { isRetryable, retrying, uniqueViolation, withTransactionRetry } from '../src/server/db/pg-errors.js';

// Issue 13: a unique violation answers 409 with a message, a serialization failure or deadlock in a
// write transaction runs the transaction again instead of reaching the user.

let database: Database;
let app: App;
let w: World;
let member: Client;
let staff: Client;
let flaky = 0;

/** An error as drizzle throws it: the driver's error as its cause. */
const wrapped = (code: string) => Object.assign(new Error('Failed query: update …'), { cause: Object.assign(new Error('could not serialize access'), { code }) });

beforeAll(async () => {
  database = await freshDatabase();
  w = await buildWorld(database.db);
  app = await buildApp({ db: database.db });
  // A write route whose transaction loses a race `flaky` times before it goes through.
  app.post('/api/v1/test-flaky-write', { config: { access: ['staff'] } }, async () => {
    const id = await app.db.transaction(async (tx) => {
      const [u] = await tx.insert(units).values({ tenantId: w.tenantId, name: `重试单位${Date.now()}${Math.random()}` }).returning();
      if (flaky > 0) {
        flaky--;
        throw wrapped('40P01');
      }
      return u!.id;
    });
    return { id };
  });
  member = await login(app, w.users.member.username);
  staff = await login(app, w.users.staff.username);
});
afterAll(async () => {
  await app.close();
  await database.close();
});

async function submittedProposal(title: string) {
  const created = await member.post('/api/v1/proposals', { sessionId: w.sessionId, title, body: '正文', category: 'agriculture' });
  expect(created.status).toBe(201);
  await database.db.update(proposals).set({ status: 'submitted', submittedAt: new Date() }).where(eq(proposals.id, created.body.id));
  return created.body.id as number;
}

describe('unique violations', () => {
  it('a duplicate 第N号 answers 409 with a Chinese message naming the number, and nothing is written', async () => {
    const a = await submittedProposal('关于加强农村饮用水安全保障的建议');
    const b = await submittedProposal('关于推进校园食堂明厨亮灶的建议');
    const ra = await staff.post(`/api/v1/proposals/${a}/review`, { decision: 'file', version: 1 });
    expect(ra.status).toBe(200);
    // The session's counter falls behind the numbers in use (imported or generated data).
    await database.db.update(sessions).set({ lastNumber: ra.body.number - 1 }).where(eq(sessions.id, w.sessionId));
    const rb = await staff.post(`/api/v1/proposals/${b}/review`, { decision: 'file', version: 1 });
    expect(rb.status).toBe(409);
    expect(rb.body.code).toBe('CONFLICT');
    expect(rb.body.message).toBe(`本届次会议已有第${ra.body.number}号，编号重复，请刷新后重试`);
    expect(rb.body.details).toMatchObject({ constraint: 'proposals_session_number', number: ra.body.number });
    const [still] = await database.db.select({ status: proposals.status, number: proposals.number }).from(proposals).where(eq(proposals.id, b));
    expect(still).toEqual({ status: 'submitted', number: null });
    const [s] = await database.db.select({ lastNumber: sessions.lastNumber }).from(sessions).where(eq(sessions.id, w.sessionId));
    expect(s!.lastNumber).toBe(ra.body.number - 1);
  });

  it('maps other constraints to their own message and unknown ones to a generic one', () => {
    const e = (constraint: string) => wrappedUnique(constraint);
    expect(uniqueViolation(e('units_tenant_name'))?.message).toBe('已有同名的承办单位');
    expect(uniqueViolation(e('something_new'))?.message).toBe('与已有记录重复，请刷新后重试');
    expect(uniqueViolation(wrapped('40001'))).toBeNull();
    expect(uniqueViolation(new Error('plain'))).toBeNull();
  });
});

function wrappedUnique(constraint: string) {
  return Object.assign(new Error('Failed query'), { cause: Object.assign(new Error('duplicate key'), { code: '23505', constraint, detail: 'Key (x)=(1) already exists.' }) });
}

describe('retried transactions', () => {
  it('a write that hits a deadlock twice is run again and answers 200, written once', async () => {
    flaky = 2;
    const before = await database.db.select({ n: sql<number>`count(*)::int` }).from(units).where(eq(units.tenantId, w.tenantId));
    const r = await staff.post('/api/v1/test-flaky-write', {});
    expect(r.status).toBe(200);
    expect(flaky).toBe(0);
    const after = await database.db.select({ n: sql<number>`count(*)::int` }).from(units).where(eq(units.tenantId, w.tenantId));
    expect(after[0]!.n).toBe(before[0]!.n + 1);
  });

  it('gives up after a few attempts and answers 503 (retry later), never 500', async () => {
    flaky = 100;
    const r = await staff.post('/api/v1/test-flaky-write', {});
    expect(r.status).toBe(503);
    expect(r.body.code).toBe('UNAVAILABLE');
    expect(r.body.message).toBe('系统繁忙，请稍后重试');
    expect(flaky).toBe(96); // 4 attempts
    flaky = 0;
  });

  it('retries only 40001 and 40P01, with a growing jittered delay', async () => {
    expect(isRetryable(wrapped('40001'))).toBe(true);
    expect(isRetryable(wrapped('40P01'))).toBe(true);
    expect(isRetryable(wrapped('23505'))).toBe(false);
    let calls = 0;
    await expect(
      retrying(async () => {
        calls++;
        throw wrapped('23505');
      }),
    ).rejects.toThrow();
    expect(calls).toBe(1);
    const seen: number[] = [];
    const v = await retrying(
      async () => {
        if (seen.length < 3) throw wrapped('40001');
        return 'ok';
      },
      { baseMs: 1, onRetry: (_e, attempt) => seen.push(attempt) },
    );
    expect(v).toBe('ok');
    expect(seen).toEqual([1, 2, 3]);
  });

  it.skipIf(process.env.TEST_DB !== 'postgres')('two transactions that deadlock on PostgreSQL both commit', async () => {
    const [a] = await database.db.insert(units).values({ tenantId: w.tenantId, name: '死锁甲' }).returning();
    const [b] = await database.db.insert(units).values({ tenantId: w.tenantId, name: '死锁乙' }).returning();
    let retries = 0;
    const dbCounting = withTransactionRetry(database.db, { baseMs: 20, onRetry: () => retries++ });
    const gate = () => new Promise((r) => setTimeout(r, 150));
    const lockBoth = (d: ReturnType<typeof withTransactionRetry>, first: number, second: number, label: string) =>
      d.transaction(async (tx) => {
        await tx.update(units).set({ name: sql`${units.name} || ${label}` }).where(eq(units.id, first));
        await gate();
        await tx.update(units).set({ name: sql`${units.name} || ${label}` }).where(eq(units.id, second));
      });
    await Promise.all([lockBoth(dbCounting, a!.id, b!.id, '1'), lockBoth(dbCounting, b!.id, a!.id, '2')]);
    expect(retries).toBeGreaterThanOrEqual(1);
    const rows = await database.db.select({ name: units.name }).from(units).where(sql`${units.id} in (${a!.id}, ${b!.id})`);
    for (const r of rows) expect(r.name).toMatch(/^死锁.(12|21)$/);
  });
});
