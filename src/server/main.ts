import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from './config.js';
import { openDatabase } from './db/client.js';
import { buildApp } from './http/app.js';
import { prepareDatabase } from './startup.js';
import { startJobs } from './jobs/scheduler.js';
import { backfillSearch } from './search/index-proposals.js';
import { useKeys } from './crypto/keys.js';
import { configureFileStore } from './files/file-store.js';
import { sealLegacyAudit } from './domain/audit-chain.js';
import { encryptPlaintextFields } from './crypto/rekey.js';

const config = loadConfig();
useKeys(config.keys);
configureFileStore(config.filesDir);
if (!config.databaseUrl) mkdirSync(config.dataDir, { recursive: true });
const database = await openDatabase({ url: config.databaseUrl, dataDir: path.join(config.dataDir, 'pg'), migrate: process.env.DB_MIGRATE !== 'false' });
// Audit rows written before the chain existed get their macs before anything else writes.
const sealed = await sealLegacyAudit(database.db);
const { seeded, notices } = await prepareDatabase(database.db, config).catch(async (e: Error) => {
  console.error(`\n${e.message}\n`);
  await database.close();
  process.exit(1);
});
// Phone numbers and contacts written in plaintext (by the seed, or before encryption at rest
// existed) are SM4-encrypted now; nothing to do otherwise.
const encrypted = await encryptPlaintextFields(database.db);
// Proposals written before full-text search existed get their search rows (nothing to do otherwise).
await backfillSearch(database.db);
const app = await buildApp({
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
});
await app.listen({ port: config.port, host: config.host });
const stopJobs = startJobs(database.db, app.log, { now: config.now, audit: { retentionDays: config.auditRetentionDays, archiveDir: config.auditArchiveDir } });

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

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, async () => {
    stopJobs();
    await app.close();
    await database.close();
    process.exit(0);
  });
}
