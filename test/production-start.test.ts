import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { freshDatabase } from './helpers/db.js';
import { buildApp } from '../src/server/http/app.js';
import type { Database } from '../src/server/db/client.js';
import type { App } from '../src/server/http/types.js';
import { auditLog, securityAlerts, tenants, users } from '../src/server/db/schema.js';
import { loadConfig } from '../src/server/config.js';
import { prepareDatabase } from '../src/server/startup.js';
import { bootstrapAdministrator, BootstrapError } from '../src/server/domain/bootstrap-admin.js';
import { hashPassword } from '../src/server/auth/passwords.js';
import { DEMO_PASSWORD } from '../src/server/seed/demo-data.js';
import { totpCode } from '../src/server/auth/totp.js';

// The first start in production: no demo data, no default password, the first administrators
// made from the command line with a one-time password, each forced to change it and to enrol a
// second factor before anything else. The demo keeps its two-command start.

let database: Database;
let app: App;
let demo: App;
const NOW = new Date('2025-09-01T02:00:00Z');
const root = path.resolve(import.meta.dirname, '..');
// Production refuses to start without its own keys (audit chain, SM4 data key, blind index).
const KEYS = { AUDIT_HMAC_KEY: 'a'.repeat(40), DATA_INDEX_KEY: 'i'.repeat(40), DATA_KEY_ID: 'k1', DATA_KEY_k1: 'b'.repeat(32) };

beforeAll(async () => {
  database = await freshDatabase();
  app = await buildApp({ db: database.db, now: () => NOW, mode: 'production' });
  demo = await buildApp({ db: database.db, now: () => NOW, mode: 'demo' });
});
afterAll(async () => {
  await app.close();
  await demo.close();
  await database.close();
});

describe('configuration', () => {
  it('makes the mode explicit and refuses demo data in production', () => {
    expect(loadConfig({}).mode).toBe('demo');
    expect(loadConfig({}).seedDemo).toBe(true);
    const prod = loadConfig({ NODE_ENV: 'production', ...KEYS });
    expect(prod).toMatchObject({ mode: 'production', seedDemo: false });
    expect(loadConfig({ DUBAN_MODE: 'production', ...KEYS }).mode).toBe('production');
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/AUDIT_HMAC_KEY/);
    expect(() => loadConfig({ NODE_ENV: 'production', SEED_DEMO: 'true' })).toThrow(/演示数据/);
    expect(() => loadConfig({ DUBAN_MODE: 'production', DUBAN_CLOCK: 'demo', ...KEYS })).toThrow(/DUBAN_CLOCK/);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.1, 10.1.0.0/16' }).trustProxy).toEqual(['10.0.0.1', '10.1.0.0/16']);
    expect(loadConfig({}).trustProxy).toBe(false); // no proxy believed: the TCP peer is the client
    expect(() => loadConfig({ LOGIN_ADDRESS_MAX_FAILURES: 'many' })).toThrow(/LOGIN_ADDRESS_MAX_FAILURES/);
  });

  it('tells the web app whether it is a demo, for the 「演示环境」 banner', async () => {
    expect((await demo.inject({ method: 'GET', url: '/api/v1/auth/options' })).json()).toMatchObject({ demo: true });
    expect((await app.inject({ method: 'GET', url: '/api/v1/auth/options' })).json()).toMatchObject({ demo: false });
  });
});

describe('the database at start', () => {
  it('says how to create the first administrators when there is none', async () => {
    const r = await prepareDatabase(database.db, { mode: 'production', seedDemo: false });
    expect(r.seeded).toBeNull();
    expect(r.notices.join('\n')).toContain('npm run admin:create');
  });

  it('refuses, in production, a database where a demo account still has the demo password', async () => {
    const [t] = await database.db.insert(tenants).values({ name: '演示市', level: 'city', code: 'DEMO-T' }).returning();
    const [u] = await database.db
      .insert(users)
      .values({ tenantId: t!.id, username: 'anquan', displayName: '安全管理员', passwordHash: await hashPassword(DEMO_PASSWORD), roles: ['secadmin'] })
      .returning();
    await expect(prepareDatabase(database.db, { mode: 'production', seedDemo: false })).rejects.toThrow(/演示密码.*anquan/);
    // A real account that happens to be called anquan, with its own password, is no demo.
    await database.db.update(users).set({ passwordHash: await hashPassword('Own#Password2025') }).where(eq(users.id, u!.id));
    await expect(prepareDatabase(database.db, { mode: 'production', seedDemo: false })).resolves.toMatchObject({ seeded: null });
  });
});

describe('admin:create', () => {
  let password: string;
  let tenantId: number;

  it('creates a tenant and its security administrator with a one-time password', async () => {
    const r = await bootstrapAdministrator(database.db, { tenant: '330482', tenantName: '平湖市', level: 'county', role: 'secadmin', username: 'anquan01', displayName: '安全管理员甲' }, NOW);
    expect(r.createdTenant).toBe(true);
    expect(r.password).toMatch(/^.{16}$/);
    expect(r.user).toMatchObject({ roles: ['secadmin'], mustChangePassword: true, secondFactorRequired: true });
    password = r.password;
    tenantId = r.tenant.id;
    const [audit] = await database.db.select().from(auditLog).where(and(eq(auditLog.entityId, r.user.id), eq(auditLog.action, 'user.create')));
    expect(audit!.after).toMatchObject({ via: 'admin:create' });
    const [alert] = await database.db.select().from(securityAlerts).where(eq(securityAlerts.subjectUserId, r.user.id));
    expect(alert).toMatchObject({ kind: 'admin.bootstrap', tenantId });
    // Two runs never print the same password.
    const other = await bootstrapAdministrator(database.db, { tenant: '330482', role: 'auditor', username: 'shenji01' }, NOW);
    expect(other.password).not.toBe(password);
    expect(other.createdTenant).toBe(false);
  });

  it('refuses a second administrator of a role without --force, an unknown tenant and a bad role', async () => {
    await expect(bootstrapAdministrator(database.db, { tenant: '330482', role: 'secadmin', username: 'anquan02' }, NOW)).rejects.toThrow(/已有安全管理员/);
    await expect(bootstrapAdministrator(database.db, { tenant: '999999', role: 'sysadmin', username: 'x_admin' }, NOW)).rejects.toBeInstanceOf(BootstrapError);
    await expect(bootstrapAdministrator(database.db, { tenant: '330482', role: 'staff' as 'sysadmin', username: 'x_admin' }, NOW)).rejects.toThrow(/--role/);
    await expect(bootstrapAdministrator(database.db, { tenant: '330482', role: 'sysadmin', username: 'ANQUAN01' }, NOW)).rejects.toThrow(/已被使用/);
    const forced = await bootstrapAdministrator(database.db, { tenant: '330482', role: 'secadmin', username: 'anquan02', force: true }, NOW);
    const [alert] = await database.db.select().from(securityAlerts).where(eq(securityAlerts.subjectUserId, forced.user.id));
    expect(alert!.message).toContain('--force');
  });

  it('holds the new administrator to a new password, then to a second factor, before anything else', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'anquan01', password } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'signed_in', mustChangePassword: true, secondFactorRequired: true, secondFactorEnrolled: false });
    const headers = { cookie: `duban_sid=${res.cookies.find((c) => c.name === 'duban_sid')!.value}`, 'x-csrf-token': res.json().csrfToken };
    const call = async (method: 'GET' | 'POST', url: string, payload?: object) => {
      const r = await app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
      return { status: r.statusCode, body: r.json() };
    };
    expect((await call('GET', '/api/v1/users')).body.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await call('POST', '/api/v1/auth/second-factor/setup')).body.code).toBe('PASSWORD_CHANGE_REQUIRED');
    expect((await call('POST', '/api/v1/auth/password', { currentPassword: password, newPassword: 'ANQUAN01#First' })).body.details?.[0]?.message).toBe('密码不能包含用户名');
    expect((await call('POST', '/api/v1/auth/password', { currentPassword: password, newPassword: 'Pinghu#Secure2025' })).status).toBe(200);
    expect((await call('GET', '/api/v1/users')).body.code).toBe('SECOND_FACTOR_ENROLMENT_REQUIRED');
    const setup = await call('POST', '/api/v1/auth/second-factor/setup');
    expect((await call('POST', '/api/v1/auth/second-factor/enable', { code: totpCode(setup.body.secret, NOW) })).status).toBe(200);
    expect((await call('GET', '/api/v1/users')).status).toBe(200);
  });

  it('holds it to the second factor even on a server started in demo mode', async () => {
    const r = await bootstrapAdministrator(database.db, { tenant: '330482', role: 'sysadmin', username: 'xitong01' }, NOW);
    const res = await demo.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'xitong01', password: r.password } });
    expect(res.json()).toMatchObject({ secondFactorRequired: true });
  });
});

describe('the commands', () => {
  const run = (args: string[], env: Record<string, string>) =>
    spawnSync(process.execPath, ['--import', 'tsx', ...args], { cwd: root, env: { ...process.env, DATABASE_URL: '', LOG: 'false', ...env }, encoding: 'utf8', timeout: 120_000 });

  it('npm start in production refuses SEED_DEMO=true before it touches a database', { timeout: 120_000 }, () => {
    const r = run(['src/server/main.ts'], { NODE_ENV: 'production', SEED_DEMO: 'true', DATA_DIR: '/nonexistent/never' });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('生产模式不能载入演示数据');
  });

  it.runIf(process.env.TEST_DB !== 'postgres')('admin:create prints a one-time password once, and refuses a second administrator of the role', { timeout: 300_000 }, () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'duban-admin-create-'));
    try {
      const args = ['scripts/admin-create.ts', '--tenant', '330482', '--tenant-name', '平湖市', '--level', 'county', '--role', 'secadmin', '--username', 'anquan01'];
      const first = run(args, { DATA_DIR: dir, NODE_ENV: 'production', ...KEYS });
      expect(first.stderr).toBe('');
      expect(first.status).toBe(0);
      expect(first.stdout).toMatch(/一次性初始密码：\S{16}/);
      expect(first.stdout).toContain('已新建单位：平湖市');
      const again = run(args, { DATA_DIR: dir, NODE_ENV: 'production', ...KEYS });
      expect(again.status).toBe(1);
      expect(again.stderr).toContain('已有安全管理员');
      const missing = run(['scripts/admin-create.ts', '--tenant', '330482'], { DATA_DIR: dir });
      expect(missing.status).toBe(2);
      expect(missing.stderr).toContain('用法');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
