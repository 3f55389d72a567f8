import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';

// The figures triggers append what each write changed to proposal_rollup_delta instead of
// updating the shared proposal_rollup rows (migration 0016: those row locks serialised every
// writer of a session). The readers sum both, so the figures are exact whether or not a fold has
// run; folding only keeps the delta table, and with it the readers' work, small.

/** Folds every committed delta into proposal_rollup; the delta rows moved, or -1 when another fold is running. */
export async function foldRollups(db: Db): Promise<number> {
  const res = (await db.execute(sql`select duban_fold_rollups() as n`)) as unknown as { rows: { n: number }[] };
  return Number(res.rows[0]?.n ?? 0);
}
