import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';

// Embedded PGlite has no autovacuum (no background workers): without this, dead rows of updated
// proposals, assignments, sessions and the job queue pile up, index-only scans stop being
// index-only (the visibility map goes stale) and the planner's statistics drift from the data.
// The housekeeping job runs this on PGlite, with autovacuum's own rule per table. PostgreSQL does it
// itself (docs/operations.md: the autovacuum settings the product expects).

/** autovacuum's defaults: vacuum past 50 + 20 % dead rows, analyze past 50 + 10 % changed rows. */
export const VACUUM_RULE = { threshold: 50, vacuumScale: 0.2, analyzeScale: 0.1 } as const;

export interface VacuumResult {
  vacuumed: string[];
  analyzed: string[];
}

/**
 * VACUUM (ANALYZE) every table with more dead rows than autovacuum would allow, ANALYZE every other
 * table changed enough since its last analysis. One table at a time (each a short stop of the single
 * PGlite connection), outside any transaction.
 */
export async function vacuumWhereNeeded(db: Db): Promise<VacuumResult> {
  // The counters reach pg_stat_* when a statement ends after a flush was asked for.
  await db.execute(sql`select pg_stat_force_next_flush()`);
  const res = (await db.execute(
    sql`select schemaname as schema, relname as name, n_live_tup::float8 as live, n_dead_tup::float8 as dead, n_mod_since_analyze::float8 as changed
        from pg_stat_user_tables order by n_dead_tup desc`,
  )) as unknown as { rows: { schema: string; name: string; live: number; dead: number; changed: number }[] };
  const out: VacuumResult = { vacuumed: [], analyzed: [] };
  for (const t of res.rows) {
    const table = sql`${sql.identifier(t.schema)}.${sql.identifier(t.name)}`;
    const label = t.schema === 'public' ? t.name : `${t.schema}.${t.name}`;
    if (Number(t.dead) > VACUUM_RULE.threshold + VACUUM_RULE.vacuumScale * Number(t.live)) {
      await db.execute(sql`vacuum (analyze) ${table}`);
      out.vacuumed.push(label);
    } else if (Number(t.changed) > VACUUM_RULE.threshold + VACUUM_RULE.analyzeScale * Number(t.live)) {
      await db.execute(sql`analyze ${table}`);
      out.analyzed.push(label);
    }
  }
  return out;
}
