import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { freshDatabase } from './helpers/db.js';
import { login, type Client } from './helpers/api.js';
import { buildApp } from '../src/server/http/app.js';
import type { Database } from '../src/server/db/client.js';
import type { App } from '../src/server/http/types.js';
import { members, proposals, sessions, tenants, users } from '../src/server/db/schema.js';
import { DEMO_PASSWORD, seedDemoData } from '../src/server/seed/demo-data.js';

// The demo has both organs of 平湖市 apart: 提案委 (tiweiban) and 选联工委 (xuanlian) each see only
// their own organ's sessions and items; the NPC session is numbered from 1, its deputies sit in
// 代表团, and it has suggestions in every state.

let database: Database;
let app: App;
let tiweiban: Client;
let xuanlian: Client;
let phId: number;

beforeAll(async () => {
  database = await freshDatabase();
  await seedDemoData(database.db);
  // The demo's own day, so that nothing it shows has moved.
  app = await buildApp({ db: database.db, now: () => new Date('2026-11-23T02:00:00Z') });
  tiweiban = await login(app, 'tiweiban', DEMO_PASSWORD);
  xuanlian = await login(app, 'xuanlian', DEMO_PASSWORD);
  phId = (await database.db.select().from(tenants).where(eq(tenants.name, '平湖市')))[0]!.id;
}, 180_000);
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('the demo’s two organs', () => {
  it('gives each staff account its organ', async () => {
    const staff = await database.db.select({ username: users.username, organ: users.organ }).from(users).where(sql`'staff' = any(${users.roles})`);
    expect(Object.fromEntries(staff.map((s) => [s.username, s.organ]))).toEqual({ tiweiban: 'cppcc', xuanlian: 'npc', jx_tiweiban: 'cppcc', hy_tiweiban: 'cppcc' });
  });

  it('shows each staff only its organ’s sessions and items', async () => {
    const kinds = async (c: Client) => new Set(((await c.get('/api/v1/sessions')).body as { kind: string }[]).map((s) => s.kind));
    expect(await kinds(tiweiban)).toEqual(new Set(['proposal']));
    expect(await kinds(xuanlian)).toEqual(new Set(['suggestion']));
    const listKinds = async (c: Client, q = '') => {
      const r = await c.get(`/api/v1/proposals?pageSize=100${q}`);
      return { kinds: new Set((r.body.items as { kind: string }[]).map((i) => i.kind)), total: r.body.total as number };
    };
    expect((await listKinds(tiweiban)).kinds).toEqual(new Set(['proposal']));
    const npc = await listKinds(xuanlian);
    expect(npc.kinds).toEqual(new Set(['suggestion']));
    // The review queue of 选联工委 holds only suggestions, and there are some to review.
    const queue = await listKinds(xuanlian, '&status=submitted');
    expect(queue.total).toBeGreaterThan(0);
    expect(queue.kinds).toEqual(new Set(['suggestion']));
  });

  it('numbers the NPC session on its own from 1, with suggestions in every state', async () => {
    const [npcSession] = await database.db.select().from(sessions).where(and(eq(sessions.tenantId, phId), eq(sessions.kind, 'suggestion')));
    const rows = await database.db.select({ status: proposals.status, number: proposals.number, kind: proposals.kind }).from(proposals).where(eq(proposals.sessionId, npcSession!.id));
    expect(new Set(rows.map((r) => r.kind))).toEqual(new Set(['suggestion']));
    const numbers = rows.map((r) => r.number).filter((n): n is number => n !== null).sort((a, b) => a - b);
    expect(numbers[0]).toBe(1);
    expect(numbers).toEqual(numbers.map((_, i) => i + 1));
    expect(npcSession!.lastNumber).toBe(numbers.length);
    const states = new Set(rows.map((r) => r.status));
    for (const s of ['draft', 'pending_cosign', 'submitted', 'returned', 'withdrawn', 'not_filed', 'filed', 'merged', 'assigned', 'handling', 'replied', 'rehandling', 'following_up', 'closed']) {
      expect(states, s).toContain(s);
    }
  });

  it('has deputies in 代表团, and the demo deputy db01 with a suggestion waiting for evaluation', async () => {
    const deputies = await database.db.select().from(members).where(and(eq(members.tenantId, phId), eq(members.kind, 'suggestion')));
    expect(deputies.length).toBeGreaterThanOrEqual(30);
    expect(deputies.every((d) => /代表团$/.test(d.sector ?? ''))).toBe(true);
    const db01 = await login(app, 'db01', DEMO_PASSWORD);
    expect((await db01.get('/api/v1/auth/me')).body.workKind).toBe('suggestion');
    const mine = await db01.get('/api/v1/proposals?pageSize=100');
    const statuses = (mine.body.items as { status: string; kind: string }[]).map((i) => i.status);
    expect(statuses).toContain('replied');
    expect(statuses).toContain('pending_cosign');
    expect((mine.body.items as { kind: string }[]).every((i) => i.kind === 'suggestion')).toBe(true);
  });
});
