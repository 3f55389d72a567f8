import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { bodies, units, users } from '../../db/schema.js';
import { ROSTER_LAYOUTS, splitNames } from '../../../shared/imports/layouts.js';
import { needsApproval, ROLE_LABELS, ROLES, type Role } from '../../../shared/roles.js';
import { ORGANS, type Organ } from '../../../shared/domain.js';
import { ADMIN_ROLES } from '../../../shared/schemas/admin.js';
import type { AccountRosterCommitBody, RosterPreview, RosterResult } from '../../../shared/schemas/imports.js';
import { hashPassword } from '../../auth/passwords.js';
import type { Actor } from '../actor.js';
import { writeAudit } from '../audit.js';
import { uniqueOr409 } from '../admin-support.js';
import { checkUsernameFree, rolesText } from '../create-user.js';
import { fileRequest } from '../file-request.js';
import { encryptField, phoneIndex } from '../../crypto/field-crypto.js';
import { refuseIfBad } from './member-roster.js';
import { cellsOf, checkLengths, markDuplicates, PHONE, rosterRecords, toPreview, type PlannedRow, type RosterPlan } from './roster-rows.js';

type AccountData = { username: string; displayName: string; roles: Role[]; unitId: number | null; bodyId: number | null; organ: Organ | null; phone: string | null };

const KEYS = ['username', 'displayName', 'roles', 'unit', 'body', 'organ', 'phone'] as const;
const LIMITS: Record<string, [string, number]> = { username: ['用户名', 32], displayName: ['姓名', 50], roles: ['角色', 100], unit: ['所属单位', 100], body: ['所属团体', 100], organ: ['所属机关', 10], phone: ['手机', 20] };
const USERNAME = /^[A-Za-z0-9_.-]{3,32}$/;

/** Role names as offices write them, beside the labels the app shows. */
const ROLE_OF_NAME = new Map<string, Role>([
  ...ROLES.map((r) => [ROLE_LABELS[r], r] as [string, Role]),
  ...ROLES.map((r) => [r, r] as [string, Role]),
  ['委员', 'member'], ['代表', 'member'], ['政协委员', 'member'], ['人大代表', 'member'],
  ['团体', 'group'], ['提案委员会', 'staff'], ['选联工委', 'staff'], ['人代工委', 'staff'],
  ['政府办', 'office'], ['督查室', 'office'], ['单位', 'unit'], ['领导', 'leader'],
]);
const ORGAN_OF_NAME = new Map<string, Organ>(ORGANS.values.map((o) => [ORGANS.labels[o], o]));

/**
 * 账户名册 (安全管理员): opens the accounts the file lists, each with the first password given at
 * commit, to be changed at first sign-in. An account whose username exists in this tenant is
 * left as it is (skipped); one taken in another tenant is an error. Saves nothing.
 */
export async function planAccountRoster(tx: Executor, actor: Actor, input: { fileName: string; contentBase64: string }): Promise<RosterPlan<AccountData>> {
  const { records, errors } = await rosterRecords(input.fileName, input.contentBase64, ROSTER_LAYOUTS.accounts);
  const names = [...new Set(records.map((r) => r.values.username).filter((x): x is string => !!x))];
  const taken = names.length ? await tx.select({ username: users.username, tenantId: users.tenantId }).from(users).where(inArray(users.username, names)) : [];
  const takenBy = new Map(taken.map((t) => [t.username, t.tenantId]));
  const unitOf = new Map((await tx.select({ id: units.id, name: units.name }).from(units).where(and(eq(units.tenantId, actor.tenantId), eq(units.active, true)))).map((u) => [u.name, u.id]));
  const bodyOf = new Map((await tx.select({ id: bodies.id, name: bodies.name }).from(bodies).where(eq(bodies.tenantId, actor.tenantId))).map((b) => [b.name, b.id]));

  const rows = records.map((r): PlannedRow<AccountData> => {
    const v = cellsOf(r.values, KEYS);
    const errs = checkLengths(v, LIMITS);
    if (!v.username) errs.push('用户名不能为空');
    else if (!USERNAME.test(v.username)) errs.push('用户名须为3到32位字母、数字、下划线、点或连字符');
    if (!v.displayName) errs.push('姓名不能为空');
    const roles: Role[] = [];
    for (const n of splitNames(v.roles)) {
      const role = ROLE_OF_NAME.get(n);
      if (!role) errs.push(`角色「${n}」无效`);
      else if (!roles.includes(role)) roles.push(role);
    }
    if (!v.roles) errs.push('角色不能为空');
    // 三员分立: an administrator account holds that one role only.
    if (roles.some((x) => (ADMIN_ROLES as readonly Role[]).includes(x)) && roles.length > 1) errs.push('系统管理员、安全管理员、审计管理员须单独设置，不能兼任其他角色');
    const unitId = v.unit ? (unitOf.get(v.unit) ?? null) : null;
    if (v.unit && unitId === null) errs.push(`所属单位「${v.unit}」不在承办单位名录中`);
    if (roles.includes('unit') && !v.unit) errs.push('承办单位账户须填写所属单位');
    const bodyId = v.body ? (bodyOf.get(v.body) ?? null) : null;
    if (v.body && bodyId === null) errs.push(`所属团体「${v.body}」不在党派团体名录中`);
    if (roles.includes('group') && !v.body) errs.push('党派团体账户须填写所属团体');
    const organ = v.organ ? (ORGAN_OF_NAME.get(v.organ) ?? null) : null;
    if (v.organ && organ === null) errs.push(`所属机关「${v.organ}」无效，应为政协或人大`);
    if (v.phone && !PHONE.test(v.phone)) errs.push('手机号码格式不正确');
    const owner = takenBy.get(v.username);
    if (owner !== undefined && owner !== actor.tenantId) errs.push(`用户名「${v.username}」已被使用`);
    const data: AccountData = { username: v.username, displayName: v.displayName, roles, unitId, bodyId, organ: roles.includes('staff') ? organ : null, phone: v.phone || null };
    return { row: r.row, values: v, errors: errs, data, action: owner === actor.tenantId ? 'skip' : 'create' };
  });
  markDuplicates(rows, (r) => r.values.username || null, '用户名');
  return { fileName: input.fileName, rows, fileErrors: errors };
}

export async function previewAccountRoster(tx: Executor, actor: Actor, input: { fileName: string; contentBase64: string }): Promise<RosterPreview> {
  return toPreview(await planAccountRoster(tx, actor, input), ['phone']);
}

export async function commitAccountRoster(tx: Executor, actor: Actor, input: AccountRosterCommitBody, now: Date): Promise<RosterResult> {
  const plan = await planAccountRoster(tx, actor, input);
  refuseIfBad(plan);
  const fresh = plan.rows.filter((r) => r.action === 'create');
  let pending = 0;
  for (const r of fresh) {
    // A salt of its own per account (≈25 ms each); every holder must replace this first password.
    const passwordHash = await hashPassword(input.initialPassword);
    const d = r.data!;
    // 三员分立: an account that reads proposals (or an administrator) waits for a second administrator,
    // exactly as when made one by one on the account screen.
    if (d.roles.some(needsApproval)) {
      await checkUsernameFree(tx, actor.tenantId, d.username);
      await fileRequest(tx, actor, {
        kind: 'create_user',
        targetUserId: null,
        payload: { username: d.username, displayName: d.displayName, roles: d.roles, unitId: d.unitId, bodyId: d.bodyId, organ: d.organ, phone: encryptField(d.phone), passwordHash },
        summary: `名册导入：申请新建账户 ${d.username}（${d.displayName}），角色：${rolesText(d.roles)}`,
      }, now);
      pending++;
      continue;
    }
    await uniqueOr409(
      () => tx.insert(users).values({ tenantId: actor.tenantId, ...d, phone: encryptField(d.phone), phoneIndex: phoneIndex(d.phone), passwordHash, mustChangePassword: true, passwordChangedAt: now }),
      `第${r.row}行：用户名「${d.username}」已被使用，未导入任何账户`,
    );
  }
  const skipped = plan.rows.length - fresh.length;
  await writeAudit(tx, actor, {
    action: 'user.import',
    entityType: 'user',
    after: { fileName: input.fileName, created: fresh.map((r) => ({ username: r.data!.username, roles: r.data!.roles })), pendingApproval: pending, skipped },
  });
  return { created: fresh.length - pending, updated: 0, skipped, pending };
}
