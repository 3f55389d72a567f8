import os from 'node:os';

const int = (env: NodeJS.ProcessEnv, name: string, fallback: number, min = 0, max = 1_000_000) => {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} 无效：${raw}（应为 ${min}–${max} 的整数）`);
  return n;
};

/**
 * Settings of a server run as a service (README, "Settings"): pools, replica, metrics, shutdown,
 * the notification gateways. Separate from config.ts so that the two grow without colliding.
 */
export function loadOpsConfig(env: NodeJS.ProcessEnv = process.env) {
  return {
    /** A read-only replica for search, lists and reports. */
    databaseReadUrl: env.DATABASE_READ_URL || undefined,
    poolMax: int(env, 'DATABASE_POOL_MAX', 10, 1, 500),
    /** After a write, the writer's reads stay on the primary this long. */
    readStickySeconds: int(env, 'DATABASE_READ_STICKY_SECONDS', 10, 0, 3600),
    readPoolMax: int(env, 'DATABASE_READ_POOL_MAX', int(env, 'DATABASE_POOL_MAX', 10, 1, 500), 1, 500),
    /** Bearer token for /metrics; without it /metrics answers only on loopback. */
    metricsToken: env.METRICS_TOKEN || undefined,
    /** How long SIGTERM waits for requests and jobs in flight before closing anyway. */
    drainTimeoutMs: int(env, 'DRAIN_TIMEOUT_MS', 25_000, 0, 600_000),
    /** After SIGTERM, how long connections already on their way are still taken (readiness is 503 meanwhile). */
    drainGraceMs: int(env, 'DRAIN_GRACE_MS', 2_000, 0, 120_000),
    /** Offer the hourly scan this often (tests, demonstrations); it still runs once per hour. */
    scanEverySeconds: int(env, 'DUBAN_SCAN_EVERY_SECONDS', 0, 0, 86_400) || undefined,
    /** How often workers look for new jobs. */
    jobPollSeconds: int(env, 'JOB_POLL_SECONDS', 2, 1, 60),
    instance: env.DUBAN_INSTANCE || `${os.hostname()}:${process.pid}`,
    notifications: {
      /** smtp://user:pass@host:port (or smtps://); unset: no e-mail channel. */
      smtpUrl: env.SMTP_URL || undefined,
      mailFrom: env.MAIL_FROM || '督办平台 <duban@localhost>',
      /** The SMS gateway's HTTP endpoint: POST {phone, text, sign}. */
      smsUrl: env.SMS_GATEWAY_URL || undefined,
      smsToken: env.SMS_GATEWAY_TOKEN || undefined,
      smsSign: env.SMS_SIGN || '督办平台',
      /** The work-notice (钉钉/浙政钉-style) webhook: POST {userid_list, msg}. */
      workNoticeUrl: env.WORK_NOTICE_WEBHOOK_URL || undefined,
      workNoticeToken: env.WORK_NOTICE_TOKEN || undefined,
      /** Where links in messages point (the public address of the web app). */
      publicUrl: env.PUBLIC_URL || undefined,
    },
  };
}

export type OpsConfig = ReturnType<typeof loadOpsConfig>;
