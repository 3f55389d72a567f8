import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import { loginSessions, tenants, users } from '../../db/schema.js';
import { hashPassword } from '../../auth/passwords.js';
import { loadHolidayCalendar } from '../../calendar/holidays.js';
import { ADMINISTRATOR_ROLES, ROLE_LABELS, type Role } from '../../../shared/roles.js';
import { PLATFORM_TENANT_CODE } from '../../../shared/domain.js';
import type { TenantOut } from '../../../shared/schemas/supervision.js';
import { conflict, invalid, notFound } from '../../errors.js';
import type { Actor } from '../actor.js';
import { writeAudit, writeAuditNow } from '../audit.js';
import { checkNoAccountNamed, insertUser } from '../create-user.js';
import { userForAudit } from '../admin-support.js';
import { raiseAlert } from '../security-alerts.js';
import { BootstrapError, randomFirstPassword } from '../bootstrap-admin.js';
import { USERNAME_PATTERN } from '../../../shared/password-policy.js';

// The platform above the tenants (a province's deployment): platform administrators
// (users.platform_admin, in the PLATFORM tenant that holds nothing else) create and edit tenants
// — province, city, district, county, with their parent — and each tenant's first
// administrators. Every change is audited in the tenant it concerns.

type TenantRow = typeof tenants.$inferSelect;
type Level = 'province' | 'city' | 'district' | 'county';

export async function listTenants(tx: Executor): Promise<TenantOut[]> {
  const rows = (await tx.select().from(tenants).orderBy(asc(tenants.id))).filter((t) => t.code !== PLATFORM_TENANT_CODE);
  const admins = rows.length
    ? await tx
        .select({ tenantId: users.tenantId, username: users.username, displayName: users.displayName, roles: users.roles })
        .from(users)
        .where(and(inArray(users.tenantId, rows.map((r) => r.id)), sql`${users.roles} && array['sysadmin','secadmin','auditor']::text[]`))
        .orderBy(asc(users.id))
    : [];
  const name = new Map(rows.map((r) => [r.id, r.name]));
  return rows.map((t) => ({
    id: t.id,
    name: t.name,
    code: t.code,
    level: t.level as Level,
    parentId: t.parentId,
    parentName: t.parentId ? (name.get(t.parentId) ?? null) : null,
    active: t.active,
    administrators: admins.filter((a) => a.tenantId === t.id).map((a) => ({ username: a.username, displayName: a.displayName, roles: a.roles.filter((r) => (ADMINISTRATOR_ROLES as readonly Role[]).includes(r)) })),
  }));
}

const LEVEL_ORDER: Record<Level, number> = { province: 0, city: 1, district: 2, county: 2 };

async function checkParent(tx: Executor, parentId: number | null | undefined, level: Level, selfId?: number) {
  if (parentId == null) {
    if (level !== 'province') throw invalid('body.parentId', '市、区、县须选择上级单位');
    return;
  }
  const [parent] = await tx.select().from(tenants).where(eq(tenants.id, parentId));
  if (!parent || parent.code === PLATFORM_TENANT_CODE) throw invalid('body.parentId', '上级单位不存在');
  if (LEVEL_ORDER[parent.level as Level] >= LEVEL_ORDER[level]) throw invalid('body.parentId', '上级单位的级别须高于本单位');
  // No cycles: walk up from the parent.
  for (let at: TenantRow | undefined = parent; at; ) {
    if (selfId !== undefined && at.id === selfId) throw invalid('body.parentId', '上级单位不能是本单位或其下级');
    if (!at.parentId) break;
    [at] = await tx.select().from(tenants).where(eq(tenants.id, at.parentId));
  }
}

export async function createTenant(tx: Executor, actor: Actor, input: { name: string; code: string; level: Level; parentId?: number | null }) {
  if (input.code.toUpperCase() === PLATFORM_TENANT_CODE) throw invalid('body.code', '该代码为平台保留');
  await checkParent(tx, input.parentId, input.level);
  const [dup] = await tx.select({ id: tenants.id }).from(tenants).where(eq(tenants.code, input.code));
  if (dup) throw conflict('行政区划代码已被使用');
  const [row] = await tx.insert(tenants).values({ name: input.name, code: input.code, level: input.level, parentId: input.parentId ?? null }).returning();
  await loadHolidayCalendar(tx, row!.id);
  await writeAudit(tx, { tenantId: row!.id, userId: actor.userId, ip: actor.ip ?? null }, { action: 'tenant.create', entityType: 'tenant', entityId: row!.id, after: { ...row, by: 'platform' } });
  return (await listTenants(tx)).find((t) => t.id === row!.id)!;
}

export async function updateTenant(tx: Executor, actor: Actor, id: number, input: { name?: string; parentId?: number | null; active?: boolean }) {
  const [before] = await tx.select().from(tenants).where(eq(tenants.id, id)).for('update');
  if (!before || before.code === PLATFORM_TENANT_CODE) throw notFound('单位');
  if (input.parentId !== undefined) await checkParent(tx, input.parentId, before.level as Level, id);
  const changes = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
  if (!Object.keys(changes).length) throw invalid('body', '没有要修改的内容');
  const [after] = await tx.update(tenants).set(changes).where(eq(tenants.id, id)).returning();
  // A stopped tenant stops working at once: its people's sessions end (and sign-in refuses them, sign-in.ts).
  if (before.active && input.active === false) {
    await tx.delete(loginSessions).where(inArray(loginSessions.userId, tx.select({ id: users.id }).from(users).where(eq(users.tenantId, id))));
  }
  await writeAudit(tx, { tenantId: id, userId: actor.userId, ip: actor.ip ?? null }, { action: 'tenant.update', entityType: 'tenant', entityId: id, before, after });
  return (await listTenants(tx)).find((t) => t.id === id)!;
}

/**
 * A tenant's first administrators (系统/安全/审计管理员): made by the platform with a one-time first
 * password, to change at first sign-in, and a second factor to enrol. Once the tenant has one of a
 * role, further ones go through its own 安全管理员 and the two-person rule: 409 here.
 */
export async function createTenantAdministrator(
  tx: Executor,
  actor: Actor,
  tenantId: number,
  input: { role: 'sysadmin' | 'secadmin' | 'auditor'; username: string; displayName: string },
  now: Date,
) {
  const [t] = await tx.select().from(tenants).where(eq(tenants.id, tenantId)).for('update');
  if (!t || t.code === PLATFORM_TENANT_CODE) throw notFound('单位');
  const [existing] = await tx
    .select({ username: users.username })
    .from(users)
    .where(and(eq(users.tenantId, t.id), sql`${input.role} = any(${users.roles})`, eq(users.active, true)));
  if (existing) throw conflict(`${t.name}已有${ROLE_LABELS[input.role]}（${existing.username}），其后的账户请由该单位安全管理员创建`);
  await checkNoAccountNamed(tx, input.username);
  const password = randomFirstPassword();
  const user = await insertUser(tx, t.id, { username: input.username, displayName: input.displayName, roles: [input.role], unitId: null, bodyId: null, phone: null, passwordHash: await hashPassword(password), secondFactorRequired: true }, now);
  const by = { tenantId: t.id, userId: actor.userId, ip: actor.ip ?? null };
  const auditId = await writeAuditNow(tx, by, { action: 'user.create', entityType: 'user', entityId: user.id, after: { ...userForAudit(user), via: 'platform' } });
  await raiseAlert(tx, by, { kind: 'admin.bootstrap', message: `平台管理员创建了${ROLE_LABELS[input.role]} ${input.username}（${input.displayName}）`, subjectUserId: user.id, auditId }, now);
  return { username: user.username, displayName: user.displayName, password };
}

/** The platform's own tenant, made on first use. */
export async function platformTenant(tx: Executor): Promise<TenantRow> {
  const [t] = await tx.select().from(tenants).where(eq(tenants.code, PLATFORM_TENANT_CODE));
  if (t) return t;
  const [row] = await tx.insert(tenants).values({ name: '平台', code: PLATFORM_TENANT_CODE, level: 'platform' }).returning();
  return row!;
}

/** `npm run platform:create`: a platform administrator with a one-time first password. */
export async function bootstrapPlatformAdmin(db: Db, input: { username: string; displayName?: string }, now: Date) {
  if (!USERNAME_PATTERN.test(input.username)) throw new BootstrapError('--username 须为3到32位字母、数字、下划线、点或连字符');
  const password = randomFirstPassword();
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const t = await platformTenant(tx);
    await checkNoAccountNamed(tx, input.username).catch(() => {
      throw new BootstrapError(`用户名 ${input.username} 已被使用`);
    });
    const user = await insertUser(tx, t.id, { username: input.username, displayName: input.displayName?.trim() || '平台管理员', roles: [], unitId: null, bodyId: null, phone: null, passwordHash, secondFactorRequired: true }, now);
    await tx.update(users).set({ platformAdmin: true }).where(eq(users.id, user.id));
    await writeAudit(tx, { tenantId: t.id, userId: null, ip: null }, { action: 'user.create', entityType: 'user', entityId: user.id, after: { ...userForAudit(user), platformAdmin: true, via: 'platform:create' } });
    return { user, password };
  });
}
