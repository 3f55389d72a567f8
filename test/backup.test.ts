import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database, type Db } from '../src/server/db/client.js';
import { sessions } from '../src/server/db/schema.js';
import { seedDemoData } from '../src/server/seed/demo-data.js';
import { computeFigures, computeFiguresExact } from '../src/server/domain/compute-figures.js';
import { readBackup } from '../src/server/backup/logical-dump.js';
import { DEMO_DAY } from '../src/server/clock.js';
import { createPgDatabase } from './helpers/pg-database.js';
import { tempDir } from './helpers/server-process.js';

// npm run backup / npm run restore on the driver of the project: the demo is backed up to one
// file and restored into a fresh, empty database; every table's row count and every session's
// figures (from the rollups and from the base rows) must be the same.

const root = path.resolve(import.meta.dirname, '..');
const onPostgres = process.env.TEST_DB === 'postgres';

interface Place {
  env: Record<string, string>;
  open(): Promise<Database>;
  drop(): Promise<void>;
}

async function place(): Promise<Place> {
  if (onPostgres) {
    const pg = await createPgDatabase('duban_backup');
    return { env: { DATABASE_URL: pg.url }, open: () => openDatabase({ url: pg.url, migrate: false }), drop: () => pg.drop() };
  }
  const dir = tempDir('duban-backup-');
  return { env: { DATABASE_URL: '', DATA_DIR: dir }, open: () => openDatabase({ dataDir: path.join(dir, 'pg'), migrate: false }), drop: async () => undefined };
}

const run = (script: string, args: string[], env: Record<string, string>) =>
  spawnSync(process.execPath, ['--import', 'tsx', `scripts/${script}.ts`, ...args], { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 300_000 });

async function counts(db: Db) {
  const res = await db.execute(sql`select table_name::text as t from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`);
  const out: Record<string, number> = {};
  for (const { t } of (res as unknown as { rows: { t: string }[] }).rows) {
    const r = await db.execute(sql.raw(`select count(*)::int as n from "${t}"`));
    out[t] = (r as unknown as { rows: { n: number }[] }).rows[0]!.n;
  }
  return out;
}

async function figures(db: Db) {
  const all = await db.select({ id: sessions.id, tenantId: sessions.tenantId }).from(sessions).orderBy(sessions.id);
  const out: unknown[] = [];
  for (const s of all) out.push({ s: s.id, rollup: await computeFigures(db, s.tenantId, s.id, DEMO_DAY), exact: await computeFiguresExact(db, s.tenantId, s.id, DEMO_DAY) });
  return out;
}

let source: Place;
let target: Place;
let file: string;

beforeAll(async () => {
  source = await place();
  target = await place();
  // The source: migrated and loaded with the demo.
  const d = source.env.DATABASE_URL ? await openDatabase({ url: source.env.DATABASE_URL }) : await openDatabase({ dataDir: path.join(source.env.DATA_DIR!, 'pg') });
  await seedDemoData(d.db);
  await d.close();
  file = path.join(tempDir('duban-backup-file-'), 'demo.backup.gz');
}, 300_000);
afterAll(async () => {
  await source?.drop();
  await target?.drop();
});

describe('backup and restore', () => {
  it('npm run backup writes one file with every table', () => {
    const r = run('backup', [file], source.env);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('备份完成');
    expect(existsSync(file)).toBe(true);
    expect(statSync(file).size).toBeGreaterThan(50_000);
    const { header } = readBackup(readFileSync(file));
    expect(header.format).toBe('duban-backup');
    expect(header.tables.map((t) => t.name)).toEqual(expect.arrayContaining(['tenants', 'proposals', 'replies', 'audit_log', 'proposal_rollup', 'login_sessions']));
    // Parents before children: tenants before users before proposals.
    const order = header.tables.map((t) => t.name);
    expect(order.indexOf('tenants')).toBeLessThan(order.indexOf('users'));
    expect(order.indexOf('users')).toBeLessThan(order.indexOf('proposals'));
  }, 300_000);

  it('npm run restore FILE loads it into a fresh database: every table’s rows and every session’s figures are the same', async () => {
    const r = run('restore', [file], target.env);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('恢复完成');
    const a = await source.open();
    const b = await target.open();
    try {
      const before = await counts(a.db);
      const after = await counts(b.db);
      expect(Object.keys(after).length).toBeGreaterThan(20);
      expect(after).toEqual(before);
      expect(after.proposals).toBeGreaterThan(100);
      expect(await figures(b.db)).toEqual(await figures(a.db));
      // New rows continue after the restored ids.
      const [{ id }] = (await b.db.execute(sql`insert into tenants (name, level, code) values ('恢复后新增', 'city', 'AFTER-RESTORE') returning id`) as unknown as { rows: [{ id: number }] }).rows;
      const [{ max }] = (await a.db.execute(sql`select max(id)::int as max from tenants`) as unknown as { rows: [{ max: number }] }).rows;
      expect(id).toBeGreaterThan(max);
    } finally {
      await a.close();
      await b.close();
    }
  }, 300_000);

  it('refuses to restore into a database that is not empty', () => {
    const r = run('restore', [file], source.env);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('目标数据库不是空的');
  }, 300_000);
});
