import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config.js';
import { openDatabase, type Database } from '../db/client.js';
import { DatabaseAvailability } from '../db/availability.js';
import { buildApp } from '../http/app.js';
import type { App } from '../http/types.js';
import { prepareDatabase } from '../startup.js';
import { useKeys } from '../crypto/keys.js';
import { configureFileStore } from '../files/file-store.js';
import { sealLegacyAudit } from '../domain/audit-chain.js';
import { encryptPlaintextFields } from '../crypto/rekey.js';
import { backfillSearch } from '../search/index-proposals.js';
import { startQueue } from '../jobs/queue.js';
import { startJobs } from '../jobs/scheduler.js';
import { registerHeavyJobs } from '../jobs/heavy-jobs.js';
import { channelsFromConfig, type ChannelName } from '../notifications/channels.js';
import { countDeadLetters, registerNotificationJobs } from '../notifications/delivery.js';
import { Metrics } from '../metrics.js';
import { acquireDataDirLock, readOnlyDataDir } from './data-dir-lock.js';
import { explainDatabaseError, formatStartupError } from './startup-errors.js';
import { loadOpsConfig } from './ops-config.js';
import { installShutdown } from './shutdown.js';
import { withTransactionRetry } from '../db/pg-errors.js';

/** Log lines before the app's logger exists, and for pool errors raised outside any request. */
interface Log {
  warn(o: object, m: string): void;
  info(o: object, m: string): void;
  error(o: object, m: string): void;
}

/**
 * Starts the server as a service: data-folder lock (PGlite), database (with explained startup
 * errors), demo data, queue and jobs, HTTP, and the drain on SIGTERM. A startup error prints what
 * is wrong and what to do, in Chinese and English, and exits with code 1.
 */
export async function runServer() {
  let releaseLock: (() => void) | null = null;
  let app: App | null = null;
  const log: Log = {
    warn: (o, m) => (app ? app.log.warn(o, m) : console.warn(m, o)),
    info: (o, m) => (app ? app.log.info(o, m) : console.log(m)),
    error: (o, m) => (app ? app.log.error(o, m) : console.error(m, o)),
  };
  try {
    const config = loadConfig();
    const ops = loadOpsConfig();
    useKeys(config.keys);
    configureFileStore(config.filesDir);
    if (!config.databaseUrl) {
      try {
        mkdirSync(config.dataDir, { recursive: true });
      } catch (e) {
        throw readOnlyDataDir(config.dataDir, e);
      }
      releaseLock = acquireDataDirLock(config.dataDir);
    }
    let availability: DatabaseAvailability | null = null;
    let database: Database;
    try {
      database = await openDatabase({
        url: config.databaseUrl,
        dataDir: path.join(config.dataDir, 'pg'),
        // A production role without DDL rights migrates nothing: the owner runs `npm run db:migrate`.
        migrate: process.env.DB_MIGRATE !== 'false',
        readUrl: ops.databaseReadUrl,
        poolMax: ops.poolMax,
        readPoolMax: ops.readPoolMax,
        onPoolError: (err, pool) => {
          log.warn({ err: { message: err.message, code: (err as { code?: string }).code }, pool }, 'database connection lost');
          availability?.report(err);
        },
      });
    } catch (e) {
      throw explainDatabaseError(e, { url: config.databaseUrl, dataDir: path.join(config.dataDir, 'pg') });
    }
    availability = new DatabaseAvailability(database.db, log);
    // Audit rows written before the chain existed get their macs before anything else writes.
    const sealed = await sealLegacyAudit(database.db);
    // Production refuses demo data and demo passwords; the demo loads its data (startup.ts).
    const { seeded, notices } = await prepareDatabase(database.db, config);
    // Phone numbers and contacts written in plaintext (by the seed, or before encryption at rest
    // existed) are SM4-encrypted now; nothing to do otherwise.
    const encrypted = await encryptPlaintextFields(database.db);
    // Proposals written before full-text search existed get their search rows (nothing to do otherwise).
    await backfillSearch(database.db);

    const queue = await startQueue(database.sql!, {
      onError: (err) => {
        log.warn({ err: { message: err.message } }, 'job queue error');
        availability?.report(err);
      },
    });
    const metrics = new Metrics({
      pools: database.poolStats,
      queueDepth: () => queue.depth(),
      databaseAway: () => availability!.away,
      deadLetters: () => countDeadLetters(database.db),
    });
    const outages = availability.report.bind(availability);
    availability.report = (err) => {
      const was = availability!.away;
      outages(err);
      if (!was && availability!.away) metrics.databaseOutages.inc();
    };
    const channels = channelsFromConfig(ops.notifications);
    app = await buildApp({
      db: database.db,
      now: config.now,
      logger: config.logger,
      secureCookies: config.secureCookies,
      webRoot: config.webRoot,
      mode: config.mode,
      signInLimits: config.signInLimits,
      hsts: config.hsts,
      tls: config.tls,
      trustProxy: config.trustProxy,
      ops: { metrics, availability, queue, readDb: database.readDb, metricsToken: ops.metricsToken, stickySeconds: ops.readStickySeconds, channels: Object.keys(channels) as ChannelName[] },
    });
    const jobs = await startJobs(
      {
        db: withTransactionRetry(database.db), driver: database.driver, queue, log: app.log, now: config.now, instance: ops.instance, metrics, scanEverySeconds: ops.scanEverySeconds, pollSeconds: ops.jobPollSeconds,
        audit: { retentionDays: config.auditRetentionDays, archiveDir: config.auditArchiveDir },
      },
      [registerHeavyJobs, registerNotificationJobs(channels, { publicUrl: ops.notifications.publicUrl })],
    );
    await app.listen({ port: config.port, host: config.host });
    installShutdown({ app, jobs, database, availability, releaseLock, drainTimeoutMs: ops.drainTimeoutMs, drainGraceMs: ops.drainGraceMs });

    const url = `${config.tls ? 'https' : 'http'}://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
    const where = config.databaseUrl ? 'PostgreSQL 服务器 (DATABASE_URL)' : `内置 PGlite（${path.resolve(config.dataDir)}）`;
    console.log(`\n督办 Duban 已启动：${url}\n  接口文档 ${url}/api/docs\n  数据库 ${where}`);
    for (const line of notices) console.log(line);
    if (sealed) console.log(`  已为 ${sealed} 条既有审计记录计算校验值。`);
    if (encrypted) console.log(`  已用 SM4 加密 ${encrypted} 个既有的电话或联系人字段。`);
    if (config.keys.demo) console.log('  注意：正在使用演示密钥（AUDIT_HMAC_KEY、DATA_KEY_*、DATA_INDEX_KEY），生产环境须设置真实密钥。');
    if (seeded) {
      console.log(seeded.created ? '  已载入演示数据。' : '  数据库已有数据，未重复载入演示数据。');
      console.log('  演示账号（密码均为 ' + seeded.password + '）：');
      for (const l of seeded.logins) console.log(`    ${l.role.padEnd(10)} ${l.username.padEnd(16)} ${l.description}`);
    }
  } catch (e) {
    console.error(formatStartupError(e));
    releaseLock?.();
    process.exit(1);
  }
}
