// Shared by the scale benchmark's parts: percentiles, a timed loop, and a pg pool that records the
// statements the app sends while `recording` is set (the raw-SQL side of every figure).
import os from 'node:os';
import pg from 'pg';

export interface Stat {
  p50: number;
  p95: number;
}
export interface Statement {
  text: string;
  values?: unknown[];
}

export const pct = (xs: number[], p: number) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
export const ms = (x: number) => (Number.isNaN(x) ? '—' : x < 10 ? x.toFixed(1) : Math.round(x).toString());

/** `runs` timed calls after 3 warm-up calls, one after another. */
export async function measure(fn: (i: number) => Promise<unknown>, runs: number): Promise<Stat> {
  for (let i = 0; i < 3; i++) await fn(i);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn(i);
    times.push(performance.now() - t);
  }
  return { p50: pct(times, 50), p95: pct(times, 95) };
}

/** The machine's 1-minute load average, for the record beside every figure. */
export const load = () => os.loadavg()[0]!;

/** Statements of the sign-in's session lookup, left out of the raw figures (the raw side has no request to authenticate). */
const AUTH = /login_sessions|from "users"|from "members"|from "leaders"/;

export function recordingPool(url: string, max = 10) {
  pg.types.setTypeParser(1082, (v: string) => v);
  const pool = new pg.Pool({ connectionString: url, max });
  let recording: Statement[] | null = null;
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...a: unknown[]) => unknown;
    (client as unknown as { query: (...a: unknown[]) => unknown }).query = (...a: unknown[]) => {
      const q = a[0] as string | Statement;
      const text = typeof q === 'string' ? q : q?.text;
      if (recording && text && !/^(begin|commit|rollback|set )/i.test(text) && !AUTH.test(text)) {
        recording.push({ text, values: (a[1] as unknown[] | undefined) ?? (typeof q === 'string' ? undefined : q.values) });
      }
      return query(...a);
    };
  });
  return {
    pool,
    async record<T>(fn: () => Promise<T>): Promise<{ result: T; statements: Statement[] }> {
      recording = [];
      try {
        const result = await fn();
        return { result, statements: recording };
      } finally {
        recording = null;
      }
    },
    async replay(statements: Statement[]) {
      for (const s of statements) await pool.query(s.text, s.values as unknown[]);
    },
  };
}
