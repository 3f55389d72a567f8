import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, desc, eq, isNull } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { freshDatabase } from './helpers/db.js';
import { buildWorld, type World } from './helpers/world.js';
import { anonymous, login, type Client } from './helpers/api.js';
import { buildApp } from '../src/server/http/app.js';
import type { Database } from '../src/server/db/client.js';
import type { App } from '../src/server/http/types.js';
import { auditLog, members, units, users } from '../src/server/db/schema.js';
import { parseTrustProxy } from '../src/server/config.js';
import { decryptField, isEncrypted, keyIdOf } from '../src/server/crypto/field-crypto.js';
import { keys, loadKeys, useKeys } from '../src/server/crypto/keys.js';
import { reencryptFields } from '../src/server/crypto/rekey.js';

// What the audit log now records beyond the use cases (logout, unknown sign-in names, refusals,
// downloads), where the client's address comes from, how the auditor reads it, and personal data
// kept SM4-encrypted at rest while staying usable for those allowed to see it.

let database: Database;
let app: App;
let w: World;
let auditor: Client;
let staff: Client;
let member: Client;
let sysadmin: Client;

const lastAudit = async (action: string) =>
  (await database.db.select().from(auditLog).where(eq(auditLog.action, action)).orderBy(desc(auditLog.id)).limit(1))[0];

beforeAll(async () => {
  database = await freshDatabase();
  w = await buildWorld(database.db);
  app = await buildApp({ db: database.db });
  // A route that holds its response until told to, to see one-at-a-time per user.
  let release: () => void = () => {};
  (app as unknown as { gate: Promise<void> }).gate = new Promise<void>((r) => (release = r));
  (app as unknown as { release: () => void }).release = () => release();
  app.get('/api/v1/test-slow-document', { config: { access: 'authenticated', exclusive: 'document' } }, async () => {
    await (app as unknown as { gate: Promise<void> }).gate;
    return { ok: true };
  });
  auditor = await login(app, w.users.auditor.username);
  staff = await login(app, w.users.staff.username);
  member = await login(app, w.users.member.username);
  sysadmin = await login(app, w.users.sysadmin.username);
});
afterAll(async () => {
  await app.close();
  await database.close();
});

describe('events the audit log did not record', () => {
  it('records a logout', async () => {
    const c = await login(app, w.users.office.username);
    expect((await c.post('/api/v1/auth/logout')).status).toBe(200);
    expect(await lastAudit('auth.logout')).toMatchObject({ actorId: w.users.office.id, tenantId: w.tenantId, entityId: w.users.office.id });
  });

  it('records a sign-in with an unknown username in the platform chain, shown to the top-level auditor', async () => {
    const res = await anonymous(app).post('/api/v1/auth/login', { username: 'no_such_person', password: 'whatever' });
    expect(res.status).toBe(401);
    const row = await lastAudit('auth.login_failed');
    expect(row).toMatchObject({ tenantId: null, chain: 0, actorId: null, after: { username: 'no_such_person', reason: 'unknown_user' } });
    const seen = await auditor.get('/api/v1/audit?action=auth.login_failed');
    expect(seen.body.items.map((i: { id: number }) => i.id)).toContain(row!.id);
    // The county's auditor answers for its own tenant only.
    const [county] = await database.db.insert(users).values({ tenantId: w.otherTenantId, username: 't_other_auditor', displayName: '县审计员', passwordHash: (await database.db.select().from(users).where(eq(users.id, w.users.auditor.id)))[0]!.passwordHash, roles: ['auditor'] }).returning();
    const countyAuditor = await login(app, county!.username);
    expect((await countyAuditor.get('/api/v1/audit?action=auth.login_failed')).body.total).toBe(0);
  });

  it('records a 403 with who tried which route', async () => {
    expect((await member.get('/api/v1/users')).status).toBe(403);
    const row = await lastAudit('security.forbidden');
    expect(row).toMatchObject({ actorId: w.users.member.id, tenantId: w.tenantId, after: { method: 'GET', route: '/api/v1/users' } });
  });

  it('records a CSRF failure under the session’s user', async () => {
    // The helper client always sends the token; send a request without it by hand.
    const loginRes = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: w.users.member2.username, password: 'Test@pass2026' } });
    const cookie = loginRes.cookies.find((c) => c.name === 'duban_sid')!;
    const forged = await app.inject({ method: 'POST', url: '/api/v1/notifications/read-all', headers: { cookie: `duban_sid=${cookie.value}` }, payload: {} });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().code).toBe('CSRF_FAILED');
    expect(await lastAudit('security.csrf_failed')).toMatchObject({ actorId: w.users.member2.id, tenantId: w.tenantId });
  });

  it('limits search per user with a Chinese 429, and records the hit', async () => {
    const c = await login(app, w.users.unit.username);
    let last = 200;
    for (let i = 0; i < 61 && last !== 429; i++) last = (await c.get('/api/v1/search?q=饮用水')).status;
    expect(last).toBe(429);
    const res = await c.get('/api/v1/search?q=饮用水');
    expect(res.body).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringMatching(/^操作过于频繁，请\d+秒后再试$/) });
    expect(await lastAudit('security.rate_limited')).toMatchObject({ actorId: w.users.unit.id, after: { route: '/api/v1/search' } });
    // Another user is not affected.
    expect((await staff.get('/api/v1/search?q=饮用水')).status).toBe(200);
  });

  it('lets one user generate one document at a time, with a clear 429 for the second', async () => {
    const first = staff.get('/api/v1/test-slow-document');
    await new Promise((r) => setTimeout(r, 50));
    const second = await staff.get('/api/v1/test-slow-document');
    expect(second.status).toBe(429);
    expect(second.body.message).toContain('每人同时只能生成一份');
    (app as unknown as { release: () => void }).release();
    expect((await first).status).toBe(200);
    expect((await staff.get('/api/v1/test-slow-document')).status).toBe(200);
  });

  it('records every export and download with the file name', async () => {
    const res = await staff.get(`/api/v1/proposals/export.xlsx?sessionId=${w.sessionId}`);
    expect(res.status).toBe(200);
    const row = await lastAudit('export.proposal_list');
    expect(row).toMatchObject({ actorId: w.users.staff.id, entityType: 'proposal_list' });
    expect((row!.after as { fileName: string }).fileName).toMatch(/\.xlsx$/);
    const stats = await staff.get(`/api/v1/sessions/${w.sessionId}/unit-stats.xlsx`);
    expect(stats.status).toBe(200);
    expect(await lastAudit('export.unit_stats')).toMatchObject({ entityId: w.sessionId });
  });
});

describe('the client address', () => {
  it('ignores X-Forwarded-For unless the peer is a listed proxy', async () => {
    const plain = await app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'x-forwarded-for': '203.0.113.9' }, payload: { username: 'nobody_1', password: 'x' } });
    expect(plain.statusCode).toBe(401);
    expect((await lastAudit('auth.login_failed'))!.ip).toBe('127.0.0.1');

    const proxied = await buildApp({ db: database.db, trustProxy: parseTrustProxy('127.0.0.1') as string[] });
    try {
      await proxied.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'x-forwarded-for': '203.0.113.9' }, payload: { username: 'nobody_2', password: 'x' } });
      expect((await lastAudit('auth.login_failed'))!.ip).toBe('203.0.113.9');
    } finally {
      await proxied.close();
    }
    expect(() => parseTrustProxy('true')).toThrow('TRUST_PROXY');
    expect(parseTrustProxy(undefined)).toBe(false);
  });
});

describe('the audit screen in the auditor’s words', () => {
  it('filters by a person’s name, names proposals 第N号 and shows a readable address', async () => {
    const p = await member.post('/api/v1/proposals', { sessionId: w.sessionId, title: '关于加强农村饮用水安全保障的建议', body: '正文', category: 'agriculture' });
    const res = await auditor.get(`/api/v1/audit?actorName=${encodeURIComponent('t_memb')}&action=proposal.create`);
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThan(0);
    expect(res.body.items.every((i: { actorId: number }) => [w.users.member.id, w.users.member2.id, w.users.member3.id].includes(i.actorId))).toBe(true);
    const mine = res.body.items.find((i: { proposalId: number }) => i.proposalId === p.body.id);
    expect(mine).toMatchObject({ entityLabel: '十一届四次会议未编号提案', proposalNumber: null, address: '127.0.0.1（本机）' });
    expect((await auditor.get(`/api/v1/audit?actorName=${encodeURIComponent('没有这个人')}`)).body.total).toBe(0);
  });

  it('shows encrypted values as such, never as ciphertext', async () => {
    const created = await sysadmin.post('/api/v1/members', { name: '周建华', kind: 'proposal', phone: '13912345678' });
    expect(created.status).toBe(201);
    const res = await auditor.get('/api/v1/audit?action=member.create');
    const row = res.body.items[0];
    expect(row.after.phone).toBe('［已加密］');
    expect(row.entityLabel).toBe('周建华');
    expect(JSON.stringify(res.body)).not.toContain('13912345678');
    expect(JSON.stringify(res.body)).not.toContain('sm4:');
  });

  it('exports a range as .xlsx with Chinese headings, and records the export', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/audit/export.xlsx?from=2000-01-01&to=2100-12-31', headers: { cookie: (await loginCookie(w.users.auditor.username)) } });
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(2).values).toEqual(expect.arrayContaining(['时间', '操作人', '操作', '对象名称', '来源地址']));
    const actions = ws.getColumn(3).values.map(String);
    expect(actions).toContain('新建提案');
    expect(actions).toContain('越权访问被拒绝');
    expect(await lastAudit('export.audit_log')).toMatchObject({ actorId: w.users.auditor.id });
    expect((await staff.get('/api/v1/audit/export.xlsx')).status).toBe(403);
  });
});

async function loginCookie(username: string) {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: 'Test@pass2026' } });
  return `duban_sid=${res.cookies.find((c) => c.name === 'duban_sid')!.value}`;
}

describe('SM4 at rest', () => {
  it('stores phone numbers and contacts encrypted, shows them to those allowed, and finds a member by phone', async () => {
    const created = await sysadmin.post('/api/v1/members', { name: '吴晓燕', kind: 'proposal', phone: '139-0573-1234' });
    const [row] = await database.db.select().from(members).where(eq(members.id, created.body.id));
    expect(isEncrypted(row!.phone)).toBe(true);
    expect(row!.phone).not.toContain('1234');
    expect(decryptField(row!.phone)).toBe('139-0573-1234');
    expect(created.body.phone).toBe('139-0573-1234');
    // Exact phone search, written any way, through the blind index; only for those who see phones.
    const found = await staff.get(`/api/v1/members?q=${encodeURIComponent('13905731234')}`);
    expect(found.body.items.map((m: { name: string }) => m.name)).toEqual(['吴晓燕']);
    expect(found.body.items[0].phone).toBe('139-0573-1234');

    const unit = await sysadmin.post('/api/v1/units', { name: '市数据局', contactName: '陈立', contactPhone: '0573-85011234' });
    const [u] = await database.db.select().from(units).where(eq(units.id, unit.body.id));
    expect(isEncrypted(u!.contactName)).toBe(true);
    expect(isEncrypted(u!.contactPhone)).toBe(true);
    expect(unit.body).toMatchObject({ contactName: '陈立', contactPhone: '0573-85011234' });
  });

  it('re-encrypts every value under a new key (npm run data:rekey) and still reads them', async () => {
    const before = keys();
    const next = loadKeys({ ...process.env, DATA_KEY_ID: 'r2', DATA_KEY_r2: 'c'.repeat(32) }, false);
    useKeys(next);
    try {
      const done = await reencryptFields(database.db, 'all');
      expect(done.members).toBeGreaterThan(0);
      const rows = await database.db.select().from(members).where(and(eq(members.tenantId, w.tenantId)));
      const phones = rows.map((r) => r.phone).filter((p): p is string => p !== null);
      expect(phones.length).toBeGreaterThan(0);
      expect(phones.every((p) => keyIdOf(p) === 'r2')).toBe(true);
      const found = await staff.get(`/api/v1/members?q=${encodeURIComponent('139 0573 1234')}`);
      expect(found.body.items[0].phone).toBe('139-0573-1234');
    } finally {
      useKeys(before);
    }
    expect(await database.db.select().from(users).where(isNull(users.phone))).not.toHaveLength(0);
  });

  it('encrypts plaintext at start in batches, and finds nothing to do the second time', async () => {
    const rows = await database.db.select({ id: members.id }).from(members).where(eq(members.tenantId, w.tenantId)).limit(5);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    // Plaintext as an older version (or a bulk load) left it.
    for (const [i, r] of rows.entries()) await database.db.update(members).set({ phone: `1380573000${i}` }).where(eq(members.id, r.id));
    const done = await reencryptFields(database.db, 'plaintext', 2);
    expect(done.members).toBe(rows.length);
    const after = await database.db.select({ phone: members.phone }).from(members).where(eq(members.tenantId, w.tenantId));
    expect(after.every((r) => r.phone === null || isEncrypted(r.phone))).toBe(true);
    expect(Object.values(await reencryptFields(database.db, 'plaintext', 2)).every((n) => n === 0)).toBe(true);
  });
});
