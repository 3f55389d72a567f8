import { and, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { freshDatabase } from './helpers/db.js';
import { buildWorld, type World } from './helpers/world.js';
import { login, type Client } from './helpers/api.js';
import { buildApp } from '../src/server/http/app.js';
import type { Database } from '../src/server/db/client.js';
import type { App } from '../src/server/http/types.js';
import { assignments, auditLog, notifications, proposals } from '../src/server/db/schema.js';

// Shared set-up of the handling tests: a world, an app on a settable clock, a client per role.

const ROLES = ['member', 'member2', 'member3', 'group', 'staff', 'office', 'unit', 'unit2', 'unit3', 'otherStaff', 'otherUnit'] as const;
type Who = (typeof ROLES)[number];

export interface Fixture {
  database: Database;
  app: App;
  w: World;
  c: Record<Who, Client>;
  /** Moves the clock to 10:00 China time of `day` and signs everyone in again (sessions expire). */
  setDay(day: string): Promise<void>;
  /** A proposal by `member` (co-proposer `member2`), filed through the review endpoint. */
  filed(title?: string): Promise<number>;
  version(id: number): Promise<number>;
  row(id: number): Promise<typeof proposals.$inferSelect>;
  assignmentsOf(id: number): Promise<(typeof assignments.$inferSelect)[]>;
  notices(userId: number, kind: string, proposalId?: number): Promise<(typeof notifications.$inferSelect)[]>;
  audits(proposalId: number, action: string): Promise<number>;
  close(): Promise<void>;
}

export async function setupHandling(day: string): Promise<Fixture> {
  const database = await freshDatabase();
  const w = await buildWorld(database.db);
  let clock = new Date(`${day}T02:00:00Z`);
  const app = await buildApp({ db: database.db, now: () => clock });
  const c = {} as Record<Who, Client>;
  const loginAll = async () => {
    for (const r of ROLES) c[r] = await login(app, w.users[r].username);
  };
  await loginAll();
  const db = database.db;
  const f: Fixture = {
    database,
    app,
    w,
    c,
    async setDay(d) {
      clock = new Date(`${d}T02:00:00Z`);
      await loginAll();
    },
    async filed(title = '关于加强农村饮用水安全保障的建议') {
      const created = await c.member.post('/api/v1/proposals', {
        sessionId: w.sessionId,
        title,
        body: '正文',
        category: 'agriculture',
        coProposers: [{ memberId: w.members.li }],
      });
      expect(created.status).toBe(201);
      // Submission is another area's use case; set the state directly as test/review.test.ts does.
      await db.update(proposals).set({ status: 'submitted', submittedAt: clock }).where(eq(proposals.id, created.body.id));
      const r = await c.staff.post(`/api/v1/proposals/${created.body.id}/review`, { decision: 'file', version: created.body.version });
      expect(r.status).toBe(200);
      return created.body.id as number;
    },
    version: async (id) => (await f.row(id)).version,
    row: async (id) => (await db.select().from(proposals).where(eq(proposals.id, id)))[0]!,
    assignmentsOf: (id) => db.select().from(assignments).where(eq(assignments.proposalId, id)).orderBy(assignments.id),
    notices: (userId, kind, proposalId) =>
      db
        .select()
        .from(notifications)
        .where(
          and(
            eq(notifications.userId, userId),
            eq(notifications.kind, kind),
            proposalId === undefined ? undefined : eq(notifications.proposalId, proposalId),
          ),
        ),
    audits: async (proposalId, action) =>
      (await db.select().from(auditLog).where(and(eq(auditLog.proposalId, proposalId), eq(auditLog.action, action)))).length,
    async close() {
      await app.close();
      await database.close();
    },
  };
  return f;
}
