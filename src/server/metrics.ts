import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { PoolStats } from './db/client.js';

export interface MetricsSources {
  pools?: () => { primary: PoolStats; replica?: PoolStats };
  queueDepth?: () => Promise<{ queue: string; state: string; count: number }[]>;
  databaseAway?: () => boolean;
  deadLetters?: () => Promise<number>;
}

/**
 * The server's Prometheus metrics, in a registry of its own (tests build many apps in one
 * process). Gauges that describe the database and the queue are read when /metrics is scraped.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly httpDuration = new Histogram({
    name: 'duban_http_request_duration_seconds',
    help: 'HTTP request duration by route pattern, method and status',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [this.registry],
  });
  readonly httpRequests = new Counter({
    name: 'duban_http_requests_total',
    help: 'HTTP requests by route pattern, method and status',
    labelNames: ['method', 'route', 'status_code'] as const,
    registers: [this.registry],
  });
  readonly signInFailures = new Counter({
    name: 'duban_signin_failures_total',
    help: 'Failed sign-ins: bad_credentials (401) or locked (423)',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  readonly jobRuns = new Counter({
    name: 'duban_job_runs_total',
    help: 'Background jobs run by this instance, by queue and outcome (completed, failed, skipped)',
    labelNames: ['queue', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly jobFailures = new Counter({
    name: 'duban_job_failures_total',
    help: 'Background jobs that failed on this instance, by queue',
    labelNames: ['queue'] as const,
    registers: [this.registry],
  });
  readonly notificationDeliveries = new Counter({
    name: 'duban_notification_deliveries_total',
    help: 'Notification delivery attempts by channel and outcome (sent, retry, dead)',
    labelNames: ['channel', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly databaseOutages = new Counter({
    name: 'duban_database_outages_total',
    help: 'Times the database became unreachable',
    registers: [this.registry],
  });

  constructor(sources: MetricsSources = {}, opts: { defaultMetrics?: boolean } = {}) {
    if (opts.defaultMetrics !== false) collectDefaultMetrics({ register: this.registry, prefix: 'duban_' });
    const pools = sources.pools;
    new Gauge({
      name: 'duban_db_pool_connections',
      help: 'Database pool connections by pool (primary, replica) and state (total, idle, waiting, max)',
      labelNames: ['pool', 'state'] as const,
      registers: [this.registry],
      collect() {
        this.reset();
        const all = pools?.();
        if (!all) return;
        for (const [pool, s] of Object.entries(all)) {
          if (!s) continue;
          for (const state of ['total', 'idle', 'waiting', 'max'] as const) this.set({ pool, state }, s[state]);
          this.set({ pool, state: 'in_use' }, s.total - s.idle);
        }
      },
    });
    const depth = sources.queueDepth;
    new Gauge({
      name: 'duban_queue_jobs',
      help: 'Jobs waiting or running per queue and state (created, retry, active)',
      labelNames: ['queue', 'state'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        if (!depth) return;
        try {
          for (const r of await depth()) this.set({ queue: r.queue, state: r.state }, Number(r.count));
        } catch {
          // The database is away: the gauge stays empty, duban_database_up says why.
        }
      },
    });
    const away = sources.databaseAway;
    new Gauge({
      name: 'duban_database_up',
      help: '1 while the database answers, 0 while it is away',
      registers: [this.registry],
      collect() {
        this.set(away?.() ? 0 : 1);
      },
    });
    const dead = sources.deadLetters;
    new Gauge({
      name: 'duban_notification_dead_letters',
      help: 'Notification deliveries given up after their retries, waiting for an administrator',
      registers: [this.registry],
      async collect() {
        if (!dead) return;
        try {
          this.set(await dead());
        } catch {
          // as above
        }
      },
    });
  }
}
