// npm run backup [-- FILE] — one file with every table of the database named by DATABASE_URL
// (else the embedded PGlite in DATA_DIR, which must not be in use by a running server).
// Production start: node dist/server/backup.js [FILE]. See README, "Backup and restore".
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openDatabase } from '../src/server/db/client.js';
import { dumpDatabase } from '../src/server/backup/logical-dump.js';
import { acquireDataDirLock } from '../src/server/runtime/data-dir-lock.js';
import { explainDatabaseError, formatStartupError } from '../src/server/runtime/startup-errors.js';

const url = process.env.DATABASE_URL || undefined;
const dataDir = process.env.DATA_DIR ?? './data';
const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
const out = path.resolve(process.argv[2] ?? path.join('backups', `duban-${stamp}.backup.gz`));

let release: (() => void) | null = null;
try {
  if (!url) release = acquireDataDirLock(dataDir);
  const database = await openDatabase({ url, dataDir: path.join(dataDir, 'pg'), migrate: false }).catch((e) => {
    throw explainDatabaseError(e, { url, dataDir: path.join(dataDir, 'pg') });
  });
  const started = Date.now();
  const { file, header } = await dumpDatabase(database);
  await database.close();
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, file);
  const rows = header.tables.reduce((a, t) => a + t.rows, 0);
  console.log(`备份完成 Backup written: ${out}`);
  console.log(`  ${header.tables.length} 张表 tables, ${rows} 行 rows, ${(file.length / 1024).toFixed(0)} KB, ${((Date.now() - started) / 1000).toFixed(1)} s`);
  release?.();
} catch (e) {
  console.error(formatStartupError(e, { zh: '备份失败', en: 'Backup failed' }));
  release?.();
  process.exit(1);
}
