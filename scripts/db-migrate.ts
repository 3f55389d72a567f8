// npm run db:migrate — applies the migrations as the database owner (DATABASE_URL), for a
// deployment whose application role has no DDL rights and starts with DB_MIGRATE=false.
import path from 'node:path';
import { loadConfig } from '../src/server/config.js';
import { openDatabase } from '../src/server/db/client.js';

const config = loadConfig();
const database = await openDatabase({ url: config.databaseUrl, dataDir: path.join(config.dataDir, 'pg') });
await database.close();
console.log('数据库迁移完成。');
