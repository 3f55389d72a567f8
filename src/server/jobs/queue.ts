import PgBoss from 'pg-boss';
import type { SqlRunner } from '../db/client.js';

/** The queues this server uses, with their retry policy. */
export const QUEUES = {
  /** The hourly deadline and task scans: once per hour across every instance (job_slots). */
  scans: { name: 'scans', policy: 'short', retryLimit: 3, retryDelay: 60, retryBackoff: true },
  /** Purge of expired login sessions. */
  housekeeping: { name: 'housekeeping', retryLimit: 1, retryDelay: 60 },
  /** Moves the figures' delta rows into proposal_rollup (every minute); the next minute retries. */
  foldRollups: { name: 'fold-rollups', policy: 'stately', retryLimit: 0 },
  /** Heavy requests: documents, large exports, imports. Not retried: the user asks again. */
  heavy: { name: 'heavy', retryLimit: 0, expireInSeconds: 15 * 60 },
  /** Plans the channel deliveries of new outbox rows. */
  notifyDispatch: { name: 'notify-dispatch', policy: 'short', retryLimit: 2, retryDelay: 5 },
  /** One delivery on one channel; retried with back-off, then dead-lettered. */
  notifyDeliver: { name: 'notify-deliver', policy: 'stately', retryLimit: 4, retryDelay: 10, retryBackoff: true },
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES]['name'];

export interface Queue {
  boss: PgBoss;
  send(name: QueueName, data: object, options?: PgBoss.SendOptions): Promise<string | null>;
  /** Jobs per queue and state, for /metrics and /api/ready. */
  depth(): Promise<{ queue: string; state: string; count: number }[]>;
  readonly running: boolean;
  /** Stops fetching, lets running jobs finish (up to `timeoutMs`), and closes. */
  stop(timeoutMs?: number): Promise<void>;
}

/**
 * Starts pg-boss on the project's own connection (PGlite or the PostgreSQL pool, through the same
 * `executeSql` adapter), creates the queues and returns a handle. Workers are added by the caller.
 */
export async function startQueue(sql: SqlRunner, opts: { onError: (err: Error) => void; pollSeconds?: number }): Promise<Queue> {
  const boss = new PgBoss({
    db: sql as PgBoss.Db,
    schema: 'pgboss',
    // Completed jobs are kept a week for the record (job outputs, counts in tests), then archived and dropped.
    archiveCompletedAfterSeconds: 7 * 24 * 3600,
    deleteAfterDays: 30,
    // Cron schedules are checked every 30 s by every instance; pg-boss sends each tick once.
    cronMonitorIntervalSeconds: 30,
  });
  // pg-boss reports its own failures (a dropped connection during a poll) as 'error' events; an
  // EventEmitter without a listener would end the process.
  boss.on('error', opts.onError);
  await boss.start();
  for (const q of Object.values(QUEUES)) {
    const { name, ...rest } = q;
    if (await boss.getQueue(name)) continue;
    try {
      await boss.createQueue(name, { name, ...rest });
    } catch (e) {
      // Another instance created it at the same moment.
      if (!(await boss.getQueue(name))) throw e;
    }
  }
  let running = true;
  return {
    boss,
    send: (name, data, options) => boss.send(name, data, options ?? {}),
    async depth() {
      const res = await sql.executeSql(
        `select name as queue, state::text as state, count(*)::int as count from pgboss.job where state in ('created','retry','active') group by 1, 2`,
      );
      return res.rows as { queue: string; state: string; count: number }[];
    },
    get running() {
      return running;
    },
    async stop(timeoutMs = 20_000) {
      if (!running) return;
      running = false;
      await boss.stop({ graceful: true, wait: true, close: false, timeout: timeoutMs });
    },
  };
}

/** Registers a worker that handles one job at a time, polling every `pollSeconds`. */
export async function work<T extends object>(
  queue: Queue,
  name: QueueName,
  handler: (job: PgBoss.JobWithMetadata<T>) => Promise<unknown>,
  opts: { pollSeconds?: number; batchSize?: number } = {},
) {
  let workerId: string | null = null;
  workerId = await queue.boss.work<T>(
    name,
    { includeMetadata: true, batchSize: opts.batchSize ?? 1, pollingIntervalSeconds: opts.pollSeconds ?? 2 },
    async (jobs) => {
      const out: unknown[] = [];
      try {
        for (const job of jobs) out.push(await handler(job));
      } finally {
        // pg-boss 10 waits a full polling interval after every fetch, even one that found work
        // (one job per interval per worker). Waking the worker makes it fetch again at once while
        // there is work, and wait only when the queue is empty.
        if (workerId && queue.running) queue.boss.notifyWorker(workerId);
      }
      return out.length === 1 ? out[0] : out;
    },
  );
}
