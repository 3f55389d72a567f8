import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { PGlite } from '@electric-sql/pglite';
import { TABLES, type TableName } from './proposals.js';

// COPY … FROM STDIN in the text format, one stream per table. On a PostgreSQL server each table
// streams over its own connection (pg-copy-streams); PGlite has no network stream, so its lines
// are gathered and loaded in chunks with COPY … FROM '/dev/blob'.

/** A value in COPY's text format. */
function field(v: unknown): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'boolean') return v ? 't' : 'f';
  if (typeof v === 'number') return String(v);
  return String(v).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

export interface Sink {
  write(table: TableName, values: unknown[]): void;
  /** Lets buffered lines go out; resolves when the database has caught up enough. */
  drain(): Promise<void>;
  end(): Promise<void>;
}

const copySql = (t: TableName, from: string) => `COPY ${t} (${TABLES[t].join(', ')}) FROM ${from}`;

interface PgClientLike {
  query(q: unknown): unknown;
  connect(): Promise<unknown>;
  end(): Promise<void>;
}

export async function postgresSink(connect: () => PgClientLike, prepare: string[]): Promise<Sink> {
  const { from } = await import('pg-copy-streams');
  const streams = new Map<TableName, { client: PgClientLike; stream: Writable; buf: string[] }>();
  for (const t of Object.keys(TABLES) as TableName[]) {
    const client = connect();
    await client.connect();
    for (const s of prepare) await client.query(s);
    const stream = client.query(from(copySql(t, 'STDIN'))) as Writable;
    streams.set(t, { client, stream, buf: [] });
  }
  const flush = async (force: boolean) => {
    for (const s of streams.values()) {
      if (!s.buf.length || (!force && s.buf.length < 500)) continue;
      const ok = s.stream.write(s.buf.join(''));
      s.buf = [];
      if (!ok) await new Promise((r) => s.stream.once('drain', r));
    }
  };
  return {
    write(t, values) {
      streams.get(t)!.buf.push(values.map(field).join('\t') + '\n');
    },
    drain: () => flush(false),
    async end() {
      await flush(true);
      for (const s of streams.values()) {
        s.stream.end();
        await finished(s.stream);
        await s.client.end();
      }
    },
  };
}

export function pgliteSink(pg: PGlite): Sink {
  const bufs = new Map<TableName, string[]>();
  let lines = 0;
  const flush = async () => {
    for (const [t, buf] of bufs) {
      if (!buf.length) continue;
      await pg.query(copySql(t, `'/dev/blob'`), [], { blob: new Blob([buf.join('')]) });
    }
    bufs.clear();
    lines = 0;
  };
  return {
    write(t, values) {
      const buf = bufs.get(t) ?? [];
      buf.push(values.map(field).join('\t') + '\n');
      bufs.set(t, buf);
      lines++;
    },
    drain: () => (lines > 100_000 ? flush() : Promise.resolve()),
    end: flush,
  };
}
