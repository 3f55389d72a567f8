import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { replies } from '../db/schema.js';
import type { ReplyBody } from '../../shared/schemas/handling.js';
import { RESULT_CLASSES } from '../../shared/domain.js';
import { chinaDay } from '../clock.js';
import { conflict, forbidden } from '../errors.js';
import type { Actor } from './actor.js';
import { notify, writeAudit } from './audit.js';
import { activeAssignments, actorAssignment, isLeadAssignment, requireSigned, sessionOf, unitName } from './handling-common.js';
import { requireCoOpinions } from './co-opinion-status.js';
import { loadForAction, proposerUserIds, roleUserIds, staffUserIds, updateProposal, type ProposalRow } from './proposal-access.js';
import { indexProposal } from '../search/index-proposals.js';
import { encryptField } from '../crypto/field-crypto.js';
import { cleanBody } from './rich-text.js';
import { enWords, words } from '../../shared/vocabulary.js';
import { clearReplyDraft } from './reply-draft.js';

type ReplyRow = typeof replies.$inferSelect;

/** The replies of the proposal's current round, by unit. */
export async function roundReplies(tx: Executor, p: ProposalRow): Promise<Map<number, ReplyRow>> {
  const rows = await tx.select().from(replies).where(and(eq(replies.proposalId, p.id), eq(replies.sequence, p.replySequence)));
  return new Map(rows.map((r) => [r.unitId, r]));
}

/**
 * Whether every unit that answers in this round has a reply in that is not returned: the lead
 * unit's, or in 分办 each unit's that handles this round (in re-handling only the units the
 * proposer sent back).
 */
export async function roundComplete(tx: Executor, p: ProposalRow, byUnit: Map<number, ReplyRow>): Promise<boolean> {
  const answering = (await activeAssignments(tx, p.id)).filter((a) => (a.role === 'lead' || a.role === 'separate') && a.round === p.replySequence);
  const lead = answering.find((a) => a.role === 'lead');
  const due = lead ? [lead] : answering;
  return due.length > 0 && due.every((a) => {
    const r = byUnit.get(a.unitId);
    return r !== undefined && r.status !== 'returned';
  });
}

/**
 * 答复: the lead unit's reply letter (or each 分办 unit's) with its result class. The lead unit
 * replies only once every co-unit has given its opinion or let its window pass (409 naming the
 * missing units and the window's end). The proposal is replied once the lead has answered, or in
 * 分办 once every unit of the round has. With 答复审核 on (the session's reply_review) the reply
 * waits for staff or the office (reply_review) instead of reaching the proposer; a reply they
 * returned is edited and sent again through this same call.
 */
export async function replyProposal(tx: Executor, actor: Actor, id: number, input: ReplyBody, now: Date) {
  const p = await loadForAction(tx, actor, id, 'reply', input.version);
  const a = await actorAssignment(tx, actor, p);
  if (a.role === 'co') throw forbidden('会办单位请提交会办意见，由主办单位答复');
  requireSigned(a, '答复');
  if (a.round !== p.replySequence) {
    throw conflict('提案人对本单位的办理测评为满意或基本满意，本单位无需重新办理', { round: a.round, sequence: p.replySequence });
  }
  const byUnit = await roundReplies(tx, p);
  const existing = byUnit.get(a.unitId);
  if (existing && existing.status !== 'returned') {
    throw conflict(
      existing.status === 'pending_review' ? '本单位的答复正在审核中' : p.replySequence === 1 ? '本单位已答复过此提案' : '本单位已提交重新办理后的答复',
      { sequence: p.replySequence },
    );
  }
  const today = chinaDay(now);
  if (a.role === 'lead') await requireCoOpinions(tx, p, today);
  const session = await sessionOf(tx, p);
  const review = session.replyReview;
  const values = {
    resultClass: input.resultClass,
    // Sanitised on the way in like a proposal body: the reply is shown as rich text and published.
    body: cleanBody(input.body),
    disclosure: input.disclosure,
    documentNo: input.documentNo || null,
    contactPerson: encryptField(input.contactPerson || null),
    signerName: input.signerName,
    signedAt: now,
    dueDate: p.deadline ?? today,
    replyDate: today,
    status: review ? ('pending_review' as const) : ('sent' as const),
  };
  // A returned reply is edited in place: one letter per unit and round, its history in the audit log.
  const [row] = existing
    ? await tx.update(replies).set(values).where(eq(replies.id, existing.id)).returning()
    : await tx
        .insert(replies)
        .values({ ...values, tenantId: actor.tenantId, proposalId: p.id, unitId: a.unitId, isLead: isLeadAssignment(a), sequence: p.replySequence, createdBy: actor.userId })
        .returning();
  byUnit.set(a.unitId, row!);
  // The server-side draft has become the reply.
  await clearReplyDraft(tx, a.id);
  const done = await roundComplete(tx, p, byUnit);
  if (!review) {
    // 答复审核 was switched off while other replies of the round still waited for it: they go out with this one.
    const waiting = [...byUnit.values()].filter((r) => r.status === 'pending_review');
    if (done && waiting.length) await tx.update(replies).set({ status: 'sent' }).where(inArray(replies.id, waiting.map((r) => r.id)));
    await indexProposal(tx, p.id);
  }
  const next = done ? await updateProposal(tx, p, 'reply', { status: review ? 'reply_review' : 'replied', overdue: false, dueSoon: false }) : p;
  await writeAudit(tx, actor, {
    action: existing ? 'proposal.reply_resend' : 'proposal.reply',
    entityType: 'reply',
    entityId: row!.id,
    proposalId: p.id,
    before: { status: p.status, ...(existing ? { reply: existing } : {}) },
    after: { reply: row, status: next.status },
  });
  const unit = await unitName(tx, a.unitId);
  if (done && !review) {
    await notify(tx, actor.tenantId, await proposerUserIds(tx, p.id), {
      kind: 'proposal.reply',
      message: words(p.kind)`您的提案「${p.title}」已答复（${RESULT_CLASSES.labels[input.resultClass]}），请对办理工作进行测评`,
      messageEn: enWords(p.kind)`Your proposal “${p.title}” has been replied to (${RESULT_CLASSES.en[input.resultClass]}); please evaluate the handling`,
      proposalId: p.id,
    });
  }
  const staff = await staffUserIds(tx, actor.tenantId, p.kind);
  if (review) {
    await notify(tx, actor.tenantId, [...staff, ...(await roleUserIds(tx, actor.tenantId, 'office'))], {
      kind: 'proposal.reply_review',
      message: words(p.kind)`${unit}${existing ? '已修改并重新提交' : '已提交'}提案「${p.title}」的答复（${input.resultClass}类），${done ? '请审核' : '其他分办单位尚未答复'}`,
      messageEn: enWords(p.kind)`${unit} ${existing ? 'revised and sent again' : 'sent'} the reply to proposal “${p.title}” (class ${input.resultClass}); ${done ? 'please review it' : 'other separate units have not replied yet'}`,
      proposalId: p.id,
    });
  } else {
    await notify(tx, actor.tenantId, staff, {
      kind: 'proposal.reply',
      message: words(p.kind)`${unit}已答复提案「${p.title}」（${input.resultClass}类）${done ? '' : '，其他分办单位尚未答复'}`,
      messageEn: enWords(p.kind)`${unit} replied to proposal “${p.title}” (class ${input.resultClass})${done ? '' : '; other separate units have not replied yet'}`,
      proposalId: p.id,
    });
  }
  return next;
}
