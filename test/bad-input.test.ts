import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { freshDatabase } from './helpers/db.js';
import { addPlatformAdmin, buildWorld, type World } from './helpers/world.js';
import { anonymous, login, type Client } from './helpers/api.js';
import { buildApp } from '../src/server/http/app.js';
import type { Database } from '../src/server/db/client.js';
import type { App } from '../src/server/http/types.js';
import type { ApiRoute } from '../src/server/http/plugins/auth.js';
import type { Role } from '../src/shared/roles.js';

// Bad input is refused with a 400 before it reaches the database, on every route: a NUL byte in
// any text (PostgreSQL cannot store it and answered 500) and an integer beyond int32 (every id
// and count column is int4, which answered 500 "out of range"). The walk goes through the route
// list, so a route added later is covered without touching this file.

let database: Database;
let app: App;
let w: World;
const clients = {} as Record<Role, Client>;
let platform: Client;
const USER_OF_ROLE: Record<Role, keyof World['users']> = {
  member: 'member', group: 'group', staff: 'staff', office: 'office', unit: 'unit', leader: 'leader',
  sysadmin: 'sysadmin', secadmin: 'secadmin', auditor: 'auditor',
};

beforeAll(async () => {
  database = await freshDatabase();
  w = await buildWorld(database.db);
  app = await buildApp({ db: database.db });
  await app.ready();
  for (const role of Object.keys(USER_OF_ROLE) as Role[]) clients[role] = await login(app, w.users[USER_OF_ROLE[role]].username);
  platform = await login(app, await addPlatformAdmin(database.db));
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const TOO_BIG = '2147483648'; // 2³¹, one past int4
const NUL = 'a\u0000b';

/** A client allowed through the route's access rule. */
function clientFor(r: ApiRoute): Client {
  if (r.access === 'public') return anonymous(app);
  if (r.access === 'authenticated') return clients.staff;
  if (r.access === 'platform') return platform;
  return clients[r.access[0]!];
}

function call(c: Client, method: string, url: string, body: unknown = {}) {
  if (method === 'GET') return c.get(url);
  if (method === 'DELETE') return c.delete(url);
  if (method === 'POST') return c.post(url, body);
  if (method === 'PATCH') return c.patch(url, body);
  return c.put(url, body);
}

const walkable = () => app.apiRoutes.filter((r) => r.url !== '/api/v1/auth/logout');
const paramNames = (url: string) => [...url.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]!);
const fillParams = (url: string, values: Record<string, string>) => url.replace(/:([A-Za-z]+)/g, (_, n: string) => encodeURIComponent(values[n] ?? '1'));

/** Top-level keys of a route's querystring schema and whether each is a number. */
function queryKeys(r: ApiRoute): { key: string; numeric: boolean }[] {
  const s = r.schema?.querystring;
  if (!(s instanceof z.ZodObject)) return [];
  const json = z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, { type?: string; anyOf?: { type?: string }[] }> };
  return Object.entries(json.properties ?? {}).map(([key, p]) => {
    const types = [p.type, ...(p.anyOf ?? []).map((a) => a.type)];
    return { key, numeric: types.includes('integer') || types.includes('number') };
  });
}

/** Path parameters the route declares as numbers: ids. A text key (a batch's Idempotency-Key) is not an id. */
function numericParams(r: ApiRoute): string[] {
  const names = paramNames(r.url);
  const s = r.schema?.params;
  if (!(s instanceof z.ZodObject)) return names;
  const json = z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, { type?: string; anyOf?: { type?: string }[] }> };
  return names.filter((n) => {
    const p = json.properties?.[n];
    if (!p) return true;
    const types = [p.type, ...(p.anyOf ?? []).map((a) => a.type)].filter(Boolean);
    return !(types.length && types.every((t) => t === 'string'));
  });
}

describe('bad input on every route', () => {
  it('answers 400 to an id of 2³¹ in any path parameter', { timeout: 120_000 }, async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const r of walkable()) {
      for (const name of numericParams(r)) {
        checked++;
        const res = await call(clientFor(r), r.method, fillParams(r.url, { [name]: TOO_BIG }));
        if (res.status !== 400) failures.push(`${r.method} ${r.url} :${name}=${TOO_BIG} → ${res.status} ${JSON.stringify(res.body).slice(0, 100)}`);
      }
    }
    expect(checked).toBeGreaterThan(40);
    expect(failures).toEqual([]);
  });

  it('answers 400 to a NUL byte in any path parameter', { timeout: 120_000 }, async () => {
    const failures: string[] = [];
    for (const r of walkable()) {
      for (const name of paramNames(r.url)) {
        const res = await call(clientFor(r), r.method, fillParams(r.url, { [name]: NUL }));
        if (res.status !== 400) failures.push(`${r.method} ${r.url} :${name} → ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('answers 400 to a NUL byte in any query parameter, and 400 to 2³¹ in any numeric one', { timeout: 180_000 }, async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const r of walkable()) {
      const url = fillParams(r.url, {});
      for (const { key, numeric } of queryKeys(r)) {
        checked++;
        const nul = await call(clientFor(r), r.method, `${url}?${key}=${encodeURIComponent(NUL)}`);
        if (nul.status !== 400) failures.push(`${r.method} ${r.url}?${key}=NUL → ${nul.status}`);
        const big = await call(clientFor(r), r.method, `${url}?${key}=${TOO_BIG}`);
        if (numeric ? big.status !== 400 : big.status >= 500) failures.push(`${r.method} ${r.url}?${key}=${TOO_BIG} → ${big.status}`);
      }
    }
    expect(checked).toBeGreaterThan(40);
    expect(failures).toEqual([]);
  });

  it('never answers 500 to a body whose every field is a NUL string or 2³¹', { timeout: 180_000 }, async () => {
    const failures: string[] = [];
    for (const r of walkable()) {
      if (r.method === 'GET' || r.method === 'DELETE' || !(r.schema?.body instanceof z.ZodType)) continue;
      const url = fillParams(r.url, {});
      const json = z.toJSONSchema(r.schema.body as z.ZodType, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, unknown> };
      const keys = Object.keys(json.properties ?? {});
      for (const value of [NUL, Number(TOO_BIG)]) {
        const res = await call(clientFor(r), r.method, url, Object.fromEntries(keys.map((k) => [k, value])));
        if (res.status >= 500) failures.push(`${r.method} ${r.url} body=${String(value).replace('\u0000', '\\0')} → ${res.status}`);
      }
    }
    expect(failures).toEqual([]);
  });
});

describe('bad input in otherwise valid requests', () => {
  const proposal = { sessionId: 0, title: '关于加强农村饮用水安全保障的建议', body: '<p>正文</p>', category: 'agriculture' };

  it('refuses a NUL byte in a proposal title and body with 400 naming the field', async () => {
    const member = clients.member;
    const title = await member.post('/api/v1/proposals', { ...proposal, sessionId: w.sessionId, title: '关于加强农村\u0000饮用水安全的建议' });
    expect(title.status).toBe(400);
    expect(title.body.code).toBe('VALIDATION_FAILED');
    expect(title.body.details[0].path).toBe('body.title');
    expect(title.body.message).toContain('空字符');
    const body = await member.post('/api/v1/proposals', { ...proposal, sessionId: w.sessionId, body: '<p>正\u0000文</p>' });
    expect(body.status).toBe(400);
    expect(body.body.details[0].path).toBe('body.body');
  });

  it('refuses an id of 2³¹ in a valid body with 400', async () => {
    const res = await clients.member.post('/api/v1/proposals', { ...proposal, sessionId: 2 ** 31 });
    expect(res.status).toBe(400);
    expect(res.body.details[0].path).toBe('body.sessionId');
    const co = await clients.member.post('/api/v1/proposals', { ...proposal, sessionId: w.sessionId, coProposers: [{ memberId: 2 ** 31 }] });
    expect(co.status).toBe(400);
    expect(co.body.details[0].path).toBe('body.coProposers.0.memberId');
  });

  it('refuses a NUL byte in a username with 400', async () => {
    const res = await anonymous(app).post('/api/v1/auth/login', { username: 't_staff\u0000', password: 'x' });
    expect(res.status).toBe(400);
  });

  it('refuses a NUL byte and 2³¹ in search queries with 400', async () => {
    expect((await clients.staff.get(`/api/v1/search?q=${encodeURIComponent('养老\u0000')}`)).status).toBe(400);
    expect((await clients.staff.get(`/api/v1/search?q=养老&sessionId=${TOO_BIG}`)).status).toBe(400);
    expect((await clients.staff.get(`/api/v1/proposals?q=${encodeURIComponent('第99999999999号')}`)).status).toBeLessThan(500);
    expect((await clients.staff.get(`/api/v1/proposals?q=99999999999`)).status).toBeLessThan(500);
  });

  it('keeps decimal figures beyond int32 where the schema allows any number', async () => {
    // 目标值 and 完成值 are numeric columns: a budget in 元 may pass 2³¹.
    const { guardInput } = await import('../src/server/http/plugins/input-guard.js');
    const schema = z.object({ id: z.number().int(), targetValue: z.number().finite() });
    const guard = guardInput(schema);
    expect(guard({ id: 1, targetValue: 5_000_000_000 })).toBeNull();
    expect(guard({ id: 2 ** 31, targetValue: 1 })).toEqual([{ path: 'id', message: expect.stringContaining('超出范围') }]);
  });
});
