// npm run admin:create -- --tenant 330482 [--tenant-name 平湖市 --level county [--parent 330400]]
//                         --role sysadmin|secadmin|auditor --username NAME [--display-name 姓名] [--force]
//
// Creates an administrator on the database the server uses (DATABASE_URL, or PGlite under DATA_DIR:
// stop the server first) and prints a one-time first password. The administrator must change it and
// enrol a second factor at first sign-in. See README 「生产部署」.
import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/server/config.js';
import { openDatabase } from '../src/server/db/client.js';
import { bootstrapAdministrator, BootstrapError, TENANT_LEVELS, type AdminRole, type BootstrapInput } from '../src/server/domain/bootstrap-admin.js';

const { values } = parseArgs({
  options: {
    tenant: { type: 'string' },
    'tenant-name': { type: 'string' },
    level: { type: 'string' },
    parent: { type: 'string' },
    role: { type: 'string' },
    username: { type: 'string' },
    'display-name': { type: 'string' },
    force: { type: 'boolean', default: false },
  },
});

function usage(message: string): never {
  console.error(`${message}\n用法：npm run admin:create -- --tenant <代码或名称> --role sysadmin|secadmin|auditor --username <用户名> [--display-name 姓名]\n      新单位另加 --tenant-name <名称> --level ${TENANT_LEVELS.join('|')} [--parent <上级代码>]`);
  process.exit(2);
}

if (!values.tenant) usage('缺少 --tenant');
if (!values.role) usage('缺少 --role');
if (!values.username) usage('缺少 --username');
if (values.level && !(TENANT_LEVELS as readonly string[]).includes(values.level)) usage(`--level 须为 ${TENANT_LEVELS.join('|')}`);

const config = loadConfig();
if (!config.databaseUrl) mkdirSync(config.dataDir, { recursive: true });
const database = await openDatabase({ url: config.databaseUrl, dataDir: path.join(config.dataDir, 'pg') });
try {
  const r = await bootstrapAdministrator(
    database.db,
    {
      tenant: values.tenant,
      tenantName: values['tenant-name'],
      level: values.level as BootstrapInput['level'],
      parent: values.parent,
      role: values.role as AdminRole,
      username: values.username,
      displayName: values['display-name'],
      force: values.force,
    },
    config.now(),
  );
  if (r.createdTenant) console.log(`已新建单位：${r.tenant.name}（${r.tenant.code}）`);
  console.log(`已创建 ${r.user.username}（${r.user.displayName}），单位：${r.tenant.name}`);
  console.log(`一次性初始密码：${r.password}`);
  console.log('首次登录须修改密码，并在“我的账号”启用双重验证（手机验证器）后方可使用。此密码不再显示。');
} catch (e) {
  if (e instanceof BootstrapError) {
    console.error(e.message);
    process.exitCode = 1;
  } else throw e;
} finally {
  await database.close();
}
