import { and, asc, count, eq, ne } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { replyTemplates } from '../db/schema.js';
import { conflict, forbidden, notFound, staleVersion } from '../errors.js';
import { MAX_TEMPLATES_PER_UNIT, type ReplyTemplate, type ReplyTemplateBody, type UpdateReplyTemplateBody } from '../../shared/schemas/handling-aids.js';
import type { Actor } from './actor.js';
import { writeAudit } from './audit.js';
import { requireSomeChange, uniqueOr409 } from './admin-support.js';
import { cleanBody } from './rich-text.js';

// 答复模板: a handling unit's own named reply texts, kept by the unit's users and inserted into the
// reply editor. Another unit's templates are invisible (404), like another tenant's.

type Row = typeof replyTemplates.$inferSelect;
const TAKEN = '本单位已有同名模板';

const out = (r: Row): ReplyTemplate => ({ id: r.id, name: r.name, body: r.body, version: r.version, updatedAt: r.updatedAt.toISOString() });

function unitOf(actor: Actor): number {
  if (!actor.unitId) throw forbidden('当前账户未关联承办单位');
  return actor.unitId;
}

export async function listReplyTemplates(db: Executor, actor: Actor): Promise<ReplyTemplate[]> {
  const unitId = unitOf(actor);
  const rows = await db
    .select()
    .from(replyTemplates)
    .where(and(eq(replyTemplates.tenantId, actor.tenantId), eq(replyTemplates.unitId, unitId)))
    .orderBy(asc(replyTemplates.name), asc(replyTemplates.id));
  return rows.map(out);
}

async function mine(tx: Executor, actor: Actor, id: number): Promise<Row> {
  const [row] = await tx
    .select()
    .from(replyTemplates)
    .where(and(eq(replyTemplates.id, id), eq(replyTemplates.tenantId, actor.tenantId), eq(replyTemplates.unitId, unitOf(actor))))
    .for('update');
  if (!row) throw notFound('答复模板');
  return row;
}

async function assertFreeName(tx: Executor, actor: Actor, name: string, exceptId?: number) {
  const [dup] = await tx
    .select({ id: replyTemplates.id })
    .from(replyTemplates)
    .where(and(eq(replyTemplates.unitId, unitOf(actor)), eq(replyTemplates.name, name), exceptId ? ne(replyTemplates.id, exceptId) : undefined));
  if (dup) throw conflict(TAKEN);
}

export async function createReplyTemplate(tx: Executor, actor: Actor, input: ReplyTemplateBody): Promise<ReplyTemplate> {
  const unitId = unitOf(actor);
  const [n] = await tx.select({ n: count() }).from(replyTemplates).where(eq(replyTemplates.unitId, unitId));
  if ((n?.n ?? 0) >= MAX_TEMPLATES_PER_UNIT) throw conflict(`每个单位最多保存${MAX_TEMPLATES_PER_UNIT}个答复模板，请先删除不用的模板`);
  await assertFreeName(tx, actor, input.name);
  const body = cleanBody(input.body, 'body.body');
  const [row] = await uniqueOr409(
    () => tx.insert(replyTemplates).values({ tenantId: actor.tenantId, unitId, name: input.name, body, createdBy: actor.userId }).returning(),
    TAKEN,
  );
  await writeAudit(tx, actor, { action: 'reply_template.create', entityType: 'reply_template', entityId: row!.id, after: row });
  return out(row!);
}

export async function updateReplyTemplate(tx: Executor, actor: Actor, id: number, input: UpdateReplyTemplateBody): Promise<ReplyTemplate> {
  requireSomeChange(input);
  const before = await mine(tx, actor, id);
  if (before.version !== input.version) throw staleVersion();
  if (input.name !== undefined && input.name !== before.name) await assertFreeName(tx, actor, input.name, id);
  const changes = {
    ...(input.name !== undefined ? { name: input.name } : {}),
    ...(input.body !== undefined ? { body: cleanBody(input.body, 'body.body') } : {}),
  };
  const [row] = await uniqueOr409(
    () => tx.update(replyTemplates).set({ ...changes, version: before.version + 1, updatedAt: new Date() }).where(eq(replyTemplates.id, id)).returning(),
    TAKEN,
  );
  await writeAudit(tx, actor, { action: 'reply_template.update', entityType: 'reply_template', entityId: id, before, after: row });
  return out(row!);
}

export async function deleteReplyTemplate(tx: Executor, actor: Actor, id: number): Promise<void> {
  const before = await mine(tx, actor, id);
  await tx.delete(replyTemplates).where(eq(replyTemplates.id, id));
  await writeAudit(tx, actor, { action: 'reply_template.delete', entityType: 'reply_template', entityId: id, before });
}
