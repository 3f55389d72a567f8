import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import * as schema from './schema.js';

export type Schema = typeof schema;
/** The Drizzle database, whichever driver is behind it. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything queries can run on: the database or an open transaction. */
export type Executor = Db | Tx;

/** Plain SQL with positional parameters, for code that brings its own SQL (the job queue, backups). */
export interface SqlRunner {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
}

export interface PoolStats {
  /** Connections open, idle, and requests waiting for one. */
  total: number;
  idle: number;
  waiting: number;
  max: number;
}

export interface Database {
  db: Db;
  /**
   * Where search, lists and reports may read: the replica when DATABASE_READ_URL is set, else `db`.
   * A replica lags behind; code that must see its own writes reads `db`.
   */
  readDb?: Db;
  driver: 'pglite' | 'postgres';
  /** Raw SQL on the primary (the queue's adapter, backups). */
  sql?: SqlRunner;
  /** Connection use per pool, for /metrics (PostgreSQL only). */
  poolStats?: () => { primary: PoolStats; replica?: PoolStats };
  close(): Promise<void>;
}

export interface OpenOptions {
  url?: string;
  dataDir?: string;
  /** A read-only replica (DATABASE_READ_URL) for search, lists and reports. */
  readUrl?: string;
  /** Connections per pool (DATABASE_POOL_MAX, DATABASE_READ_POOL_MAX). */
  poolMax?: number;
  readPoolMax?: number;
  /** Where a dropped connection is reported; without it, it is ignored (but never crashes the process). */
  onPoolError?: (err: Error, pool: 'primary' | 'replica') => void;
  /** Skip the migrations (a restore loads them with the data). */
  migrate?: boolean;
}

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
export const MIGRATIONS_FOLDER = migrationsFolder;

/**
 * Opens the database: a PostgreSQL server when `url` is given, else embedded PGlite stored in
 * `dataDir` (or in memory when `dataDir` is 'memory://'). Runs the migrations before returning.
 */
export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.url) return openPostgres({ ...opts, url: opts.url });
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const { migrate } = await import('drizzle-orm/pglite/migrator');
  const client = new PGlite(opts.dataDir ?? './data/pg');
  await client.waitReady;
  const db = drizzle(client, { schema });
  if (opts.migrate !== false) await migrate(db, { migrationsFolder });
  return { db: db as unknown as Db, driver: 'pglite', sql: pgliteRunner(client), close: () => client.close() };
}

/** PGlite runs one statement with parameters, or a script of several without (the queue's schema). */
export function pgliteRunner(client: import('@electric-sql/pglite').PGlite): SqlRunner {
  return {
    async executeSql(text, values) {
      if (values && values.length) return (await client.query(text, values)) as { rows: Record<string, unknown>[] };
      const results = await client.exec(text);
      return (results[results.length - 1] ?? { rows: [] }) as { rows: Record<string, unknown>[] };
    },
  };
}

async function openPostgres(opts: OpenOptions & { url: string }): Promise<Database> {
  const { default: pg } = await import('pg');
  const { drizzle } = await import('drizzle-orm/node-postgres');
  const { migrate } = await import('drizzle-orm/node-postgres/migrator');
  // Dates stay strings ('2025-03-05'): deadlines are calendar days, not instants.
  pg.types.setTypeParser(1082, (v: string) => v);
  const makePool = (connectionString: string, max: number, name: 'primary' | 'replica') => {
    const pool = new pg.Pool({
      connectionString,
      max,
      // A server that does not answer must not hold a request for long: it gets 503 and retries.
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
      keepAlive: true,
    });
    // A connection dropped by the server (restart, failover, network) emits 'error' on the pool
    // when idle and on the client when in use; without a listener Node ends the process. The pool
    // discards broken clients itself and opens new ones on the next request.
    const report = (err: Error) => opts.onPoolError?.(err, name);
    pool.on('error', report);
    pool.on('connect', (client) => client.on('error', report));
    return pool;
  };
  const max = opts.poolMax ?? 10;
  const pool = makePool(opts.url, max, 'primary');
  const db = drizzle(pool, { schema });
  if (opts.migrate !== false) {
    // Several instances starting at once on an empty database: one migrates, the others wait for
    // it (a session-level advisory lock on a connection of its own), then find nothing to do.
    const lock = await pool.connect();
    try {
      await lock.query(`select pg_advisory_lock(hashtext('duban.migrations'))`);
      await migrate(db, { migrationsFolder });
    } finally {
      await lock.query(`select pg_advisory_unlock(hashtext('duban.migrations'))`).catch(() => undefined);
      lock.release();
    }
  }
  const readMax = opts.readPoolMax ?? max;
  const readPool = opts.readUrl ? makePool(opts.readUrl, readMax, 'replica') : null;
  const readDb = readPool ? drizzle(readPool, { schema }) : db;
  const stats = (p: import('pg').Pool, m: number): PoolStats => ({ total: p.totalCount, idle: p.idleCount, waiting: p.waitingCount, max: m });
  return {
    db: db as unknown as Db,
    readDb: readDb as unknown as Db,
    driver: 'postgres',
    sql: { executeSql: async (text, values) => (await pool.query(text, values as unknown[])) as unknown as { rows: Record<string, unknown>[] } },
    poolStats: () => ({ primary: stats(pool, max), ...(readPool ? { replica: stats(readPool, readMax) } : {}) }),
    close: async () => {
      await pool.end();
      await readPool?.end();
    },
  };
}
