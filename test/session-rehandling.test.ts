import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from './helpers/db.js';
import { buildWorld, type World } from './helpers/world.js';
import { login, type Client } from './helpers/api.js';
import { buildApp } from '../src/server/http/app.js';
import type { Database } from '../src/server/db/client.js';
import type { App } from '../src/server/http/types.js';

// The re-handling period (重新办理期限) is a session setting the 系统管理员 reads and edits.

let database: Database;
let app: App;
let w: World;
let sysadmin: Client;

beforeAll(async () => {
  database = await freshDatabase();
  w = await buildWorld(database.db);
  app = await buildApp({ db: database.db });
  sysadmin = await login(app, w.users.sysadmin.username);
});

afterAll(async () => {
  await app.close();
  await database.close();
});

describe('session rehandlingMonths', () => {
  it('defaults to one month, is shown, edited with the version and validated', async () => {
    const r = await sysadmin.post('/api/v1/sessions', { name: '十二届一次会议', term: 12, meeting: 1, year: 2027 });
    expect(r.status).toBe(201);
    expect(r.body.rehandlingMonths).toBe(1);
    const edit = await sysadmin.patch(`/api/v1/sessions/${r.body.id}`, { rehandlingMonths: 2, version: r.body.version });
    expect(edit.status).toBe(200);
    expect(edit.body.rehandlingMonths).toBe(2);
    const bad = await sysadmin.patch(`/api/v1/sessions/${r.body.id}`, { rehandlingMonths: 9, version: edit.body.version });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.details)).toContain('重新办理期限');
    expect((await sysadmin.get(`/api/v1/sessions/${r.body.id}`)).body.rehandlingMonths).toBe(2);
  });
});
