import { randomInt } from 'node:crypto';
import { and, arrayContains, eq, or } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { tenants, users } from '../db/schema.js';
import { hashPassword } from '../auth/passwords.js';
import { loadHolidayCalendar } from '../calendar/holidays.js';
import { ADMINISTRATOR_ROLES, ROLE_LABELS } from '../../shared/roles.js';
import { USERNAME_PATTERN } from '../../shared/password-policy.js';
import { PLATFORM_TENANT_CODE } from '../../shared/domain.js';
import { writeAuditNow } from './audit.js';
import { checkNoAccountNamed, insertUser } from './create-user.js';
import { userForAudit } from './admin-support.js';
import { raiseAlert } from './security-alerts.js';

// The first administrators of a production server, made from the server's command line
// (`npm run admin:create`), since nobody can sign in yet. Each gets a random first password,
// printed once, that must be changed at first sign-in, and must enrol a second factor before
// anything else (whatever the mode). The auditor finds each on the alert list.

export type AdminRole = (typeof ADMINISTRATOR_ROLES)[number];
export const TENANT_LEVELS = ['province', 'city', 'district', 'county'] as const;

export interface BootstrapInput {
  /** A tenant's code (行政区划代码) or name. */
  tenant: string;
  /** To create the tenant when it does not exist yet. */
  tenantName?: string;
  level?: (typeof TENANT_LEVELS)[number];
  parent?: string;
  role: AdminRole;
  username: string;
  displayName?: string;
  /** Another administrator of this role exists already: only with force (break-glass). */
  force?: boolean;
}

export class BootstrapError extends Error {}

/** 16 characters of four classes, from a CSPRNG; no look-alike characters. */
export function randomFirstPassword(): string {
  const sets = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789', '#%+=@^'];
  const all = sets.join('');
  const chars = sets.map((s) => s[randomInt(s.length)]!);
  while (chars.length < 16) chars.push(all[randomInt(all.length)]!);
  for (let i = chars.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
}

export async function bootstrapAdministrator(db: Db, input: BootstrapInput, now: Date) {
  if (!(ADMINISTRATOR_ROLES as readonly string[]).includes(input.role)) throw new BootstrapError(`--role 须为 ${ADMINISTRATOR_ROLES.join('、')} 之一`);
  if (!USERNAME_PATTERN.test(input.username)) throw new BootstrapError('--username 须为3到32位字母、数字、下划线、点或连字符');
  // The platform's tenant holds platform administrators only (npm run platform:create).
  if (input.tenant.toUpperCase() === PLATFORM_TENANT_CODE || input.parent?.toUpperCase() === PLATFORM_TENANT_CODE) {
    throw new BootstrapError('平台单位（PLATFORM）只容纳平台管理员，请用 npm run platform:create 创建；单位管理员请指定具体单位');
  }
  const password = randomFirstPassword();
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    let [tenant] = await tx.select().from(tenants).where(or(eq(tenants.code, input.tenant), eq(tenants.name, input.tenant)));
    let createdTenant = false;
    if (!tenant) {
      if (!input.tenantName || !input.level) {
        throw new BootstrapError(`单位「${input.tenant}」不存在；新建时请同时给出 --tenant-name 与 --level（${TENANT_LEVELS.join('|')}）`);
      }
      let parentId: number | null = null;
      if (input.parent) {
        const [parent] = await tx.select().from(tenants).where(or(eq(tenants.code, input.parent), eq(tenants.name, input.parent)));
        if (!parent) throw new BootstrapError(`上级单位「${input.parent}」不存在`);
        parentId = parent.id;
      }
      [tenant] = await tx.insert(tenants).values({ name: input.tenantName, code: input.tenant, level: input.level, parentId }).returning();
      await loadHolidayCalendar(tx, tenant!.id);
      createdTenant = true;
    }
    const t = tenant!;
    if (t.code === PLATFORM_TENANT_CODE || t.level === 'platform') throw new BootstrapError('平台单位只容纳平台管理员，不能在其中创建单位管理员');
    const [existing] = await tx
      .select({ username: users.username })
      .from(users)
      .where(and(eq(users.tenantId, t.id), arrayContains(users.roles, [input.role]), eq(users.active, true)));
    if (existing && !input.force) {
      throw new BootstrapError(
        `${t.name}已有${ROLE_LABELS[input.role]}（${existing.username}）。其后的账户请由安全管理员在系统中创建并经另一位管理员审批；确需在命令行补建时加 --force（将记入审计告警）。`,
      );
    }
    await checkNoAccountNamed(tx, input.username).catch(() => {
      throw new BootstrapError(`用户名 ${input.username} 已被使用`);
    });
    const displayName = input.displayName?.trim() || ROLE_LABELS[input.role];
    const user = await insertUser(tx, t.id, {
      username: input.username,
      displayName,
      roles: [input.role],
      unitId: null,
      bodyId: null,
      phone: null,
      passwordHash,
      secondFactorRequired: true,
    }, now);
    const system = { tenantId: t.id, userId: null, ip: null };
    const auditId = await writeAuditNow(tx, system, { action: 'user.create', entityType: 'user', entityId: user.id, after: { ...userForAudit(user), via: 'admin:create', forced: !!existing } });
    await raiseAlert(tx, system, {
      kind: 'admin.bootstrap',
      message: `在服务器命令行创建了${ROLE_LABELS[input.role]} ${input.username}（${displayName}）${existing ? '（--force，已有同类管理员）' : ''}`,
      subjectUserId: user.id,
      auditId,
    }, now);
    return { user, tenant: t, createdTenant, password };
  });
}
