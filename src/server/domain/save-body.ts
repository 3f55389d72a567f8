import { and, eq, ne } from 'drizzle-orm';
import type { z } from 'zod';
import type { Executor } from '../db/client.js';
import { bodies } from '../db/schema.js';
import { conflict, notFound } from '../errors.js';
import type { createBodyBody, updateBodyBody } from '../../shared/schemas/admin.js';
import type { Actor } from './actor.js';
import { writeAudit } from './audit.js';
import { definedOnly, requireSomeChange, uniqueOr409 } from './admin-support.js';

const TAKEN = '同名团体已存在';

async function assertNameFree(tx: Executor, tenantId: number, name: string, exceptId?: number) {
  const [dup] = await tx
    .select({ id: bodies.id })
    .from(bodies)
    .where(and(eq(bodies.tenantId, tenantId), eq(bodies.name, name), exceptId ? ne(bodies.id, exceptId) : undefined));
  if (dup) throw conflict(TAKEN);
}

/** The 系统管理员 adds a proposing body: 党派团体, 界别活动组, 专门委员会 or 人民团体. */
export async function createBody(tx: Executor, actor: Actor, input: z.infer<typeof createBodyBody>) {
  await assertNameFree(tx, actor.tenantId, input.name);
  const [row] = await uniqueOr409(() => tx.insert(bodies).values({ ...input, tenantId: actor.tenantId }).returning(), TAKEN);
  await writeAudit(tx, actor, { action: 'body.create', entityType: 'body', entityId: row!.id, after: row });
  return row!;
}

export async function updateBody(tx: Executor, actor: Actor, id: number, input: z.infer<typeof updateBodyBody>) {
  requireSomeChange(input);
  const [before] = await tx.select().from(bodies).where(and(eq(bodies.id, id), eq(bodies.tenantId, actor.tenantId))).for('update');
  if (!before) throw notFound('团体');
  if (input.name !== undefined && input.name !== before.name) await assertNameFree(tx, actor.tenantId, input.name, id);
  const [after] = await uniqueOr409(() => tx.update(bodies).set(definedOnly(input)).where(eq(bodies.id, id)).returning(), TAKEN);
  await writeAudit(tx, actor, { action: 'body.update', entityType: 'body', entityId: id, before, after });
  return after!;
}
