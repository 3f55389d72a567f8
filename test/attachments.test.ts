import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { freshDatabase } from './helpers/db.js';
import { buildWorld, type World } from './helpers/world.js';
import { login, type Client } from './helpers/api.js';
import { buildApp } from '../src/server/http/app.js';
import type { Database } from '../src/server/db/client.js';
import type { App } from '../src/server/http/types.js';
import { assignments, attachments, auditLog, proposals } from '../src/server/db/schema.js';

let database: Database;
let app: App;
let w: World;
let member: Client;
let member2: Client;
let member3: Client;
let staff: Client;
let unit: Client;
let unit2: Client;
let sysadmin: Client;

beforeAll(async () => {
  database = await freshDatabase();
  w = await buildWorld(database.db);
  app = await buildApp({ db: database.db });
  member = await login(app, w.users.member.username);
  member2 = await login(app, w.users.member2.username);
  member3 = await login(app, w.users.member3.username);
  staff = await login(app, w.users.staff.username);
  unit = await login(app, w.users.unit.username);
  unit2 = await login(app, w.users.unit2.username);
  sysadmin = await login(app, w.users.sysadmin.username);
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from('测试内容')]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const file = (fileName: string, content: Buffer, mimeType: string, purpose = 'proposal') => ({
  fileName, mimeType, contentBase64: content.toString('base64'), purpose,
});

async function draft(coProposers: object[] = []) {
  const r = await member.post('/api/v1/proposals', {
    sessionId: w.sessionId, title: '关于加强农村饮用水安全保障的建议', body: '正文', category: 'agriculture', coProposers,
  });
  expect(r.status).toBe(201);
  return r.body.id as number;
}

describe('attachments', () => {
  it('lets proposers attach files to a draft and anyone who sees the proposal download them', async () => {
    const id = await draft([{ memberId: w.members.li }]);
    const up = await member.post(`/api/v1/proposals/${id}/attachments`, file('调研报告（2025）.pdf', PDF, 'application/pdf'));
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({ proposalId: id, purpose: 'proposal', fileName: '调研报告（2025）.pdf', mimeType: 'application/pdf', size: PDF.length });
    const co = await member2.post(`/api/v1/proposals/${id}/attachments`, file('现场照片.png', PNG, 'image/png'));
    expect(co.status).toBe(201);

    const dl = await app.inject({
      method: 'GET',
      url: `/api/v1/proposals/${id}/attachments/${up.body.id}`,
      headers: { cookie: (await cookieOf(w.users.member.username)) },
    });
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.equals(PDF)).toBe(true);
    expect(dl.headers['content-type']).toBe('application/pdf');
    expect(dl.headers['content-disposition']).toBe(
      `attachment; filename="_____2025_.pdf"; filename*=UTF-8''${encodeURIComponent('调研报告（2025）.pdf')}`,
    );

    // Drafts are the proposers' own: staff, other members and administrators do not see them.
    expect((await staff.get(`/api/v1/proposals/${id}/attachments/${up.body.id}`)).status).toBe(404);
    expect((await member3.get(`/api/v1/proposals/${id}/attachments/${up.body.id}`)).status).toBe(404);
    expect((await sysadmin.get(`/api/v1/proposals/${id}/attachments/${up.body.id}`)).status).toBe(403);
    // An attachment id of another proposal is not reachable through this one.
    const other = await draft();
    expect((await member.get(`/api/v1/proposals/${other}/attachments/${up.body.id}`)).status).toBe(404);

    await member.post(`/api/v1/proposals/${id}/submit`, { version: 1 });
    await member2.post(`/api/v1/proposals/${id}/cosign`, { decision: 'confirm', version: 2 });
    expect((await staff.get(`/api/v1/proposals/${id}/attachments/${up.body.id}`)).status).toBe(200);
    const late = await member.post(`/api/v1/proposals/${id}/attachments`, file('补充.pdf', PDF, 'application/pdf'));
    expect(late.status).toBe(409);
    expect(late.body.message).toContain('待审查');
    const audits = await database.db.select().from(auditLog).where(and(eq(auditLog.proposalId, id), eq(auditLog.action, 'attachment.add')));
    expect(audits).toHaveLength(2);
    expect(JSON.stringify(audits[0]!.after)).not.toContain(PDF.toString('base64'));
  });

  it('refuses files over 20 MB and of types not allowed, in Chinese per field', async () => {
    const id = await draft();
    const big = Buffer.alloc(20 * 1024 * 1024 + 1, 0x41);
    PDF.copy(big);
    const tooBig = await member.post(`/api/v1/proposals/${id}/attachments`, file('大文件.pdf', big, 'application/pdf'));
    expect(tooBig.status).toBe(400);
    expect(tooBig.body.details).toEqual([{ path: 'body.contentBase64', message: '附件不能超过20MB' }]);

    const exe = await member.post(`/api/v1/proposals/${id}/attachments`, file('setup.exe', PDF, 'application/octet-stream'));
    expect(exe.status).toBe(400);
    expect(exe.body.details[0]).toMatchObject({ path: 'body.fileName' });
    expect(exe.body.details[0].message).toContain('只允许上传 pdf、doc、docx、xls、xlsx、jpg、png、txt');

    const wrongMime = await member.post(`/api/v1/proposals/${id}/attachments`, file('报告.pdf', PDF, 'image/png'));
    expect(wrongMime.status).toBe(400);
    expect(wrongMime.body.details[0].path).toBe('body.mimeType');

    const disguised = await member.post(`/api/v1/proposals/${id}/attachments`, file('报告.pdf', Buffer.from('MZ\x90\x00'), 'application/pdf'));
    expect(disguised.status).toBe(400);
    expect(disguised.body.message).toContain('不符');

    const notBase64 = await member.post(`/api/v1/proposals/${id}/attachments`, { fileName: 'a.txt', mimeType: 'text/plain', contentBase64: '###', purpose: 'proposal' });
    expect(notBase64.status).toBe(400);
    expect(notBase64.body.details[0]).toMatchObject({ path: 'body.contentBase64', message: '文件内容应为 Base64 编码' });

    // A generic MIME type from the browser is fine: the extension decides what is stored.
    const txt = await member.post(`/api/v1/proposals/${id}/attachments`, file('说明.txt', Buffer.from('说明文字'), 'application/octet-stream'));
    expect(txt.status).toBe(201);
    expect(txt.body.mimeType).toBe('text/plain');
    expect(await database.db.select().from(attachments).where(eq(attachments.proposalId, id))).toHaveLength(1);
  });

  it('lets assigned units add handling files while handling, and no one else', async () => {
    const id = await draft();
    expect((await unit.post(`/api/v1/proposals/${id}/attachments`, file('答复函.pdf', PDF, 'application/pdf', 'reply'))).status).toBe(404);
    // Assignment and signing belong to other use cases; set the state directly.
    await database.db.update(proposals).set({ status: 'assigned', number: 901 }).where(eq(proposals.id, id));
    await database.db.insert(assignments).values({ tenantId: w.tenantId, proposalId: id, unitId: w.units.nongye, role: 'lead', status: 'pending', assignedAt: '2025-03-10' });
    const early = await unit.post(`/api/v1/proposals/${id}/attachments`, file('答复函.pdf', PDF, 'application/pdf', 'reply'));
    expect(early.status).toBe(409);
    expect(early.body.message).toContain('已交办待签收');

    await database.db.update(proposals).set({ status: 'handling' }).where(eq(proposals.id, id));
    const ok = await unit.post(`/api/v1/proposals/${id}/attachments`, file('答复函.pdf', PDF, 'application/pdf', 'reply'));
    expect(ok.status).toBe(201);
    expect(ok.body.purpose).toBe('reply');
    expect((await unit2.post(`/api/v1/proposals/${id}/attachments`, file('答复函.pdf', PDF, 'application/pdf', 'reply'))).status).toBe(404);
    const byProposer = await member.post(`/api/v1/proposals/${id}/attachments`, file('材料.pdf', PDF, 'application/pdf', 'handling'));
    expect(byProposer.status).toBe(403);
    const unitAsProposer = await unit.post(`/api/v1/proposals/${id}/attachments`, file('材料.pdf', PDF, 'application/pdf', 'proposal'));
    expect(unitAsProposer.status).toBe(403);
    // The proposer sees the reply file.
    expect((await member.get(`/api/v1/proposals/${id}/attachments/${ok.body.id}`)).status).toBe(200);
  });

  it('lets the uploader delete a proposal attachment while the proposal is a draft', async () => {
    const id = await draft([{ memberId: w.members.li }]);
    const a = await member.post(`/api/v1/proposals/${id}/attachments`, file('附件一.pdf', PDF, 'application/pdf'));
    const b = await member.post(`/api/v1/proposals/${id}/attachments`, file('附件二.pdf', PDF, 'application/pdf'));
    expect((await member2.delete(`/api/v1/proposals/${id}/attachments/${a.body.id}`)).status).toBe(403);
    const del = await member.delete(`/api/v1/proposals/${id}/attachments/${a.body.id}`);
    expect(del.status).toBe(200);
    expect((await member.get(`/api/v1/proposals/${id}/attachments/${a.body.id}`)).status).toBe(404);
    await member.post(`/api/v1/proposals/${id}/submit`, { version: 1 });
    const late = await member.delete(`/api/v1/proposals/${id}/attachments/${b.body.id}`);
    expect(late.status).toBe(409);
    expect(late.body.message).toContain('待联名确认');
    expect(await database.db.select().from(attachments).where(eq(attachments.proposalId, id))).toHaveLength(1);
  });
});

async function cookieOf(username: string) {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: 'Test@pass2026' } });
  return `duban_sid=${res.cookies.find((c) => c.name === 'duban_sid')!.value}`;
}
