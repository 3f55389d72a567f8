import type { Executor } from '../db/client.js';
import { replies } from '../db/schema.js';
import type { ReplyBody } from '../../shared/schemas/handling.js';
import { RESULT_CLASSES } from '../../shared/domain.js';
import { chinaDay } from '../clock.js';
import { conflict, forbidden } from '../errors.js';
import type { Actor } from './actor.js';
import { notify, writeAudit } from './audit.js';
import { activeAssignments, actorAssignment, isLeadAssignment, repliedUnitIds, requireSigned, unitName } from './handling-common.js';
import { loadForAction, proposerUserIds, roleUserIds, updateProposal } from './proposal-access.js';
import { indexProposal } from '../search/index-proposals.js';
import { encryptField } from '../crypto/field-crypto.js';
import { cleanBody } from './rich-text.js';

/**
 * 答复: the lead unit's reply letter (or each 分办 unit's) with its result class. The proposal
 * is replied once the lead has answered, or in 分办 once every unit has answered this round.
 */
export async function replyProposal(tx: Executor, actor: Actor, id: number, input: ReplyBody, now: Date) {
  const p = await loadForAction(tx, actor, id, 'reply', input.version);
  const a = await actorAssignment(tx, actor, p);
  if (a.role === 'co') throw forbidden('会办单位请提交会办意见，由主办单位答复');
  requireSigned(a, '答复');
  const replied = await repliedUnitIds(tx, p);
  if (replied.has(a.unitId)) {
    throw conflict(p.replySequence === 1 ? '本单位已答复过此提案' : '本单位已提交重新办理后的答复', { sequence: p.replySequence });
  }
  const today = chinaDay(now);
  const [row] = await tx
    .insert(replies)
    .values({
      tenantId: actor.tenantId,
      proposalId: p.id,
      unitId: a.unitId,
      isLead: isLeadAssignment(a),
      sequence: p.replySequence,
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
      createdBy: actor.userId,
    })
    .returning();
  replied.add(a.unitId);
  await indexProposal(tx, p.id);
  const done =
    a.role === 'lead' ||
    (await activeAssignments(tx, p.id)).filter((x) => x.role === 'separate').every((x) => replied.has(x.unitId));
  const next = done ? await updateProposal(tx, p, 'reply', { status: 'replied', overdue: false, dueSoon: false }) : p;
  await writeAudit(tx, actor, {
    action: 'proposal.reply',
    entityType: 'reply',
    entityId: row!.id,
    proposalId: p.id,
    before: { status: p.status },
    after: { reply: row, status: next.status },
  });
  if (done) {
    await notify(tx, actor.tenantId, await proposerUserIds(tx, p.id), {
      kind: 'proposal.reply',
      message: `您的提案「${p.title}」已答复（${RESULT_CLASSES.labels[input.resultClass]}），请对办理工作进行测评`,
      proposalId: p.id,
    });
  }
  await notify(tx, actor.tenantId, await roleUserIds(tx, actor.tenantId, 'staff'), {
    kind: 'proposal.reply',
    message: `${await unitName(tx, a.unitId)}已答复提案「${p.title}」（${input.resultClass}类）${done ? '' : '，其他分办单位尚未答复'}`,
    proposalId: p.id,
  });
  return next;
}
