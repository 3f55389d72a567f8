import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from './helpers/db.js';
import { buildWorld, type World } from './helpers/world.js';
import { login, type Client } from './helpers/api.js';
import { buildApp } from '../src/server/http/app.js';
import type { Database } from '../src/server/db/client.js';
import type { App } from '../src/server/http/types.js';

// DATABASE_READ_URL: lists, search and figures read the replica; writes, sessions and the
// writer's own reads for a few seconds after a write go to the primary. The "replica" here is a
// second database with the same people but without the primary's later writes, which is what a
// lagging replica looks like.

let primary: Database;
let replica: Database;
let app: App;
let w: World;
let now = new Date('2026-11-23T02:00:00Z');
let member: Client;
let staff: Client;

beforeAll(async () => {
  primary = await freshDatabase();
  replica = await freshDatabase();
  w = await buildWorld(primary.db);
  await buildWorld(replica.db);
  app = await buildApp({ db: primary.db, now: () => now, ops: { readDb: replica.db, stickySeconds: 10 } });
  member = await login(app, w.users.member.username);
  staff = await login(app, w.users.staff.username);
});
afterAll(async () => {
  await app.close();
  await primary.close();
  await replica.close();
});

describe('read replica', () => {
  it('sends a write to the primary and the writer’s next reads there too; others read the replica', async () => {
    const created = await member.post('/api/v1/proposals', { sessionId: w.sessionId, title: '关于加强老旧小区加装电梯工作的建议', body: '正文', category: 'urban' });
    expect(created.status).toBe(201);
    const cookie = String(created.headers['set-cookie']);
    expect(cookie).toContain('duban_rw=');
    const rw = /duban_rw=(\d+)/.exec(cookie)![1]!;
    // The member's client carries its session cookie; add the write marker as the browser would.
    const withMarker = async (url: string) =>
      app.inject({ method: 'GET', url, headers: { cookie: `${await sessionCookie(w.users.member.username)}; duban_rw=${rw}` } });
    const own = await withMarker('/api/v1/proposals');
    expect(own.json().items.map((p: { id: number }) => p.id)).toContain(created.body.id);
    // Without the marker (or another user) the list comes from the replica, which has not got it yet.
    const lagging = await member.get('/api/v1/proposals');
    expect(lagging.status).toBe(200);
    expect(lagging.body.items.map((p: { id: number }) => p.id)).not.toContain(created.body.id);
    // Reading one proposal is not a replica read: the detail always comes from the primary.
    expect((await member.get(`/api/v1/proposals/${created.body.id}`)).status).toBe(200);
    // The marker lapses after the sticky time.
    now = new Date(now.getTime() + 11_000);
    const later = await withMarker('/api/v1/proposals');
    expect(later.json().items.map((p: { id: number }) => p.id)).not.toContain(created.body.id);
  });

  it('reads figures and search from the replica', async () => {
    const figures = await staff.get(`/api/v1/sessions/${w.sessionId}/figures`);
    expect(figures.status).toBe(200);
    // The primary has the member's proposal (search rows are written with it); the replica not yet.
    const search = await staff.get('/api/v1/search?q=加装电梯');
    expect(search.status).toBe(200);
    expect(search.body.total).toBe(0);
  });
});

const sessions = new Map<string, string>();
async function sessionCookie(username: string) {
  if (!sessions.has(username)) {
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: 'Test@pass2026' } });
    sessions.set(username, `duban_sid=${res.cookies.find((c) => c.name === 'duban_sid')!.value}`);
  }
  return sessions.get(username)!;
}
