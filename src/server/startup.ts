import { arrayOverlaps, count, inArray, sql } from 'drizzle-orm';
import type { Db } from './db/client.js';
import { users } from './db/schema.js';
import { verifyPassword } from './auth/passwords.js';
import { DEMO_LOGINS, DEMO_PASSWORD, seedDemoData, type SeedResult } from './seed/demo-data.js';
import { ADMINISTRATOR_ROLES } from '../shared/roles.js';
import type { Mode } from './auth/policy.js';

// What the server does with its database before it listens: a demo loads its data; production
// refuses a database that holds demo accounts and, when no administrator exists yet, says how to
// create the first ones.

export interface Prepared {
  seeded: SeedResult | null;
  /** Lines for the console. */
  notices: string[];
}

/**
 * Demo accounts keep the published password `Duban@2026`. A production server refuses to start on
 * a database where any of them still signs in with it (a demo database, or one copied from it).
 */
export async function findDemoAccounts(db: Db): Promise<string[]> {
  const names = DEMO_LOGINS.map((l) => l.username.toLowerCase());
  const rows = await db
    .select({ username: users.username, hash: users.passwordHash })
    .from(users)
    .where(inArray(sql`lower(${users.username})`, names));
  const found: string[] = [];
  for (const r of rows) if (await verifyPassword(r.hash, DEMO_PASSWORD)) found.push(r.username);
  return found;
}

export async function countAdministrators(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(users).where(arrayOverlaps(users.roles, [...ADMINISTRATOR_ROLES]));
  return Number(row?.n ?? 0);
}

export async function prepareDatabase(db: Db, config: { mode: Mode; seedDemo: boolean }): Promise<Prepared> {
  if (config.mode === 'production') {
    const demo = await findDemoAccounts(db);
    if (demo.length) {
      throw new Error(
        `生产模式拒绝启动：数据库中有仍使用演示密码的演示账户（${demo.join('、')}）。请使用新的数据库，或先重置这些账户的密码。` +
          `\n(production mode refuses a database with demo accounts that still use the demo password)`,
      );
    }
    const notices: string[] = ['  生产模式：不载入演示数据；管理员须修改初始密码并启用双重验证。'];
    if ((await countAdministrators(db)) === 0) {
      notices.push(
        '  尚无管理员账户。请在服务器上依次创建系统管理员、安全管理员、审计管理员（各打印一次性初始密码）：',
        '    npm run admin:create -- --tenant 330482 --tenant-name 平湖市 --level county --role secadmin --username anquan01',
        '    npm run admin:create -- --tenant 330482 --role sysadmin --username xitong01',
        '    npm run admin:create -- --tenant 330482 --role auditor --username shenji01',
        '  （使用内置 PGlite 时，请先停止服务器再运行这些命令。）',
      );
    }
    return { seeded: null, notices };
  }
  const seeded = config.seedDemo ? await seedDemoData(db) : null;
  return { seeded, notices: ['  演示模式：所有页面显示「演示环境」；生产部署请设置 NODE_ENV=production。'] };
}
