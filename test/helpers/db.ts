import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import type { Database } from '../../src/server/db/client.js';
import { openDatabase, pgliteRunner } from '../../src/server/db/client.js';

/** A fresh, migrated, empty database for one test file, on the driver of the current project. */
export async function freshDatabase(): Promise<Database> {
  if (process.env.TEST_DB === 'postgres') return freshPostgres();
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  const schema = await import('../../src/server/db/schema.js');
  const tar = readFileSync(inject('pgliteTemplate'));
  const client = new PGlite({ loadDataDir: new Blob([tar]) });
  await client.waitReady;
  const db = drizzle(client, { schema });
  return { db: db as unknown as Database['db'], driver: 'pglite', sql: pgliteRunner(client), close: () => client.close() };
}

async function freshPostgres(): Promise<Database> {
  const url = process.env.TEST_DATABASE_URL!;
  const { default: pg } = await import('pg');
  const name = `duban_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  // Copies from one template collide when two start at once; retry a few times.
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.query(`create database ${name} template ${inject('postgresTemplate')}`);
      break;
    } catch (e) {
      if (attempt > 20) throw e;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  const target = new URL(url);
  target.pathname = `/${name}`;
  const d = await openDatabase({ url: target.toString() });
  return {
    ...d,
    close: async () => {
      await d.close();
      await admin.query(`drop database if exists ${name}`);
      await admin.end();
    },
  };
}
