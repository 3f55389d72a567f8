import { eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { units } from '../../db/schema.js';
import { ROSTER_LAYOUTS } from '../../../shared/imports/layouts.js';
import { UNIT_KINDS, type UnitKind } from '../../../shared/domain.js';
import type { RosterPreview, RosterResult, UnitRosterBody } from '../../../shared/schemas/imports.js';
import type { Actor } from '../actor.js';
import { writeAudit } from '../audit.js';
import { uniqueOr409 } from '../admin-support.js';
import { refuseIfBad } from './member-roster.js';
import { cellsOf, checkLengths, markDuplicates, PHONE, rosterRecords, toPreview, type PlannedRow, type RosterPlan } from './roster-rows.js';
import { decryptField, encryptField, phoneIndex } from '../../crypto/field-crypto.js';

type UnitData = { name: string; kind: UnitKind; contactName: string | null; contactPhone: string | null };

const KEYS = ['name', 'kind', 'contactName', 'contactPhone'] as const;
const LIMITS: Record<string, [string, number]> = { name: ['单位名称', 100], kind: ['类型', 10], contactName: ['联系人', 50], contactPhone: ['联系电话', 20] };
const KIND_OF_LABEL = new Map<string, UnitKind>(UNIT_KINDS.values.map((k) => [UNIT_KINDS.labels[k], k]));
KIND_OF_LABEL.set('镇', 'town').set('街道', 'town').set('镇（街道）', 'town').set('国企', 'enterprise').set('部门单位', 'department');

/** 承办单位名册: adds the units the directory lacks and updates the kind and contact of those it has. Saves nothing. */
export async function planUnitRoster(tx: Executor, actor: Actor, input: UnitRosterBody): Promise<RosterPlan<UnitData>> {
  const { records, errors } = await rosterRecords(input.fileName, input.contentBase64, ROSTER_LAYOUTS.units);
  const existing = new Map((await tx.select().from(units).where(eq(units.tenantId, actor.tenantId))).map((u) => [u.name, u]));
  const rows = records.map((r): PlannedRow<UnitData> => {
    const v = cellsOf(r.values, KEYS);
    const errs = checkLengths(v, LIMITS);
    if (!v.name) errs.push('单位名称不能为空');
    const kind = v.kind ? KIND_OF_LABEL.get(v.kind) : 'department';
    if (!kind) errs.push(`类型「${v.kind}」无效，应为部门、镇街、企业或其他`);
    if (v.contactPhone && !PHONE.test(v.contactPhone)) errs.push('联系电话格式不正确');
    const found = existing.get(v.name);
    // Contacts are stored SM4-encrypted: compared and kept as plain text here, encrypted on writing.
    const target = found && { ...found, contactName: decryptField(found.contactName), contactPhone: decryptField(found.contactPhone) };
    const data: UnitData = {
      name: v.name,
      kind: kind ?? 'department',
      // Blank contact cells keep what the directory has.
      contactName: v.contactName || target?.contactName || null,
      contactPhone: v.contactPhone || target?.contactPhone || null,
    };
    const unchanged = target && target.kind === data.kind && target.contactName === data.contactName && target.contactPhone === data.contactPhone;
    return { row: r.row, values: v, errors: errs, data, targetId: target?.id, action: !target ? 'create' : unchanged ? 'skip' : 'update' };
  });
  markDuplicates(rows, (r) => r.values.name || null, '单位名称');
  return { fileName: input.fileName, rows, fileErrors: errors };
}

export async function previewUnitRoster(tx: Executor, actor: Actor, input: UnitRosterBody): Promise<RosterPreview> {
  return toPreview(await planUnitRoster(tx, actor, input), ['contactPhone']);
}

/** A unit's contact as stored: SM4-encrypted, with the phone's blind index. */
const sealed = (d: UnitData) => ({ ...d, contactName: encryptField(d.contactName), contactPhone: encryptField(d.contactPhone), contactPhoneIndex: phoneIndex(d.contactPhone) });

export async function commitUnitRoster(tx: Executor, actor: Actor, input: UnitRosterBody): Promise<RosterResult> {
  const plan = await planUnitRoster(tx, actor, input);
  refuseIfBad(plan);
  const created: string[] = [];
  const updated: string[] = [];
  for (const r of plan.rows) {
    if (r.action === 'create') {
      await uniqueOr409(() => tx.insert(units).values({ tenantId: actor.tenantId, ...sealed(r.data!) }), `第${r.row}行：同名承办单位已存在，请重新预览后导入`);
      created.push(r.data!.name);
    } else if (r.action === 'update') {
      await tx.update(units).set(sealed(r.data!)).where(eq(units.id, r.targetId!));
      updated.push(r.data!.name);
    }
  }
  const skipped = plan.rows.length - created.length - updated.length;
  await writeAudit(tx, actor, { action: 'unit.import', entityType: 'unit', after: { fileName: input.fileName, created, updated, skipped } });
  return { created: created.length, updated: updated.length, skipped };
}
