import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { PGlite } from '@electric-sql/pglite';
import type { Pool, PoolClient } from 'pg';
import { MIGRATIONS_FOLDER, type Database } from '../db/client.js';

/**
 * One backup file for both drivers: every table of the application (schema public) as
 * PostgreSQL's COPY text, with a header naming the tables, their columns and row counts, and the
 * migration the data belongs to; gzipped. The same file restores into PGlite or PostgreSQL.
 * The job queue's tables (pgboss) are not in it: its jobs are transient and its schedules are
 * made again at start.
 */
export interface BackupHeader {
  format: 'duban-backup';
  version: 1;
  createdAt: string;
  driver: Database['driver'];
  /** The newest migration applied (drizzle's `when`), which the restoring release must match. */
  migration: number;
  tables: { name: string; columns: string[]; rows: number; bytes: number }[];
}

const MAGIC = 'DUBAN-BACKUP 1\n';

interface Copier {
  query(text: string): Promise<Record<string, unknown>[]>;
  copyOut(text: string): Promise<Buffer>;
  copyIn(text: string, data: Buffer): Promise<void>;
  /** Runs `fn` in one transaction (the dump: one snapshot; the restore: all or nothing). */
  transaction<T>(mode: 'snapshot' | 'write', fn: () => Promise<T>): Promise<T>;
  release(): void;
}

async function copier(database: Database): Promise<Copier> {
  const raw = (database.db as unknown as { $client: unknown }).$client;
  if (database.driver === 'pglite') {
    const client = raw as PGlite;
    return {
      query: async (text) => (await client.query<Record<string, unknown>>(text)).rows,
      async copyOut(text) {
        const res = await client.query(`${text} TO '/dev/blob'`);
        // An empty table writes nothing, and there is no blob.
        return res.blob ? Buffer.from(await res.blob.arrayBuffer()) : Buffer.alloc(0);
      },
      async copyIn(text, data) {
        await client.query(`${text} FROM '/dev/blob'`, [], { blob: new Blob([new Uint8Array(data)]) });
      },
      async transaction(_mode, fn) {
        // PGlite has one connection: nothing else runs between these statements.
        await client.exec('begin');
        try {
          const out = await fn();
          await client.exec('commit');
          return out;
        } catch (e) {
          await client.exec('rollback');
          throw e;
        }
      },
      release: () => undefined,
    };
  }
  const { to, from } = await import('pg-copy-streams');
  const { pipeline } = await import('node:stream/promises');
  const { Readable } = await import('node:stream');
  const client: PoolClient = await (raw as Pool).connect();
  return {
    query: async (text) => (await client.query(text)).rows,
    async copyOut(text) {
      const chunks: Buffer[] = [];
      const stream = client.query(to(`${text} TO STDOUT`));
      for await (const c of stream) chunks.push(c as Buffer);
      return Buffer.concat(chunks);
    },
    async copyIn(text, data) {
      await pipeline(Readable.from([data]), client.query(from(`${text} FROM STDIN`)));
    },
    async transaction(mode, fn) {
      await client.query(mode === 'snapshot' ? 'begin isolation level repeatable read read only' : 'begin');
      try {
        const out = await fn();
        await client.query('commit');
        return out;
      } catch (e) {
        await client.query('rollback');
        throw e;
      }
    },
    release: () => client.release(),
  };
}

export function latestMigration(): number {
  const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_FOLDER, 'meta/_journal.json'), 'utf8')) as { entries: { when: number }[] };
  return Math.max(...journal.entries.map((e) => e.when));
}

const ident = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** The application's tables, parents before children (foreign keys), with their copyable columns. */
async function tablesInOrder(c: Copier): Promise<{ name: string; columns: string[] }[]> {
  const cols = await c.query(`
    select c.table_name::text as t, c.column_name::text as c from information_schema.columns c
    join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name and t.table_type = 'BASE TABLE'
    where c.table_schema = 'public' and c.is_generated = 'NEVER'
    order by c.table_name, c.ordinal_position`);
  const byTable = new Map<string, string[]>();
  for (const r of cols) byTable.set(r.t as string, [...(byTable.get(r.t as string) ?? []), r.c as string]);
  const fks = await c.query(`
    select c.conrelid::regclass::text as child, c.confrelid::regclass::text as parent
    from pg_constraint c join pg_namespace n on n.oid = c.connamespace
    where c.contype = 'f' and n.nspname = 'public' and c.conrelid <> c.confrelid`);
  const parents = new Map<string, Set<string>>();
  for (const r of fks) {
    const child = (r.child as string).replace(/^public\./, '').replace(/"/g, '');
    const parent = (r.parent as string).replace(/^public\./, '').replace(/"/g, '');
    parents.set(child, (parents.get(child) ?? new Set()).add(parent));
  }
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (t: string) => {
    if (state.get(t) === 'done' || state.get(t) === 'visiting') return;
    state.set(t, 'visiting');
    for (const p of parents.get(t) ?? []) if (byTable.has(p)) visit(p);
    state.set(t, 'done');
    order.push(t);
  };
  for (const t of [...byTable.keys()].sort()) visit(t);
  return order.map((name) => ({ name, columns: byTable.get(name)! }));
}

/** Writes the backup of `database` and returns the file's bytes. */
export async function dumpDatabase(database: Database, now = new Date()): Promise<{ file: Buffer; header: BackupHeader }> {
  const c = await copier(database);
  try {
    return await c.transaction('snapshot', async () => {
      const [applied] = await c.query('select max(created_at)::bigint as m from drizzle.__drizzle_migrations');
      const tables: BackupHeader['tables'] = [];
      const parts: Buffer[] = [];
      for (const t of await tablesInOrder(c)) {
        const data = await c.copyOut(`copy ${ident(t.name)} (${t.columns.map(ident).join(', ')})`);
        // COPY text: one line per row (newlines inside values are escaped as \n).
        let rows = 0;
        for (let i = 0; i < data.length; i++) if (data[i] === 10) rows++;
        tables.push({ name: t.name, columns: t.columns, rows, bytes: data.length });
        parts.push(data);
      }
      const header: BackupHeader = { format: 'duban-backup', version: 1, createdAt: now.toISOString(), driver: database.driver, migration: Number(applied?.m ?? 0), tables };
      const headerBuf = Buffer.from(`${JSON.stringify(header)}\n`, 'utf8');
      return { file: gzipSync(Buffer.concat([Buffer.from(MAGIC), headerBuf, ...parts]), { level: 6 }), header };
    });
  } finally {
    c.release();
  }
}

export function readBackup(file: Buffer): { header: BackupHeader; body: Buffer; offset: number } {
  let buf: Buffer;
  try {
    buf = gunzipSync(file);
  } catch {
    throw new Error('不是督办备份文件（无法解压）。Not a Duban backup file (cannot be decompressed).');
  }
  if (buf.subarray(0, MAGIC.length).toString() !== MAGIC) throw new Error('不是督办备份文件。Not a Duban backup file.');
  const end = buf.indexOf(10, MAGIC.length);
  const header = JSON.parse(buf.subarray(MAGIC.length, end).toString('utf8')) as BackupHeader;
  return { header, body: buf, offset: end + 1 };
}

/**
 * Loads a backup into an empty, migrated database of the same release: every table in one
 * transaction, parents first, with the tables' own triggers off (the rollups are restored as they
 * were, not recomputed), then the id sequences moved past the restored rows.
 */
export async function restoreDatabase(database: Database, file: Buffer): Promise<BackupHeader> {
  const { header, body, offset } = readBackup(file);
  const latest = latestMigration();
  if (header.migration !== latest) {
    throw new Error(
      `备份来自另一个版本（迁移 ${header.migration}，本版本为 ${latest}）：请用制作备份的同一版本恢复，再启动新版本升级。` +
        ` The backup belongs to another release (migration ${header.migration}, this one ${latest}): restore with the release that made it, then start the new one to upgrade.`,
    );
  }
  const c = await copier(database);
  try {
    const [{ n }] = (await c.query(`select count(*)::int as n from tenants`)) as [{ n: number }];
    if (n > 0) throw new Error('目标数据库不是空的（已有租户数据），为防止覆盖，拒绝恢复。The target database is not empty (it has tenants); refusing to overwrite it.');
    await c.transaction('write', async () => {
      let at = offset;
      for (const t of header.tables) {
        const data = body.subarray(at, at + t.bytes);
        at += t.bytes;
        await c.query(`alter table ${ident(t.name)} disable trigger user`);
        // Empty tables the migrations filled (none today) must not clash with the restored rows.
        await c.query(`delete from ${ident(t.name)}`);
        if (t.bytes > 0) await c.copyIn(`copy ${ident(t.name)} (${t.columns.map(ident).join(', ')})`, data);
        await c.query(`alter table ${ident(t.name)} enable trigger user`);
      }
      const identities = await c.query(`
        select table_name::text as t, column_name::text as c from information_schema.columns
        where table_schema = 'public' and is_identity = 'YES'`);
      for (const r of identities) {
        const t = ident(r.t as string);
        const col = ident(r.c as string);
        await c.query(`select setval(pg_get_serial_sequence('${t}', '${(r.c as string).replace(/'/g, "''")}'), coalesce((select max(${col}) from ${t}), 0) + 1, false)`);
      }
    });
    return header;
  } finally {
    c.release();
  }
}
