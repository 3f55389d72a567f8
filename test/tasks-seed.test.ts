import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { freshDatabase } from './helpers/db.js';
import { login } from './helpers/api.js';
import { buildApp } from '../src/server/http/app.js';
import type { Database } from '../src/server/db/client.js';
import type { App } from '../src/server/http/types.js';
import { taskLists, tasks } from '../src/server/db/schema.js';
import { DEMO_PASSWORD, seedDemoData } from '../src/server/seed/demo-data.js';

let database: Database;
let app: App;

beforeAll(async () => {
  database = await freshDatabase();
  await seedDemoData(database.db);
  app = await buildApp({ db: database.db, now: () => new Date('2026-11-23T02:00:00Z') });
}, 120_000);
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('demo key tasks', () => {
  it('has a list of about 150 tasks under 7 leaders, with targets, for 平湖市 only', async () => {
    const lists = await database.db.select().from(taskLists);
    expect(lists.map((l) => l.title)).toEqual(['2026年政府工作报告重点工作任务']);
    const [n] = await database.db.select({ n: sql<number>`count(*)::int`, leaders: sql<number>`count(distinct leader_name)::int` }).from(tasks).where(eq(tasks.listId, lists[0]!.id));
    expect(n!.n).toBeGreaterThanOrEqual(140);
    expect(n!.leaders).toBe(7);
    const office = await login(app, 'ducha', DEMO_PASSWORD);
    const page = await office.get(`/api/v1/task-lists/${lists[0]!.id}/tasks?pageSize=100`);
    expect(page.body.items.filter((t: { targets: unknown[] }) => t.targets.length > 0).length).toBeGreaterThan(40);
  });

  it('shows every light in the open period and a published first quarter', async () => {
    const office = await login(app, 'ducha', DEMO_PASSWORD);
    const [list] = await database.db.select().from(taskLists);
    const periods = (await office.get(`/api/v1/task-lists/${list!.id}/periods`)).body.items;
    expect(periods.map((p: { label: string; status: string }) => [p.label, p.status])).toEqual([['一季度', 'published'], ['2026年11月', 'open']]);
    const now = (await office.get(`/api/v1/task-lists/${list!.id}/stats`)).body;
    expect(now.overall.green).toBeGreaterThan(10);
    expect(now.overall.yellow).toBeGreaterThan(10);
    expect(now.overall.red).toBeGreaterThan(0);
    const q1 = (await office.get(`/api/v1/task-lists/${list!.id}/stats?periodId=${periods[0].id}`)).body;
    expect(q1.byStatus.unreported).toBe(0);
    expect(q1.overall.red).toBeGreaterThan(0);
    const pub = await (await login(app, 'ducha', DEMO_PASSWORD)).get(`/api/v1/public/task-periods/${periods[0].id}`);
    expect(pub.status).toBe(200);
    expect(pub.body.rows.length).toBe(now.overall.total);
  });

  it('lets the demo leader see only their own group', async () => {
    const lingdao = await login(app, 'lingdao', DEMO_PASSWORD);
    const [list] = await database.db.select().from(taskLists);
    const mine = (await lingdao.get(`/api/v1/task-lists/${list!.id}/tasks?pageSize=100`)).body;
    expect(mine.total).toBe(21);
    expect(new Set(mine.items.map((t: { leaderName: string }) => t.leaderName))).toEqual(new Set(['顾志刚']));
  });
});
