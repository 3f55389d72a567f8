import { sql } from 'drizzle-orm';
import type { Db } from './client.js';

// Errors that mean "the database is not there right now" rather than "this query is wrong":
// network errors, a server shutting down or starting up, a connection the server ended.
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
// SQLSTATE class 08 (connection exception), 57P01-57P03 (admin shutdown, crash shutdown, cannot
// connect now) and 53300 (too many connections).
const SQLSTATES = /^(08\d{3}|57P0[123]|53300)$/;
const MESSAGES = /Connection terminated|connection timeout|timeout exceeded when trying to connect|not queryable|terminating connection|Connection ended|read ECONNRESET|socket hang up|Client was closed/i;

/** True when `err` (or an error it wraps) says the database cannot be reached. */
export function isConnectionError(err: unknown): boolean {
  for (let e = err, depth = 0; e && depth < 6; e = (e as { cause?: unknown }).cause, depth++) {
    const x = e as { code?: unknown; message?: unknown; errors?: unknown[] };
    if (typeof x.code === 'string' && (NETWORK_CODES.has(x.code) || SQLSTATES.test(x.code))) return true;
    if (typeof x.message === 'string' && MESSAGES.test(x.message)) return true;
    if (Array.isArray(x.errors) && x.errors.some(isConnectionError)) return true;
  }
  return false;
}

/** Seconds a client should wait before retrying while the database is away. */
export const RETRY_AFTER_SECONDS = 5;

/**
 * Whether the database answered lately. A connection error marks it away; from then on a probe
 * (`select 1`) runs every second until it answers, and API requests get 503 with Retry-After at
 * once instead of each waiting for a connection timeout. Nothing restarts: the pool opens new
 * connections by itself once the server is back.
 */
export class DatabaseAvailability {
  private awaySince: Date | null = null;
  private probing: NodeJS.Timeout | null = null;
  private stopped = false;
  /** How often the database went away (a counter for /metrics). */
  outages = 0;

  constructor(
    private readonly db: Db,
    private readonly log: { warn: (o: object, m: string) => void; info: (o: object, m: string) => void },
    private readonly probeMs = 1_000,
  ) {}

  get away(): boolean {
    return this.awaySince !== null;
  }

  /** Reports an error seen by a request or a job; connection errors start the probe. */
  report(err: unknown) {
    if (this.stopped || !isConnectionError(err) || this.awaySince) return;
    this.awaySince = new Date();
    this.outages++;
    this.log.warn({ err }, 'database unreachable: answering 503 until it is back');
    const probe = async () => {
      this.probing = null;
      if (this.stopped) return;
      try {
        await this.db.execute(sql`select 1`);
        this.log.info({ awayMs: Date.now() - this.awaySince!.getTime() }, 'database reachable again');
        this.awaySince = null;
      } catch {
        this.probing = setTimeout(() => void probe(), this.probeMs);
        this.probing.unref();
      }
    };
    this.probing = setTimeout(() => void probe(), this.probeMs);
    this.probing.unref();
  }

  stop() {
    this.stopped = true;
    if (this.probing) clearTimeout(this.probing);
  }
}
