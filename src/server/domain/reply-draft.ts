import { and, eq } from 'drizzle-orm';
import sanitizeHtml from 'sanitize-html';
import type { Executor } from '../db/client.js';
import { replyDrafts, users } from '../db/schema.js';
import { conflict, forbidden, staleVersion } from '../errors.js';
import { canTake } from '../../shared/lifecycle.js';
import { looksLikeHtml, RICH_TEXT_TAGS } from '../../shared/rich-text.js';
import type { ReplyDraft, ReplyDraftBody } from '../../shared/schemas/handling-aids.js';
import type { Actor } from './actor.js';
import { writeAudit } from './audit.js';
import { actorAssignment, answersWithReply, type AssignmentRow } from './handling-common.js';
import { getVisibleProposal, type ProposalRow } from './proposal-access.js';
import { decryptField, encryptField } from '../crypto/field-crypto.js';

// 答复草稿 on the server: the reply a unit is writing, one per assignment, so that it survives a
// reload, another browser or a colleague of the same unit. The editor saves it (debounced) while
// typing; sending the reply deletes it (reply-proposal.ts).

type Row = typeof replyDrafts.$inferSelect;

/** The acting unit's assignment that answers with a reply letter (主办 or 分办); 会办 units write opinions. */
async function replyingAssignment(tx: Executor, actor: Actor, p: ProposalRow): Promise<AssignmentRow> {
  const a = await actorAssignment(tx, actor, p);
  if (!answersWithReply(a)) throw forbidden('会办单位请提交会办意见，由主办单位答复');
  return a;
}

/** A half-written body is kept as typed, but an HTML one only with the allowed tags (it is shown again in the editor). */
function cleanDraftBody(body: string): string {
  return looksLikeHtml(body) ? sanitizeHtml(body, { allowedTags: [...RICH_TEXT_TAGS], allowedAttributes: {}, disallowedTagsMode: 'discard' }) : body;
}

async function present(tx: Executor, r: Row): Promise<ReplyDraft> {
  const [u] = await tx.select({ name: users.displayName }).from(users).where(eq(users.id, r.updatedBy));
  return {
    resultClass: r.resultClass ?? null,
    body: r.body,
    disclosure: r.disclosure ?? null,
    documentNo: r.documentNo,
    contactPerson: decryptField(r.contactPerson),
    signerName: r.signerName,
    version: r.version,
    updatedAt: r.updatedAt.toISOString(),
    updatedByName: u?.name ?? '',
  };
}

export async function readReplyDraft(tx: Executor, actor: Actor, proposalId: number): Promise<ReplyDraft | null> {
  const p = await getVisibleProposal(tx, actor, proposalId);
  const a = await replyingAssignment(tx, actor, p);
  const [row] = await tx.select().from(replyDrafts).where(and(eq(replyDrafts.assignmentId, a.id), eq(replyDrafts.tenantId, actor.tenantId)));
  return row ? present(tx, row) : null;
}

/**
 * Saves the draft. `version` is the draft's version the editor last saw: a draft saved meanwhile
 * elsewhere is not overwritten (409), and the first save must not find one already there.
 */
export async function saveReplyDraft(tx: Executor, actor: Actor, proposalId: number, input: ReplyDraftBody, now: Date): Promise<ReplyDraft> {
  const p = await getVisibleProposal(tx, actor, proposalId);
  if (!canTake('reply', p.status, actor.roles)) throw conflict('此提案当前不需要答复，草稿未保存', { status: p.status });
  const a = await replyingAssignment(tx, actor, p);
  const [before] = await tx.select().from(replyDrafts).where(eq(replyDrafts.assignmentId, a.id)).for('update');
  if ((before?.version ?? undefined) !== input.version) throw staleVersion();
  const values = {
    resultClass: input.resultClass ?? null,
    body: cleanDraftBody(input.body),
    disclosure: input.disclosure ?? null,
    documentNo: input.documentNo || null,
    contactPerson: encryptField(input.contactPerson || null),
    signerName: input.signerName || null,
    updatedBy: actor.userId,
    updatedAt: now,
  };
  const [row] = before
    ? await tx.update(replyDrafts).set({ ...values, version: before.version + 1 }).where(eq(replyDrafts.id, before.id)).returning()
    : await tx.insert(replyDrafts).values({ ...values, tenantId: actor.tenantId, assignmentId: a.id, proposalId: p.id, unitId: a.unitId }).returning();
  // The text itself goes to the log with the reply when it is sent; an autosave records that it happened.
  await writeAudit(tx, actor, {
    action: 'reply_draft.save',
    entityType: 'reply_draft',
    entityId: row!.id,
    proposalId: p.id,
    after: { version: row!.version, assignmentId: a.id, bodyLength: row!.body.length, resultClass: row!.resultClass },
  });
  return present(tx, row!);
}

/** Sending the reply ends the draft (in the reply's transaction). */
export async function clearReplyDraft(tx: Executor, assignmentId: number): Promise<void> {
  await tx.delete(replyDrafts).where(eq(replyDrafts.assignmentId, assignmentId));
}
