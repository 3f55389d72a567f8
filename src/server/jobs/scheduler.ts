import { and, eq, sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../db/client.js';
import { jobSlots } from '../db/schema.js';
import { purgeExpiredSessions } from '../auth/login-sessions.js';
import { chinaDay } from '../clock.js';
import type { Metrics } from '../metrics.js';
import { QUEUES, work, type Queue, type QueueName } from './queue.js';
import { scanDeadlines } from './scan-deadlines.js';
import { scanTaskDeadlines } from './scan-task-deadlines.js';
import { purgeIdempotencyKeys } from '../http/plugins/idempotency.js';
import { archiveAudit } from '../domain/audit-archive.js';
import { scanUnsignedAssignments } from './scan-unsigned.js';
import { vacuumWhereNeeded, type VacuumResult } from './vacuum.js';
import { foldRollups } from './fold-rollups.js';

export interface JobContext {
  db: Db;
  queue: Queue;
  log: FastifyBaseLogger;
  now?: () => Date;
  /** Archive audit rows older than the retention period into signed files. */
  audit?: { retentionDays: number; archiveDir: string };
  /** This process, as recorded in job_slots (host:pid). */
  instance: string;
  /** Embedded PGlite has no autovacuum: housekeeping vacuums and analyzes in its place. */
  driver?: 'pglite' | 'postgres';
  metrics?: Metrics;
  /** Tests and demonstrations: offer the hourly scan this often (it still runs once per hour). */
  scanEverySeconds?: number;
  pollSeconds?: number;
}

/** The hour a scan belongs to, in China time: '2026-11-23T10'. */
export function chinaHour(at: Date): string {
  const hour = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Shanghai', hour: '2-digit', hourCycle: 'h23' }).format(at);
  return `${chinaDay(at)}T${hour.padStart(2, '0')}`;
}

/**
 * Claims a periodic job's slot; false when another instance (or an earlier delivery of the same
 * job) has it. The primary key on (name, slot) decides, whatever the number of instances.
 */
export async function claimSlot(db: Db, name: string, slot: string, instance: string): Promise<boolean> {
  const rows = await db.insert(jobSlots).values({ name, slot, instance }).onConflictDoNothing().returning({ name: jobSlots.name });
  return rows.length === 1;
}

/** Runs `fn` as job `queue`, counting runs and failures for /metrics; a failure is logged and rethrown (pg-boss retries). */
export function instrumented<T>(ctx: Pick<JobContext, 'metrics' | 'log'>, queue: QueueName, fn: () => Promise<T>): Promise<T> {
  return fn().then(
    (r) => {
      const skipped = (r as { ran?: boolean } | null)?.ran === false;
      ctx.metrics?.jobRuns.inc({ queue, outcome: skipped ? 'skipped' : 'completed' });
      return r;
    },
    (err: unknown) => {
      ctx.metrics?.jobRuns.inc({ queue, outcome: 'failed' });
      ctx.metrics?.jobFailures.inc({ queue });
      ctx.log.error({ job: queue, err }, `job ${queue} failed`);
      throw err;
    },
  );
}

/**
 * The deadline scan and the task deadline scan of one hour, once across every instance: the
 * slot is claimed first, and given back when the scan fails so that the retry can run it.
 */
export async function runScans(ctx: JobContext, slot: string) {
  const now = ctx.now ?? (() => new Date());
  if (!(await claimSlot(ctx.db, 'scans', slot, ctx.instance))) return { ran: false, slot };
  try {
    const today = chinaDay(now());
    const deadlines = await scanDeadlines(ctx.db, today);
    ctx.log.info({ job: 'scan-deadlines', today, slot, ...deadlines }, 'deadline scan done');
    const tasks = await scanTaskDeadlines(ctx.db, today);
    ctx.log.info({ job: 'scan-task-deadlines', today, slot, ...tasks }, 'task deadline scan done');
    const unsigned = await scanUnsignedAssignments(ctx.db, today);
    await ctx.db.update(jobSlots).set({ finishedAt: sql`now()` }).where(and(eq(jobSlots.name, 'scans'), eq(jobSlots.slot, slot)));
    return { ran: true, slot, instance: ctx.instance, deadlines, tasks, unsigned };
  } catch (err) {
    await ctx.db.delete(jobSlots).where(and(eq(jobSlots.name, 'scans'), eq(jobSlots.slot, slot))).catch(() => undefined);
    throw err;
  }
}

/**
 * Housekeeping, every 15 minutes: expired login sessions and idempotency keys, audit archiving, and
 * on PGlite the vacuum and statistics that PostgreSQL's autovacuum would do (jobs/vacuum.ts).
 */
export async function runHousekeeping(ctx: JobContext) {
  const now = ctx.now ?? (() => new Date());
  const at = now();
  await purgeExpiredSessions(ctx.db, at);
  // Idempotency keys are kept 24 hours.
  await purgeIdempotencyKeys(ctx.db, at);
  // Audit rows past the retention period go to signed archive files (never simply deleted).
  if (ctx.audit) {
    const archived = await archiveAudit(ctx.db, { now: at, ...ctx.audit, dir: ctx.audit.archiveDir });
    if (archived.length) ctx.log.info({ job: 'archive-audit', archived }, 'audit rows archived');
  }
  let vacuum: VacuumResult | null = null;
  if (ctx.driver === 'pglite') {
    const t = Date.now();
    vacuum = await vacuumWhereNeeded(ctx.db);
    if (vacuum.vacuumed.length || vacuum.analyzed.length) ctx.log.info({ job: 'vacuum', ...vacuum, ms: Date.now() - t }, 'tables vacuumed and analyzed');
  }
  return { ran: true, vacuum };
}

export interface Jobs {
  /** Offers the current hour's scan (a no-op when it ran already). Returns the job id or null when one is queued. */
  offerScans(): Promise<string | null>;
  stop(): Promise<void>;
}

/**
 * Replaces the old in-process timer with jobs on the queue (pg-boss, in the database):
 * - `scans` every hour at :05 China time (pg-boss cron, sent once per tick across instances),
 *   and at every start; the job_slots row makes each hour's scan run once whatever the delivery;
 * - `housekeeping` every 15 minutes: expired login sessions, idempotency keys, audit archiving and,
 *   on PGlite, VACUUM (ANALYZE) of the tables that need it (runHousekeeping);
 * - `fold-rollups` every minute: the figures' delta rows into proposal_rollup (jobs/fold-rollups.ts).
 * A failing job is logged, counted (duban_job_failures_total) and retried with back-off; it never
 * brings the server down.
 */
export async function startJobs(ctx: JobContext, extra: ((ctx: JobContext) => Promise<void>)[] = []): Promise<Jobs> {
  const now = ctx.now ?? (() => new Date());
  const poll = ctx.pollSeconds ?? 2;
  await work<{ slot?: string }>(ctx.queue, QUEUES.scans.name, (job) =>
    instrumented(ctx, QUEUES.scans.name, () => runScans(ctx, job.data.slot ?? chinaHour(now()))), { pollSeconds: poll });
  await work(ctx.queue, QUEUES.housekeeping.name, () => instrumented(ctx, QUEUES.housekeeping.name, () => runHousekeeping(ctx)), { pollSeconds: poll });
  await work(ctx.queue, QUEUES.foldRollups.name, () =>
    instrumented(ctx, QUEUES.foldRollups.name, async () => {
      const folded = await foldRollups(ctx.db);
      if (folded > 0) ctx.log.debug({ job: 'fold-rollups', folded }, 'figures deltas folded');
      return { ran: folded >= 0, folded };
    }), { pollSeconds: poll });
  for (const add of extra) await add(ctx);

  await ctx.queue.boss.schedule(QUEUES.scans.name, '5 * * * *', {}, { tz: 'Asia/Shanghai' });
  await ctx.queue.boss.schedule(QUEUES.housekeeping.name, '*/15 * * * *', {});
  await ctx.queue.boss.schedule(QUEUES.foldRollups.name, '* * * * *', {});

  // The slot goes in the job, so that a job delivered late still names the hour it was for; the
  // singleton key keeps one such job queued per hour however many instances offer it.
  const offerScans = () => {
    const slot = chinaHour(now());
    return ctx.queue.send(QUEUES.scans.name, { slot }, { singletonKey: `scans:${slot}` });
  };
  await offerScans();
  let timer: NodeJS.Timeout | null = null;
  if (ctx.scanEverySeconds) {
    timer = setInterval(() => void offerScans().catch((err) => ctx.log.warn({ err }, 'offering the scan failed')), ctx.scanEverySeconds * 1000);
    timer.unref();
  }
  return {
    offerScans,
    async stop() {
      if (timer) clearInterval(timer);
      await ctx.queue.stop();
    },
  };
}
