import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from './helpers/db.js';
import { buildWorld, type World } from './helpers/world.js';
import { TEST_PASSWORD } from './helpers/world.js';
import { loadActor, resolveLoginSession } from '../src/server/auth/login-sessions.js';
import { buildApp } from '../src/server/http/app.js';
import type { Database, Db } from '../src/server/db/client.js';
import type { App } from '../src/server/http/types.js';
import * as schema from '../src/server/db/schema.js';

// Issue 13: every signed-in request finds its session, user, settings, member and leader in one
// round trip (it took three).

let database: Database;
let app: App;
let w: World;
const statements: string[] = [];

beforeAll(async () => {
  database = await freshDatabase();
  w = await buildWorld(database.db);
  // The same database, with every statement recorded.
  const client = (database.db as unknown as { $client: unknown }).$client;
  const logger = { logQuery: (q: string) => statements.push(q) };
  const counted =
    database.driver === 'postgres'
      ? (await import('drizzle-orm/node-postgres')).drizzle(client as import('pg').Pool, { schema, logger })
      : (await import('drizzle-orm/pglite')).drizzle(client as import('@electric-sql/pglite').PGlite, { schema, logger });
  app = await buildApp({ db: counted as unknown as Db });
});
afterAll(async () => {
  await app.close();
  await database.close();
});

async function signIn(username: string) {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: TEST_PASSWORD } });
  expect(res.statusCode).toBe(200);
  return { cookie: `duban_sid=${res.cookies.find((x) => x.name === 'duban_sid')!.value}` };
}

describe('the session lookup', () => {
  it.each(['member', 'leader', 'staff', 'unit'] as const)('is one statement per request, with the actor complete (%s)', async (who) => {
    const c = await signIn(w.users[who].username);
    statements.length = 0;
    const r = await app.inject({ method: 'GET', url: '/api/v1/sessions', headers: { cookie: c.cookie } });
    expect(r.statusCode).toBe(200);
    const auth = statements.filter((q) => /login_sessions|from "members"|from "leaders"|from "users"/.test(q));
    expect(auth).toHaveLength(1);
    expect(auth[0]).toMatch(/from "login_sessions"/);
    // The actor it builds is the one the separate lookups gave (member and leader records included).
    const token = decodeURIComponent(c.cookie.replace(/^duban_sid=/, ''));
    const resolved = await resolveLoginSession(database.db, token, new Date());
    expect(resolved!.actor).toEqual(await loadActor(database.db, resolved!.user));
    if (who === 'member') expect(resolved!.actor.memberId).toBe(w.members.wang);
    if (who === 'leader') expect(resolved!.actor.leaderId).toBe(w.leaderId);
    if (who === 'staff') expect(resolved!.actor).toMatchObject({ memberId: null, leaderId: null, organ: 'cppcc' });
  });
});
