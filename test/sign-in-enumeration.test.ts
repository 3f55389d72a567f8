import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import * as argon2 from '@node-rs/argon2';
import { freshDatabase } from './helpers/db.js';
import { buildWorld, TEST_PASSWORD, type World } from './helpers/world.js';
import { buildApp } from '../src/server/http/app.js';
import type { Database } from '../src/server/db/client.js';
import type { App } from '../src/server/http/types.js';
import { users } from '../src/server/db/schema.js';

// No user enumeration: an unknown name, a wrong password, a disabled account and a locked one
// answer alike, and each costs one password verification (against a dummy hash when there is no
// hash to check), so that the time does not tell either.

vi.mock('@node-rs/argon2', async (importOriginal) => {
  const real = await importOriginal<typeof import('@node-rs/argon2')>();
  return { ...real, verify: vi.fn(real.verify) };
});
const verify = vi.mocked(argon2.verify);

let database: Database;
let app: App;
let w: World;
const WRONG = 'Wrong#Pass2025';

beforeAll(async () => {
  database = await freshDatabase();
  w = await buildWorld(database.db);
  app = await buildApp({ db: database.db });
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const attempt = (username: string, password: string, from = '10.0.0.1') =>
  app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, remoteAddress: from });

/** The answer and how many password verifications it cost. */
async function probe(username: string, password: string, from?: string) {
  verify.mockClear();
  const r = await attempt(username, password, from);
  // Every answer carries its own request id (for support); everything else must be the same.
  const { requestId, ...body } = r.json();
  expect(requestId).toEqual(expect.any(String));
  return { status: r.statusCode, body, verifications: verify.mock.calls.length };
}

describe('no user enumeration', () => {
  it('answers an unknown name exactly as a wrong password for a real account, at the cost of one verification', async () => {
    const known = await probe(w.users.staff.username, WRONG);
    const unknown = await probe('no_such_user', WRONG);
    expect(known.status).toBe(401);
    expect(unknown).toEqual(known);
    expect(unknown.verifications).toBe(1);
    expect(unknown.body).toEqual({ code: 'UNAUTHENTICATED', message: '用户名或密码错误（还可尝试4次）', details: null });
  });

  it('answers a disabled account with the right password as a wrong one', async () => {
    await database.db.update(users).set({ active: false }).where(eq(users.id, w.users.unit3.id));
    const disabled = await probe(w.users.unit3.username, TEST_PASSWORD);
    const unknown = await probe('no_such_user2', TEST_PASSWORD);
    expect(disabled).toEqual(unknown);
    expect(disabled.status).toBe(401);
  });

  it('locks an unknown name after five failures like a real account, with the same message, status and cost', async () => {
    const seq = async (name: string) => {
      const out = [];
      for (let i = 0; i < 6; i++) out.push(await probe(name, WRONG, '10.0.0.2'));
      return out;
    };
    const real = await seq(w.users.office.username);
    const ghost = await seq('ghost_user');
    const shape = (xs: typeof real) => xs.map((x) => ({ status: x.status, code: x.body.code, message: x.body.message, verifications: x.verifications }));
    expect(shape(ghost)).toEqual(shape(real));
    expect(real.map((x) => x.status)).toEqual([401, 401, 401, 401, 423, 423]);
    // A locked account still costs one verification, even with the right password.
    const lockedRight = await probe(w.users.office.username, TEST_PASSWORD, '10.0.0.2');
    expect(lockedRight.status).toBe(423);
    expect(lockedRight.verifications).toBe(1);
    expect(lockedRight.body.message).toBe(real[5]!.body.message);
  });

  it('takes about as long for an unknown name as for a wrong password', async () => {
    const time = async (name: string, n: number) => {
      const t0 = performance.now();
      for (let i = 0; i < n; i++) await attempt(name, WRONG, `10.1.0.${i}`);
      return (performance.now() - t0) / n;
    };
    await time(w.users.leader.username, 2); // warm up
    const known = await time(w.users.leader.username, 4);
    const unknown = await time('nobody_here', 4);
    // One argon2id verification dominates both; without the dummy hash the unknown name took a
    // fraction of a wrong password's time.
    expect(unknown).toBeGreaterThan(known * 0.5);
  });
});
