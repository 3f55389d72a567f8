import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/client.js';
import { purgeExpiredSessions } from '../auth/login-sessions.js';
import { chinaDay } from '../clock.js';
import { scanDeadlines } from './scan-deadlines.js';
import { scanTaskDeadlines } from './scan-task-deadlines.js';
import { purgeIdempotencyKeys } from '../http/plugins/idempotency.js';
import { archiveAudit } from '../domain/audit-archive.js';

export const JOB_INTERVAL_MS = 60 * 60 * 1000;

export interface JobOptions {
  intervalMs?: number;
  now?: () => Date;
  /** Archive audit rows older than the retention period into signed files. */
  audit?: { retentionDays: number; archiveDir: string };
}

/**
 * Starts the periodic jobs: the deadline scan and the purge of expired login sessions, once at
 * start and then every hour. A failing job is logged and retried at the next tick; it never
 * brings the server down. Returns a function that stops them.
 */
export function startJobs(db: Db, log: FastifyBaseLogger, opts: JobOptions = {}): () => void {
  const now = opts.now ?? (() => new Date());
  let stopped = false;
  let running = false;

  const tick = async () => {
    // A scan slower than the interval must not overlap the next one.
    if (running || stopped) return;
    running = true;
    try {
      const at = now();
      const today = chinaDay(at);
      try {
        const r = await scanDeadlines(db, today);
        log.info({ job: 'scan-deadlines', today, ...r }, 'deadline scan done');
      } catch (err) {
        log.error({ job: 'scan-deadlines', today, err }, 'deadline scan failed');
      }
      try {
        const r = await scanTaskDeadlines(db, today);
        log.info({ job: 'scan-task-deadlines', today, ...r }, 'task deadline scan done');
      } catch (err) {
        log.error({ job: 'scan-task-deadlines', today, err }, 'task deadline scan failed');
      }
      try {
        await purgeExpiredSessions(db, at);
      } catch (err) {
        log.error({ job: 'purge-sessions', err }, 'purging expired login sessions failed');
      }
      try {
        await purgeIdempotencyKeys(db, at);
      } catch (err) {
        log.error({ job: 'purge-idempotency-keys', err }, 'purging old idempotency keys failed');
      }
      if (opts.audit) {
        try {
          const archived = await archiveAudit(db, { now: at, ...opts.audit, dir: opts.audit.archiveDir });
          if (archived.length) log.info({ job: 'archive-audit', archived }, 'audit rows archived');
        } catch (err) {
          log.error({ job: 'archive-audit', err }, 'archiving the audit log failed');
        }
      }
    } finally {
      running = false;
    }
  };

  void tick();
  const timer = setInterval(() => void tick(), opts.intervalMs ?? JOB_INTERVAL_MS);
  // The jobs alone must not keep the process (or a test run) alive.
  timer.unref();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
