// npm run platform:create -- --username NAME [--display-name 姓名]
//
// Creates a platform administrator (above the tenants: creates tenants and their first
// administrators at /platform/tenants) on the database the server uses (DATABASE_URL, or PGlite
// under DATA_DIR: stop the server first), in the platform's own tenant (code PLATFORM, made on first
// use), and prints a one-time first password. It must be changed at first sign-in, and a second
// factor enrolled, whatever the mode.
import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/server/config.js';
import { openDatabase } from '../src/server/db/client.js';
import { BootstrapError } from '../src/server/domain/bootstrap-admin.js';
import { bootstrapPlatformAdmin } from '../src/server/domain/supervision/tenants.js';

const { values } = parseArgs({ options: { username: { type: 'string' }, 'display-name': { type: 'string' } } });
if (!values.username) {
  console.error('缺少 --username\n用法：npm run platform:create -- --username <用户名> [--display-name 姓名]');
  process.exit(2);
}

const config = loadConfig();
if (!config.databaseUrl) mkdirSync(config.dataDir, { recursive: true });
const database = await openDatabase({ url: config.databaseUrl, dataDir: path.join(config.dataDir, 'pg') });
try {
  const r = await bootstrapPlatformAdmin(database.db, { username: values.username, displayName: values['display-name'] }, config.now());
  console.log(`已创建平台管理员 ${r.user.username}（${r.user.displayName}）`);
  console.log(`一次性初始密码：${r.password}`);
  console.log('首次登录须修改密码，并启用双重验证（手机验证器）后方可使用。此密码不再显示。');
} catch (e) {
  if (e instanceof BootstrapError) {
    console.error(e.message);
    process.exitCode = 1;
  } else throw e;
} finally {
  await database.close();
}
