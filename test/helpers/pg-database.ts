import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';

/** A new PostgreSQL database copied from the migrated template; its URL and a drop function. */
export async function createPgDatabase(prefix = 'duban_ops') {
  const url = process.env.TEST_DATABASE_URL!;
  const { default: pg } = await import('pg');
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
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
  return {
    name,
    url: target.toString(),
    /** The same database reached through another host:port (a proxy). */
    via: (port: number) => {
      const u = new URL(target.toString());
      u.hostname = '127.0.0.1';
      u.port = String(port);
      return u.toString();
    },
    async drop() {
      await admin.query(`select pg_terminate_backend(pid) from pg_stat_activity where datname = '${name}' and pid <> pg_backend_pid()`);
      await admin.query(`drop database if exists ${name}`);
      await admin.end();
    },
  };
}
