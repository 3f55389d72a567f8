import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import { freshDatabase } from './helpers/db.js';
import { buildWorld, type World } from './helpers/world.js';
import type { Database } from '../src/server/db/client.js';
import { units } from '../src/server/db/schema.js';
import { runHousekeeping, type JobContext } from '../src/server/jobs/scheduler.js';
import { vacuumWhereNeeded } from '../src/server/jobs/vacuum.js';

// Issue 13: PGlite has no autovacuum, so housekeeping vacuums and analyzes the tables that need it.

let database: Database;
let w: World;

beforeAll(async () => {
  database = await freshDatabase();
  w = await buildWorld(database.db);
});
afterAll(async () => {
  await database.close();
});

const log = () => ({ info: vi.fn(), error: vi.fn(), warn: vi.fn(), debug: vi.fn() }) as unknown as FastifyBaseLogger & { info: ReturnType<typeof vi.fn> };

async function churn() {
  // 400 rows written, then each updated twice: 800 dead rows in a table of 400 live ones (units keeps the world's).
  await database.db.insert(units).values(Array.from({ length: 400 }, (_, i) => ({ tenantId: w.tenantId, name: `清理单位${i}` })));
  for (let k = 0; k < 2; k++) await database.db.update(units).set({ contactName: `联系人${k}` }).where(eq(units.tenantId, w.tenantId));
}

const deadRows = async () => {
  await database.db.execute(sql`select pg_stat_force_next_flush()`);
  const r = (await database.db.execute(sql`select n_dead_tup::int as dead, last_vacuum, last_autovacuum from pg_stat_user_tables where relname = 'units'`)) as unknown as {
    rows: { dead: number; last_vacuum: unknown; last_autovacuum: unknown }[];
  };
  return r.rows[0]!;
};

describe('vacuum where needed', () => {
  it.skipIf(process.env.TEST_DB === 'postgres')('housekeeping on PGlite vacuums a table with many dead rows and analyzes changed ones', async () => {
    await churn();
    expect((await deadRows()).dead).toBeGreaterThan(500);
    const l = log();
    const r = await runHousekeeping({ db: database.db, driver: 'pglite', log: l, instance: 'test' } as unknown as JobContext);
    expect(r.vacuum?.vacuumed).toContain('units');
    const after = await deadRows();
    expect(after.dead).toBe(0);
    expect(after.last_vacuum).not.toBeNull();
    expect(l.info.mock.calls.some((c) => c[0]?.job === 'vacuum')).toBe(true);
    // Nothing left to do on the next run.
    const again = await vacuumWhereNeeded(database.db);
    expect(again.vacuumed).not.toContain('units');
  });

  it('housekeeping on PostgreSQL leaves it to autovacuum', async () => {
    const r = await runHousekeeping({ db: database.db, driver: 'postgres', log: log(), instance: 'test' } as unknown as JobContext);
    expect(r.vacuum).toBeNull();
  });

});
