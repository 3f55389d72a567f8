import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from './helpers/db.js';
import { addPlatformAdmin, buildWorld, type World } from './helpers/world.js';
import { anonymous, login, type Client } from './helpers/api.js';
import { buildApp } from '../src/server/http/app.js';
import type { Database } from '../src/server/db/client.js';
import type { App } from '../src/server/http/types.js';
import { ROLES, type Role } from '../src/shared/roles.js';

// Deny by default, proven route by route: every API route is called with no session and with a
// user of each role. A role outside the route's access list must get 403, no session 401; a role
// inside it must get past the access check (any answer but 401/403).

let database: Database;
let app: App;
let w: World;
const clients = {} as Record<Role, Client>;
let platform: Client;

const USER_OF_ROLE: Record<Role, keyof World['users']> = {
  member: 'member',
  group: 'group',
  staff: 'staff',
  office: 'office',
  unit: 'unit',
  leader: 'leader',
  sysadmin: 'sysadmin',
  secadmin: 'secadmin',
  auditor: 'auditor',
};

beforeAll(async () => {
  database = await freshDatabase();
  w = await buildWorld(database.db);
  app = await buildApp({ db: database.db });
  await app.ready();
  for (const role of ROLES) clients[role] = await login(app, w.users[USER_OF_ROLE[role]].username);
  platform = await login(app, await addPlatformAdmin(database.db));
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const MISSING_ID = '987654';
const fill = (url: string) => url.replace(/:[A-Za-z]+/g, MISSING_ID);

function call(c: Client, method: string, url: string) {
  switch (method) {
    case 'GET':
      return c.get(url);
    case 'POST':
      return c.post(url, {});
    case 'PATCH':
      return c.patch(url, {});
    case 'PUT':
      return c.put(url, {});
    case 'DELETE':
      return c.delete(url);
    default:
      throw new Error(`method ${method} not covered`);
  }
}

describe('route × role matrix', () => {
  it('knows the routes', () => {
    expect(app.apiRoutes.length).toBeGreaterThan(5);
    // The sign-in and 三员分立 routes are in the matrix like any other.
    const urls = app.apiRoutes.map((r) => `${r.method} ${r.url}`);
    for (const u of [
      'POST /api/v1/auth/login/second-factor',
      'POST /api/v1/auth/second-factor/setup',
      'DELETE /api/v1/auth/sessions/:id',
      'PUT /api/v1/security-settings',
      'POST /api/v1/admin-requests/:id/approve',
      'POST /api/v1/users/:id/reset-second-factor',
      'GET /api/v1/security-alerts',
    ]) expect(urls).toContain(u);
  });

  it('answers 401 to a caller without a session on every non-public route', { timeout: 60_000 }, async () => {
    const failures: string[] = [];
    for (const r of app.apiRoutes) {
      const res = await call(anonymous(app), r.method, fill(r.url));
      const ok = r.access === 'public' ? res.status !== 401 && res.status !== 403 : res.status === 401;
      if (!ok) failures.push(`${r.method} ${r.url} → ${res.status}`);
    }
    expect(failures).toEqual([]);
  });

  it('lets exactly the listed roles through on every route', { timeout: 180_000 }, async () => {
    const failures: string[] = [];
    for (const r of app.apiRoutes) {
      if (r.url === '/api/v1/auth/logout') continue; // would end the session the next routes use
      for (const role of ROLES) {
        const res = await call(clients[role], r.method, fill(r.url));
        // A platform route admits no tenant role: only the platform administrator (below).
        const allowed = r.access === 'public' || r.access === 'authenticated' || (r.access !== 'platform' && r.access.includes(role));
        const passed = res.status !== 401 && res.status !== 403;
        if (allowed !== passed) failures.push(`${r.method} ${r.url} as ${role} → ${res.status} ${JSON.stringify(res.body).slice(0, 120)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('lets the platform administrator through the platform routes and nowhere a role is required', { timeout: 60_000 }, async () => {
    const failures: string[] = [];
    for (const r of app.apiRoutes) {
      if (r.url === '/api/v1/auth/logout') continue;
      const res = await call(platform, r.method, fill(r.url));
      const allowed = r.access === 'public' || r.access === 'authenticated' || r.access === 'platform';
      const passed = res.status !== 401 && res.status !== 403;
      if (allowed !== passed) failures.push(`${r.method} ${r.url} as platform → ${res.status} ${JSON.stringify(res.body).slice(0, 120)}`);
    }
    expect(app.apiRoutes.filter((r) => r.access === 'platform').length).toBeGreaterThanOrEqual(4);
    expect(failures).toEqual([]);
  });
});

