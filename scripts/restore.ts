// npm run restore FILE — loads a backup made by npm run backup into an empty database: the one
// named by DATABASE_URL, else the embedded PGlite in DATA_DIR (which must not be in use).
// Production start: node dist/server/restore.js FILE. See README, "Backup and restore".
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../src/server/db/client.js';
import { restoreDatabase } from '../src/server/backup/logical-dump.js';
import { acquireDataDirLock } from '../src/server/runtime/data-dir-lock.js';
import { explainDatabaseError, formatStartupError } from '../src/server/runtime/startup-errors.js';
import { mkdirSync } from 'node:fs';

const file = process.argv[2];
if (!file) {
  console.error('用法 Usage: npm run restore <备份文件 backup file>');
  process.exit(2);
}
const url = process.env.DATABASE_URL || undefined;
const dataDir = process.env.DATA_DIR ?? './data';

let release: (() => void) | null = null;
try {
  const content = readFileSync(path.resolve(file));
  if (!url) {
    mkdirSync(dataDir, { recursive: true });
    release = acquireDataDirLock(dataDir);
  }
  const database = await openDatabase({ url, dataDir: path.join(dataDir, 'pg') }).catch((e) => {
    throw explainDatabaseError(e, { url, dataDir: path.join(dataDir, 'pg') });
  });
  const started = Date.now();
  const header = await restoreDatabase(database, content);
  await database.close();
  const rows = header.tables.reduce((a, t) => a + t.rows, 0);
  console.log(`恢复完成 Restored: ${header.tables.length} 张表 tables, ${rows} 行 rows (备份于 made ${header.createdAt}), ${((Date.now() - started) / 1000).toFixed(1)} s`);
  release?.();
} catch (e) {
  console.error(formatStartupError(e, { zh: '恢复失败', en: 'Restore failed' }));
  release?.();
  process.exit(1);
}
