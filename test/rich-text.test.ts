import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { freshDatabase } from './helpers/db.js';
import { buildWorld, type World } from './helpers/world.js';
import { login, type Client } from './helpers/api.js';
import { buildApp } from '../src/server/http/app.js';
import type { Database } from '../src/server/db/client.js';
import type { App } from '../src/server/http/types.js';
import { proposals } from '../src/server/db/schema.js';
import { cleanBody } from '../src/server/domain/rich-text.js';

let database: Database;
let app: App;
let w: World;
let member: Client;

beforeAll(async () => {
  database = await freshDatabase();
  w = await buildWorld(database.db);
  app = await buildApp({ db: database.db });
  member = await login(app, w.users.member.username);
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const stored = async (id: number) => (await database.db.select().from(proposals).where(eq(proposals.id, id)))[0]!.body;

const ALLOWED = '<h3>问题</h3><p><strong>粗体</strong><em>斜体</em><u>下划线</u><br></p><ol><li>一</li></ol><ul><li>二</li></ul><blockquote><p>引文</p></blockquote><h4>小标题</h4>';

describe('rich-text bodies', () => {
  it('strips scripts, event handlers and other tags on create, and keeps the allowed tags', async () => {
    const body = `<p onclick="x()">建议<script>alert(1)</script></p><img src=x onerror="alert(2)"><a href="javascript:alert(3)">链接</a>${ALLOWED}`;
    const r = await member.post('/api/v1/proposals', { sessionId: w.sessionId, title: '关于加强农村饮用水安全保障的建议', body, category: 'agriculture' });
    expect(r.status).toBe(201);
    const saved = await stored(r.body.id);
    expect(saved).not.toMatch(/script|onerror|onclick|alert|<img|<a\b|javascript/i);
    expect(saved).toContain('<p>建议</p>');
    expect(saved).toContain('链接');
    expect(saved).toContain(ALLOWED.replace('<br>', '<br />'));
  });

  it('cleans the body on update too, and keeps a plain-text body as it is', async () => {
    const plain = '一、问题\n二、建议：水费 < 5元';
    const r = await member.post('/api/v1/proposals', { sessionId: w.sessionId, title: '关于加强农村饮用水安全保障的建议', body: plain, category: 'agriculture' });
    expect(await stored(r.body.id)).toBe(plain);
    const u = await member.patch(`/api/v1/proposals/${r.body.id}`, { body: '<h3 style="color:red">标题</h3><svg onload="alert(1)"></svg><p>正文</p>', version: 1 });
    expect(u.status).toBe(200);
    expect(await stored(r.body.id)).toBe('<h3>标题</h3><p>正文</p>');
  });

  it('refuses a body that is empty once cleaned', async () => {
    const r = await member.post('/api/v1/proposals', { sessionId: w.sessionId, title: '关于加强农村饮用水安全保障的建议', body: '<script>alert(1)</script>', category: 'agriculture' });
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body)).toContain('正文不能为空');
  });

  it('cleanBody keeps nested lists and drops attributes', () => {
    expect(cleanBody('<ul><li><p class="a">一</p><ol><li>二</li></ol></li></ul>')).toBe('<ul><li><p>一</p><ol><li>二</li></ol></li></ul>');
  });
});
