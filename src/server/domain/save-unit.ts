import { and, eq, ne } from 'drizzle-orm';
import type { z } from 'zod';
import type { Executor } from '../db/client.js';
import { units } from '../db/schema.js';
import { conflict, notFound } from '../errors.js';
import type { createUnitBody, updateUnitBody } from '../../shared/schemas/admin.js';
import type { Actor } from './actor.js';
import { writeAudit } from './audit.js';
import { definedOnly, requireSomeChange, uniqueOr409 } from './admin-support.js';
import { encryptField, protectPhone } from '../crypto/field-crypto.js';

const TAKEN = '同名承办单位已存在';

async function assertNameFree(tx: Executor, tenantId: number, name: string, exceptId?: number) {
  const [dup] = await tx
    .select({ id: units.id })
    .from(units)
    .where(and(eq(units.tenantId, tenantId), eq(units.name, name), exceptId ? ne(units.id, exceptId) : undefined));
  if (dup) throw conflict(TAKEN);
}

/** The contact's name and phone as stored (SM4), for the fields the input names. */
function unitContact(input: { contactName?: string | null; contactPhone?: string | null }) {
  const out: { contactName?: string | null; contactPhone?: string | null; contactPhoneIndex?: string | null } = {};
  if (input.contactName !== undefined) out.contactName = encryptField(input.contactName);
  if (input.contactPhone !== undefined) {
    const p = protectPhone(input.contactPhone);
    out.contactPhone = p.value;
    out.contactPhoneIndex = p.index;
  }
  return out;
}

/** The 系统管理员 adds a handling unit (承办单位). */
export async function createUnit(tx: Executor, actor: Actor, input: z.infer<typeof createUnitBody>) {
  await assertNameFree(tx, actor.tenantId, input.name);
  const [row] = await uniqueOr409(() => tx.insert(units).values({ ...input, ...unitContact(input), tenantId: actor.tenantId }).returning(), TAKEN);
  await writeAudit(tx, actor, { action: 'unit.create', entityType: 'unit', entityId: row!.id, after: row });
  return row!;
}

/** Renames, re-types or (de)activates a unit; a deactivated unit is no longer offered for assignment. */
export async function updateUnit(tx: Executor, actor: Actor, id: number, input: z.infer<typeof updateUnitBody>) {
  requireSomeChange(input);
  const [before] = await tx.select().from(units).where(and(eq(units.id, id), eq(units.tenantId, actor.tenantId))).for('update');
  if (!before) throw notFound('承办单位');
  if (input.name !== undefined && input.name !== before.name) await assertNameFree(tx, actor.tenantId, input.name, id);
  const [after] = await uniqueOr409(() => tx.update(units).set({ ...definedOnly(input), ...unitContact(input) }).where(eq(units.id, id)).returning(), TAKEN);
  await writeAudit(tx, actor, { action: 'unit.update', entityType: 'unit', entityId: id, before, after });
  return after!;
}
