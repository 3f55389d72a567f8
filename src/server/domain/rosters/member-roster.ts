import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { members, users } from '../../db/schema.js';
import { ROSTER_LAYOUTS } from '../../../shared/imports/layouts.js';
import { PROPOSAL_KINDS, type ProposalKind } from '../../../shared/domain.js';
import type { MemberRosterBody, RosterPreview, RosterResult } from '../../../shared/schemas/imports.js';
import { rowErrors } from '../../imports/workbook.js';
import type { Actor } from '../actor.js';
import { writeAudit } from '../audit.js';
import { cellsOf, checkLengths, markDuplicates, PHONE, rosterRecords, toPreview, type PlannedRow, type RosterPlan } from './roster-rows.js';
import { decryptField, encryptField, phoneIndex } from '../../crypto/field-crypto.js';

type MemberData = { name: string; sector: string; party: string | null; workplace: string | null; phone: string | null; userId: number | null };

const KEYS = ['name', 'sector', 'party', 'workplace', 'phone', 'username'] as const;
const LIMITS: Record<string, [string, number]> = {
  name: ['姓名', 50],
  sector: ['界别/代表团', 50],
  party: ['党派', 50],
  workplace: ['工作单位', 200],
  phone: ['手机', 20],
  username: ['登录账号', 32],
};

/**
 * 委员/代表名册: each row adds a member (委员 for 政协, 代表 for 人大) or, when the roster has one
 * of that name, updates them; a row identical to the record is skipped. A 登录账号 links an
 * existing member account (accounts are opened by the 安全管理员). Saves nothing.
 */
export async function planMemberRoster(tx: Executor, actor: Actor, input: MemberRosterBody): Promise<RosterPlan<MemberData>> {
  const layout = ROSTER_LAYOUTS.members;
  const { records, errors } = await rosterRecords(input.fileName, input.contentBase64, layout);
  const existing = await tx.select().from(members).where(and(eq(members.tenantId, actor.tenantId), eq(members.kind, input.kind)));
  const byName = new Map<string, (typeof existing)[number][]>();
  for (const m of existing) byName.set(m.name, [...(byName.get(m.name) ?? []), m]);
  const usernames = [...new Set(records.map((r) => r.values.username).filter((x): x is string => !!x))];
  const accounts = usernames.length
    ? await tx.select({ id: users.id, username: users.username, roles: users.roles }).from(users).where(and(eq(users.tenantId, actor.tenantId), inArray(users.username, usernames)))
    : [];
  const accountOf = new Map(accounts.map((a) => [a.username, a]));
  // Accounts linked to some member of the tenant (either kind): one sign-in, one member record.
  const linked = new Map(
    (await tx.select({ id: members.id, userId: members.userId, name: members.name }).from(members).where(eq(members.tenantId, actor.tenantId)))
      .filter((m) => m.userId !== null)
      .map((m) => [m.userId!, m]),
  );
  const who = input.kind === 'suggestion' ? '代表' : '委员';

  const rows = records.map((r): PlannedRow<MemberData> => {
    const v = cellsOf(r.values, KEYS);
    const errs = checkLengths(v, LIMITS);
    if (!v.name) errs.push('姓名不能为空');
    if (!v.sector) errs.push(input.kind === 'suggestion' ? '代表团不能为空' : '界别不能为空');
    if (v.phone && !PHONE.test(v.phone)) errs.push('手机号码格式不正确');
    let userId: number | null = null;
    if (v.username) {
      const a = accountOf.get(v.username);
      if (!a) errs.push(`登录账号「${v.username}」不存在，请先由安全管理员开设账号`);
      else if (!a.roles.includes('member')) errs.push(`登录账号「${v.username}」不是委员/代表账号`);
      else userId = a.id;
    }
    const same = byName.get(v.name) ?? [];
    if (same.length > 1) errs.push(`名册中已有${same.length}位名为「${v.name}」的${who}，请在委员代表管理中逐一维护`);
    // The phone is stored SM4-encrypted: compared as plain text here, encrypted on writing.
    const target = same.length === 1 ? { ...same[0]!, phone: decryptField(same[0]!.phone) } : undefined;
    if (userId !== null) {
      const holder = linked.get(userId);
      if (holder && holder.id !== target?.id) errs.push(`登录账号「${v.username}」已关联「${holder.name}」`);
    }
    const data: MemberData = {
      name: v.name,
      sector: v.sector,
      party: v.party || null,
      workplace: v.workplace || null,
      phone: v.phone || null,
      // A blank 登录账号 keeps whatever account the member already has.
      userId: userId ?? target?.userId ?? null,
    };
    const unchanged = target && (['sector', 'party', 'workplace', 'phone', 'userId'] as const).every((k) => (target[k] ?? null) === data[k]);
    return { row: r.row, values: v, errors: errs, data, targetId: target?.id, action: !target ? 'create' : unchanged ? 'skip' : 'update' };
  });
  markDuplicates(rows, (r) => r.values.name || null, '姓名');
  markDuplicates(rows, (r) => r.values.username || null, '登录账号');
  return { fileName: input.fileName, rows, fileErrors: errors };
}

export async function previewMemberRoster(tx: Executor, actor: Actor, input: MemberRosterBody): Promise<RosterPreview> {
  return toPreview(await planMemberRoster(tx, actor, input), ['phone']);
}

/** Writes the roster in the route's one transaction, or nothing when any row is bad. */
export async function commitMemberRoster(tx: Executor, actor: Actor, input: MemberRosterBody): Promise<RosterResult> {
  const plan = await planMemberRoster(tx, actor, input);
  refuseIfBad(plan);
  const kind: ProposalKind = input.kind;
  const created: string[] = [];
  const updated: string[] = [];
  for (const r of plan.rows) {
    if (r.action === 'create') {
      await tx.insert(members).values({ tenantId: actor.tenantId, kind, ...r.data!, phone: encryptField(r.data!.phone), phoneIndex: phoneIndex(r.data!.phone) });
      created.push(r.data!.name);
    } else if (r.action === 'update') {
      await tx.update(members).set({ ...r.data!, phone: encryptField(r.data!.phone), phoneIndex: phoneIndex(r.data!.phone) }).where(eq(members.id, r.targetId!));
      updated.push(r.data!.name);
    }
  }
  const skipped = plan.rows.length - created.length - updated.length;
  // Names and counts only: phone numbers are personal data and stay out of the audit log.
  await writeAudit(tx, actor, {
    action: 'member.import',
    entityType: 'member',
    after: { fileName: input.fileName, kind: PROPOSAL_KINDS.labels[kind], created, updated, skipped },
  });
  return { created: created.length, updated: updated.length, skipped };
}

export function refuseIfBad<T>(plan: RosterPlan<T>) {
  const errors = [
    ...plan.fileErrors.map((message) => ({ row: null, message })),
    ...plan.rows.flatMap((r) => r.errors.map((message) => ({ row: r.row, message }))),
  ];
  if (errors.length) throw rowErrors(errors);
}
