// npm run audit:verify — recomputes every audit chain in the database (DATABASE_URL, else the
// PGlite files under DATA_DIR) from its archived head and names the first row that does not
// verify; `-- --archive <file>…` checks signed archive files instead. Exit code 1 on any failure.
import path from 'node:path';
import { loadConfig } from '../src/server/config.js';
import { useKeys } from '../src/server/crypto/keys.js';
import { openDatabase } from '../src/server/db/client.js';
import { verifyAllChains } from '../src/server/domain/audit-chain.js';
import { verifyArchiveFile } from '../src/server/domain/audit-archive.js';

const config = loadConfig();
useKeys(config.keys);
const args = process.argv.slice(2);
let failed = false;

if (args[0] === '--archive') {
  for (const file of args.slice(1)) {
    const r = await verifyArchiveFile(file);
    console.log(`${r.ok ? '通过' : '失败'}  ${file}：${r.message}`);
    failed ||= !r.ok;
  }
} else {
  const database = await openDatabase({ url: config.databaseUrl, dataDir: path.join(config.dataDir, 'pg') });
  try {
    const reports = await verifyAllChains(database.db);
    if (reports.length === 0) console.log('没有审计记录。');
    for (const r of reports) {
      const name = r.chain === 0 ? '平台链' : `租户 ${r.chain} 的链`;
      const archived = r.archivedSeq ? `（前${r.archivedSeq}条已归档，从归档链尾起校验）` : '';
      if (r.ok) console.log(`通过  ${name}：校验${r.checked}条${archived}`);
      else console.log(`失败  ${name}：${r.firstBad!.message}${r.firstBad!.id ? `（记录 id ${r.firstBad!.id}，时间 ${r.firstBad!.at}）` : ''}${archived}`);
      failed ||= !r.ok;
    }
  } finally {
    await database.close();
  }
}
process.exit(failed ? 1 : 0);
