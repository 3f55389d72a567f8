import { and, eq, ne, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { sessions } from '../db/schema.js';
import { AppError, conflict, notFound, staleVersion } from '../errors.js';
import type { FieldIssue } from '../../shared/errors.js';
import type { CreateSessionBody, UpdateSessionBody } from '../../shared/schemas/admin.js';
import type { Actor } from './actor.js';
import { writeAudit } from './audit.js';
import { definedOnly, requireSomeChange, uniqueOr409 } from './admin-support.js';

type SessionRow = typeof sessions.$inferSelect;
type Settings = Pick<SessionRow, 'kind' | 'term' | 'meeting' | 'year' | 'plenaryStart' | 'plenaryEnd' | 'replyMonths' | 'replyMaxMonths'>;

const TAKEN = '该届次会议已存在';

/** Rules across fields, checked on the merged record so that a PATCH of one field cannot break them. */
function checkSettings(s: Settings) {
  const issues: FieldIssue[] = [];
  if (s.replyMaxMonths < s.replyMonths) issues.push({ path: 'body.replyMaxMonths', message: '最长办理期限不能短于办理期限' });
  if (s.plenaryStart && !s.plenaryStart.startsWith(`${s.year}-`)) issues.push({ path: 'body.plenaryStart', message: `大会开幕日期应在${s.year}年内` });
  if (s.plenaryStart && s.plenaryEnd && s.plenaryEnd < s.plenaryStart) issues.push({ path: 'body.plenaryEnd', message: '大会闭幕日期不能早于开幕日期' });
  if (s.plenaryEnd && !s.plenaryStart) issues.push({ path: 'body.plenaryStart', message: '请先填写大会开幕日期' });
  if (issues.length) throw new AppError('VALIDATION_FAILED', issues.map((i) => i.message).join('；'), issues);
}

async function assertFree(tx: Executor, tenantId: number, s: Settings, exceptId?: number) {
  const [dup] = await tx
    .select({ id: sessions.id })
    .from(sessions)
    .where(
      and(
        eq(sessions.tenantId, tenantId),
        eq(sessions.kind, s.kind),
        eq(sessions.term, s.term),
        eq(sessions.meeting, s.meeting),
        exceptId ? ne(sessions.id, exceptId) : undefined,
      ),
    );
  if (dup) throw conflict(TAKEN);
}

/** Only one session per kind is current: new submissions default to it. Returns the ids demoted. */
async function demoteOthers(tx: Executor, tenantId: number, kind: SessionRow['kind'], keepId: number) {
  const rows = await tx
    .update(sessions)
    .set({ isCurrent: false, version: sql`${sessions.version} + 1` })
    .where(and(eq(sessions.tenantId, tenantId), eq(sessions.kind, kind), eq(sessions.isCurrent, true), ne(sessions.id, keepId)))
    .returning({ id: sessions.id });
  return rows.map((r) => r.id);
}

/** The 系统管理员 opens a session (届次会议) with its deadline settings. */
export async function createSession(tx: Executor, actor: Actor, input: CreateSessionBody) {
  const values = { ...input, plenaryStart: input.plenaryStart ?? null, plenaryEnd: input.plenaryEnd ?? null };
  checkSettings(values);
  await assertFree(tx, actor.tenantId, values);
  const [row] = await uniqueOr409(() => tx.insert(sessions).values({ ...values, tenantId: actor.tenantId }).returning(), TAKEN);
  const demoted = row!.isCurrent ? await demoteOthers(tx, actor.tenantId, row!.kind, row!.id) : [];
  await writeAudit(tx, actor, { action: 'session.create', entityType: 'session', entityId: row!.id, after: { ...row, demoted } });
  return row!;
}

/**
 * Changes a session's name or deadline settings. Deadlines already set on proposals stay as
 * they are; the new settings apply to the next assignment, re-handling or evaluation.
 */
export async function updateSession(tx: Executor, actor: Actor, id: number, input: UpdateSessionBody) {
  requireSomeChange(input);
  const [before] = await tx.select().from(sessions).where(and(eq(sessions.id, id), eq(sessions.tenantId, actor.tenantId))).for('update');
  if (!before) throw notFound('届次会议');
  if (before.version !== input.version) throw staleVersion();
  const { version: _v, ...changes } = definedOnly(input);
  const merged = { ...before, ...changes };
  checkSettings(merged);
  if (merged.term !== before.term || merged.meeting !== before.meeting) await assertFree(tx, actor.tenantId, merged, id);
  const [after] = await uniqueOr409(
    () => tx.update(sessions).set({ ...changes, version: before.version + 1 }).where(eq(sessions.id, id)).returning(),
    TAKEN,
  );
  const demoted = after!.isCurrent && !before.isCurrent ? await demoteOthers(tx, actor.tenantId, after!.kind, id) : [];
  await writeAudit(tx, actor, { action: 'session.update', entityType: 'session', entityId: id, before, after: { ...after, demoted } });
  return after!;
}
