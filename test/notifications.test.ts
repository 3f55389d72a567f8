import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { freshDatabase } from './helpers/db.js';
import { buildWorld, type World } from './helpers/world.js';
import { login, type Client } from './helpers/api.js';
import { buildApp } from '../src/server/http/app.js';
import type { Database } from '../src/server/db/client.js';
import type { App } from '../src/server/http/types.js';
import { auditLog } from '../src/server/db/schema.js';
import { notify } from '../src/server/domain/audit.js';

let database: Database;
let app: App;
let w: World;
let member: Client;
let member2: Client;

beforeAll(async () => {
  database = await freshDatabase();
  w = await buildWorld(database.db);
  app = await buildApp({ db: database.db });
  member = await login(app, w.users.member.username);
  member2 = await login(app, w.users.member2.username);
  await notify(database.db, w.tenantId, [w.users.member.id], { kind: 'proposal.file', message: '您的提案已立案，编号第1号' });
  await notify(database.db, w.tenantId, [w.users.member.id], { kind: 'proposal.assign', message: '您的提案已交办' });
  await notify(database.db, w.tenantId, [w.users.member2.id], { kind: 'proposal.file', message: '李秀英的提案已立案' });
});
afterAll(async () => {
  await app.close();
  await database.close();
});

describe('notifications', () => {
  it('lists only one’s own notifications, newest first', async () => {
    const r = await member.get('/api/v1/notifications');
    expect(r.status).toBe(200);
    expect(r.body.total).toBe(2);
    expect(r.body.items.map((n: { message: string }) => n.message)).toEqual(['您的提案已交办', '您的提案已立案，编号第1号']);
    expect(JSON.stringify(r.body)).not.toContain('李秀英');
    expect((await member.get('/api/v1/notifications/unread-count')).body).toEqual({ count: 2 });
  });

  it('marks one read, keeps the first reading time, and refuses another user’s', async () => {
    const [first] = (await member.get('/api/v1/notifications')).body.items;
    const other = (await member2.get('/api/v1/notifications')).body.items[0];
    expect((await member.post(`/api/v1/notifications/${other.id}/read`)).status).toBe(404);
    expect((await member2.get('/api/v1/notifications/unread-count')).body.count).toBe(1);

    const r = await member.post(`/api/v1/notifications/${first.id}/read`);
    expect(r.status).toBe(200);
    expect(r.body.read).toBe(true);
    const again = await member.post(`/api/v1/notifications/${first.id}/read`);
    expect(again.body.readAt).toBe(r.body.readAt);
    expect((await member.get('/api/v1/notifications/unread-count')).body.count).toBe(1);
    const unread = await member.get('/api/v1/notifications?unreadOnly=true');
    expect(unread.body.items).toHaveLength(1);
    expect(unread.body.items[0].id).not.toBe(first.id);
    // One audit row for the one change.
    const rows = await database.db.select().from(auditLog).where(eq(auditLog.action, 'notification.read'));
    expect(rows).toHaveLength(1);
  });

  it('marks all read, touching only one’s own', async () => {
    const r = await member.post('/api/v1/notifications/read-all');
    expect(r.body).toEqual({ count: 1 });
    expect((await member.get('/api/v1/notifications/unread-count')).body.count).toBe(0);
    expect((await member.post('/api/v1/notifications/read-all')).body).toEqual({ count: 0 });
    expect((await member2.get('/api/v1/notifications/unread-count')).body.count).toBe(1);
  });

  it('validates the query', async () => {
    const r = await member.get('/api/v1/notifications?unreadOnly=maybe');
    expect(r.status).toBe(400);
    expect(r.body.details[0].path).toBe('querystring.unreadOnly');
  });
});
