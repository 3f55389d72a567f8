import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, inArray, like } from 'drizzle-orm';
import { freshDatabase } from './helpers/db.js';
import { buildWorld, TEST_PASSWORD, type World } from './helpers/world.js';
import { login, type Client } from './helpers/api.js';
import { buildApp } from '../src/server/http/app.js';
import type { Database } from '../src/server/db/client.js';
import type { App } from '../src/server/http/types.js';
import { auditLog, authThrottle, securityAlerts, users } from '../src/server/db/schema.js';
import { hashPassword } from '../src/server/auth/passwords.js';

// Sign-in under attack: failures counted atomically (parallel guesses), per account and address,
// per account from everywhere, per address across accounts, in a table every server process
// shares. The app runs on a clock the tests move.

let database: Database;
let app: App;
let w: World;
let clock = new Date('2025-03-03T01:00:00Z');
const advance = (minutes: number) => {
  clock = new Date(clock.getTime() + minutes * 60_000);
};
const WRONG = 'Wrong#Pass2025';

beforeAll(async () => {
  database = await freshDatabase();
  w = await buildWorld(database.db);
  app = await buildApp({ db: database.db, now: () => clock });
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const attempt = (username: string, password: string, from = '127.0.0.1', on: App = app) =>
  on.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, remoteAddress: from });

async function makeUser(username: string) {
  const [u] = await database.db
    .insert(users)
    .values({ tenantId: w.tenantId, username, displayName: username, passwordHash: await hashPassword(TEST_PASSWORD), roles: ['staff'], organ: 'cppcc' })
    .returning();
  return u!;
}

const auditRows = (userId: number) =>
  database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityId, userId), eq(auditLog.entityType, 'user'), inArray(auditLog.action, ['auth.failed', 'account.locked'])));

describe('lockout under concurrency', () => {
  it('counts exactly 5 of 40 parallel wrong passwords, answers 423 to the rest, and refuses the right one while locked', async () => {
    const u = await makeUser('race_me');
    const results = await Promise.all(Array.from({ length: 40 }, () => attempt('race_me', WRONG)));
    const statuses = results.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 401)).toHaveLength(4);
    expect(statuses.filter((s) => s === 423)).toHaveLength(36);
    // Exactly five failures were counted and audited: the rest never reached the password check.
    const [counter] = await database.db.select().from(authThrottle).where(eq(authThrottle.key, 'acct:race_me|127.0.0.1'));
    expect(counter!.hits).toBe(5);
    expect(counter!.blockedUntil).not.toBeNull();
    const rows = await auditRows(u.id);
    expect(rows).toHaveLength(5);
    expect(rows.filter((r) => r.action === 'account.locked')).toHaveLength(1);

    const right = await attempt('race_me', TEST_PASSWORD);
    expect(right.statusCode).toBe(423);
    expect(right.json().code).toBe('ACCOUNT_LOCKED');
    expect(right.cookies.find((c) => c.name === 'duban_sid')).toBeUndefined();
  });

  it('lets the right password in once the lock has run out', async () => {
    advance(31);
    expect((await attempt('race_me', TEST_PASSWORD)).statusCode).toBe(200);
    // …and the failures in a row start over.
    const [counter] = await database.db.select().from(authThrottle).where(eq(authThrottle.key, 'acct:race_me|127.0.0.1'));
    expect(counter).toBeUndefined();
  });
});

describe('per source address and per account', () => {
  it('does not let one address keep an account locked for everyone: the holder signs in from elsewhere', async () => {
    await makeUser('anquan_x');
    for (let i = 0; i < 5; i++) await attempt('anquan_x', WRONG, '203.0.113.66');
    expect((await attempt('anquan_x', TEST_PASSWORD, '203.0.113.66')).statusCode).toBe(423);
    // The real holder, at the office, is not locked out by the attacker's address.
    expect((await attempt('anquan_x', TEST_PASSWORD, '198.51.100.7')).statusCode).toBe(200);
    // Nor does the attacker's address get to pile more failures onto the account: it stays at 423.
    for (let i = 0; i < 10; i++) expect((await attempt('anquan_x', WRONG, '203.0.113.66')).statusCode).toBe(423);
  });

  it('locks an account for every address after 20 failures from many addresses, and tells the auditor', async () => {
    const u = await makeUser('spread_me');
    for (let a = 1; a <= 4; a++) for (let i = 0; i < 5; i++) await attempt('spread_me', WRONG, `192.0.2.${a}`);
    const fromElsewhere = await attempt('spread_me', TEST_PASSWORD, '192.0.2.200');
    expect(fromElsewhere.statusCode).toBe(423);
    const alerts = await database.db.select().from(securityAlerts).where(and(eq(securityAlerts.subjectUserId, u.id), eq(securityAlerts.kind, 'account.locked')));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.message).toContain('spread_me');
    advance(31);
    expect((await attempt('spread_me', TEST_PASSWORD, '192.0.2.200')).statusCode).toBe(200);
  });

  it('stops one address guessing across many accounts with 429, known names and unknown alike; other addresses go on', async () => {
    advance(60);
    const from = '203.0.113.9';
    const names = [...Array.from({ length: 20 }, (_, i) => `nobody_${i}`), ...Object.values(w.users).map((u) => u.username)];
    const statuses: number[] = [];
    for (const name of names.slice(0, 31)) statuses.push((await attempt(name, WRONG, from)).statusCode);
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses[30]).toBe(429);
    const blocked = await attempt(w.users.member.username, TEST_PASSWORD, from);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json()).toMatchObject({ code: 'RATE_LIMITED' });
    expect(blocked.json().message).toContain('登录尝试过于频繁');
    expect((await attempt(w.users.member.username, TEST_PASSWORD, '203.0.113.10')).statusCode).toBe(200);
    advance(16);
    expect((await attempt(w.users.member.username, TEST_PASSWORD, from)).statusCode).toBe(200);
  });

  it('keeps the counters in the database, so that two server processes share them', async () => {
    advance(60);
    await makeUser('two_procs');
    const second = await buildApp({ db: database.db, now: () => clock });
    try {
      for (let i = 0; i < 3; i++) expect((await attempt('two_procs', WRONG)).statusCode).toBe(401);
      const fourth = await attempt('two_procs', WRONG, '127.0.0.1', second);
      expect(fourth.json().message).toContain('还可尝试1次');
      expect((await attempt('two_procs', WRONG, '127.0.0.1', second)).statusCode).toBe(423);
      expect((await attempt('two_procs', TEST_PASSWORD)).statusCode).toBe(423);
    } finally {
      await second.close();
    }
  });

  it('lets the secadmin lift the locks of an account from every address', async () => {
    advance(60);
    const u = await makeUser('unlock_all');
    for (let a = 1; a <= 2; a++) for (let i = 0; i < 5; i++) await attempt('unlock_all', WRONG, `192.0.2.1${a}`);
    const secadmin: Client = await login(app, w.users.secadmin.username);
    const seen = await secadmin.get(`/api/v1/users/${u.id}`);
    expect(seen.body).toMatchObject({ locked: true, failedLogins: 10 });
    expect((await secadmin.post(`/api/v1/users/${u.id}/unlock`)).body.locked).toBe(false);
    expect(await database.db.select().from(authThrottle).where(like(authThrottle.key, 'acct:unlock_all%'))).toHaveLength(0);
    expect((await attempt('unlock_all', TEST_PASSWORD, '192.0.2.11')).statusCode).toBe(200);
  });
});

describe('the client address', () => {
  it('ignores X-Forwarded-For unless the proxy is trusted, so that nobody picks their own address', async () => {
    advance(60);
    await makeUser('xff_me');
    const spoofed = (i: number) =>
      app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'xff_me', password: WRONG }, remoteAddress: '198.51.100.50', headers: { 'x-forwarded-for': `10.9.9.${i}` } });
    for (let i = 0; i < 5; i++) await spoofed(i);
    // Five "different" addresses were one connection: locked for it.
    expect((await spoofed(99)).statusCode).toBe(423);

    const proxied = await buildApp({ db: database.db, now: () => clock, trustProxy: ['198.51.100.60'] });
    try {
      const via = (client: string) =>
        proxied.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'xff_me', password: TEST_PASSWORD }, remoteAddress: '198.51.100.60', headers: { 'x-forwarded-for': client } });
      // Behind the trusted proxy the client's own address counts: another client is not locked.
      expect((await via('203.0.113.200')).statusCode).toBe(200);
    } finally {
      await proxied.close();
    }
  });
});

describe('usernames', () => {
  it('signs in whatever the letter case, and refuses a name that differs from another only in case', async () => {
    advance(60);
    expect((await attempt('T_MEMBER', TEST_PASSWORD)).statusCode).toBe(200);
    const secadmin = await login(app, w.users.secadmin.username);
    const dup = await secadmin.post('/api/v1/users', { username: 'T_Member', displayName: '重名', password: 'Another#Pass2025', roles: ['member'] });
    expect(dup.status).toBe(409);
    expect(dup.body.message).toBe('用户名已被使用');
    // The database refuses it too (two administrators at once would otherwise race past the check).
    await expect(
      database.db.insert(users).values({ tenantId: w.tenantId, username: 'WeiYuan_T', displayName: 'a', passwordHash: 'x', roles: ['member'] }).then(() =>
        database.db.insert(users).values({ tenantId: w.tenantId, username: 'weiyuan_t', displayName: 'b', passwordHash: 'x', roles: ['member'] }),
      ),
    ).rejects.toThrow();
  });

  it('refuses a username with characters no account can have (no key tricks with "|")', async () => {
    const r = await attempt('anquan|203.0.113.66', WRONG);
    expect(r.statusCode).toBe(400);
  });
});
