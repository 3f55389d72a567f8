import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { freshDatabase } from './helpers/db.js';
import { buildWorld, TEST_PASSWORD, type World } from './helpers/world.js';
import { login, type Client } from './helpers/api.js';
import { buildApp } from '../src/server/http/app.js';
import { hashPassword } from '../src/server/auth/passwords.js';
import type { Database } from '../src/server/db/client.js';
import type { App } from '../src/server/http/types.js';
import { attachments, auditLog, users } from '../src/server/db/schema.js';
import { RATE_LIMITS } from '../src/server/http/plugins/limits.js';

// 预览: images and PDF answered inline under a policy that runs nothing; every other type stays a
// download; the same readers, limit and audit as the download.

let database: Database;
let app: App;
let w: World;
let member: Client;
let member3: Client;
/** The staff account as raw injections (GETs only), so that the body's bytes can be compared. */
let staff: { get: (url: string) => Promise<{ status: number; headers: Record<string, unknown>; raw: Buffer }> };
let npcStaff: Client;
let otherStaff: Client;
let unit: Client;

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const JPG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
const TXT = Buffer.from('<script>alert(1)</script>');
const DOCX = Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]);

beforeAll(async () => {
  database = await freshDatabase();
  w = await buildWorld(database.db);
  app = await buildApp({ db: database.db });
  await database.db.insert(users).values({ tenantId: w.tenantId, username: 't_npc_staff', displayName: '选联工委', passwordHash: await hashPassword(TEST_PASSWORD), roles: ['staff'], organ: 'npc' });
  member = await login(app, w.users.member.username);
  member3 = await login(app, w.users.member3.username);
  const staffCookie = await cookieOf(w.users.staff.username);
  staff = {
    get: async (url) => {
      const r = await app.inject({ method: 'GET', url, headers: { cookie: staffCookie } });
      return { status: r.statusCode, headers: r.headers, raw: r.rawPayload };
    },
  };
  npcStaff = await login(app, 't_npc_staff');
  otherStaff = await login(app, w.users.otherStaff.username);
  unit = await login(app, w.users.unit.username);
});
afterAll(async () => {
  await app.close();
  await database.close();
});

async function submittedWith(files: [string, Buffer, string][]) {
  const r = await member.post('/api/v1/proposals', { sessionId: w.sessionId, title: '关于完善农村污水处理设施的建议', body: '正文', category: 'agriculture' });
  expect(r.status).toBe(201);
  const ids: Record<string, number> = {};
  for (const [fileName, content, mimeType] of files) {
    const up = await member.post(`/api/v1/proposals/${r.body.id}/attachments`, { fileName, mimeType, contentBase64: content.toString('base64'), purpose: 'proposal' });
    expect(up.status).toBe(201);
    ids[fileName] = up.body.id;
  }
  expect((await member.post(`/api/v1/proposals/${r.body.id}/submit`, { version: r.body.version })).status).toBe(200);
  return { id: r.body.id as number, ids };
}

describe('attachment preview', () => {
  it('answers images and PDF inline under a policy that runs nothing, and other types as downloads', async () => {
    const { id, ids } = await submittedWith([
      ['现场照片.png', PNG, 'image/png'],
      ['现场照片2.jpg', JPG, 'image/jpeg'],
      ['调研报告.pdf', PDF, 'application/pdf'],
      ['说明.txt', TXT, 'text/plain'],
      ['数据.docx', DOCX, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ]);
    for (const [name, type, content] of [['现场照片.png', 'image/png', PNG], ['现场照片2.jpg', 'image/jpeg', JPG], ['调研报告.pdf', 'application/pdf', PDF]] as const) {
      const r = await staff.get(`/api/v1/proposals/${id}/attachments/${ids[name]}/preview`);
      expect(r.status).toBe(200);
      expect(r.headers['content-type']).toBe(type);
      expect(String(r.headers['content-disposition'])).toBe(`inline; filename="${name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`);
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      expect(r.headers['cache-control']).toBe('private, no-store');
      const policy = String(r.headers['content-security-policy']);
      expect(policy).toContain("default-src 'none'");
      expect(policy).toContain("frame-ancestors 'self'");
      expect(policy).not.toContain('script-src');
      expect(r.headers['x-frame-options']).toBe('SAMEORIGIN');
      expect(r.raw.equals(content)).toBe(true);
    }
    // Text could be HTML to a sniffing browser and Word is no image: both stay downloads with the site's own policy.
    for (const name of ['说明.txt', '数据.docx']) {
      const r = await staff.get(`/api/v1/proposals/${id}/attachments/${ids[name]}/preview`);
      expect(r.status).toBe(200);
      expect(String(r.headers['content-disposition'])).toMatch(/^attachment; /);
      expect(String(r.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
      expect(r.headers['x-content-type-options']).toBe('nosniff');
    }
    // The download itself stays a download, whatever the type.
    const dl = await staff.get(`/api/v1/proposals/${id}/attachments/${ids['现场照片.png']}`);
    expect(String(dl.headers['content-disposition'])).toMatch(/^attachment; /);
  });

  it('never serves a stored SVG or HTML inline, even if such a row exists', async () => {
    const { id, ids } = await submittedWith([['图.png', PNG, 'image/png']]);
    // Rows of other types cannot be uploaded today; one written by an older import must still not run.
    for (const mimeType of ['image/svg+xml', 'text/html']) {
      await database.db.update(attachments).set({ mimeType }).where(eq(attachments.id, ids['图.png']!));
      const r = await staff.get(`/api/v1/proposals/${id}/attachments/${ids['图.png']}/preview`);
      expect(r.status).toBe(200);
      expect(String(r.headers['content-disposition'])).toMatch(/^attachment; /);
      expect(String(r.headers['content-security-policy'])).not.toContain("default-src 'none'");
    }
  });

  it('shows a file only to whoever may read the proposal: 404 for another tenant, organ, member or unit', async () => {
    const { id, ids } = await submittedWith([['照片.png', PNG, 'image/png']]);
    const url = `/api/v1/proposals/${id}/attachments/${ids['照片.png']}/preview`;
    expect((await member.get(url)).status).toBe(200);
    expect((await staff.get(url)).status).toBe(200);
    expect((await otherStaff.get(url)).status).toBe(404);
    expect((await npcStaff.get(url)).status).toBe(404);
    expect((await member3.get(url)).status).toBe(404);
    expect((await unit.get(url)).status).toBe(404);
    // An attachment of this proposal is not reachable through another one the caller may see.
    const other = await submittedWith([]);
    expect((await staff.get(`/api/v1/proposals/${other.id}/attachments/${ids['照片.png']}/preview`)).status).toBe(404);
    const sysadmin = await login(app, w.users.sysadmin.username);
    expect((await sysadmin.get(url)).status).toBe(403);
  });

  it('audits every preview as 预览附件 with the file name, and only answered ones', async () => {
    const { id, ids } = await submittedWith([['调研.pdf', PDF, 'application/pdf']]);
    const url = `/api/v1/proposals/${id}/attachments/${ids['调研.pdf']}/preview`;
    expect((await staff.get(url)).status).toBe(200);
    expect((await otherStaff.get(url)).status).toBe(404);
    const rows = await database.db.select().from(auditLog).where(and(eq(auditLog.proposalId, id), eq(auditLog.action, 'attachment.preview')));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.actorId).toBe(w.users.staff.id);
    expect(rows[0]!.tenantId).toBe(w.tenantId);
    expect(rows[0]!.after).toMatchObject({ fileName: '调研.pdf' });
  });

  it('limits previews and downloads per user like the other files', async () => {
    await app.ready();
    const routes = app.apiRoutes.filter((r) => r.method === 'GET' && r.url.startsWith('/api/v1/proposals/:id/attachments/'));
    expect(routes.map((r) => r.url).sort()).toEqual(['/api/v1/proposals/:id/attachments/:attachmentId', '/api/v1/proposals/:id/attachments/:attachmentId/preview']);
    expect(routes.every((r) => r.rateLimited)).toBe(true);
    const { id, ids } = await submittedWith([['a.png', PNG, 'image/png']]);
    const url = `/api/v1/proposals/${id}/attachments/${ids['a.png']}/preview`;
    const fresh = await login(app, w.users.member2.username);
    let last = 0;
    // member2 cannot read it (404), but every call counts against the limit.
    for (let i = 0; i <= RATE_LIMITS.file.max; i++) last = (await fresh.get(url)).status;
    expect(last).toBe(429);
  });
});

async function cookieOf(username: string) {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: TEST_PASSWORD } });
  return `duban_sid=${res.cookies.find((c) => c.name === 'duban_sid')!.value}`;
}
