import { and, desc, eq } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { evaluations, replies } from '../db/schema.js';
import type { EvaluationBody } from '../../shared/schemas/handling.js';
import { SATISFACTION } from '../../shared/domain.js';
import { chinaDay } from '../clock.js';
import { loadCalendar, monthsDeadline } from '../calendar/working-days.js';
import type { Actor } from './actor.js';
import { notify, writeAudit } from './audit.js';
import { activeAssignments, isLeadAssignment, sessionOf } from './handling-common.js';
import { requireLeadProposer } from './proposer-relation.js';
import { loadForAction, staffUserIds, unitUserIds, updateProposal } from './proposal-access.js';
import { words } from '../../shared/vocabulary.js';

/**
 * 测评: the lead proposer rates attitude and result. A first 不满意 sends the proposal back for
 * 重新办理 with a new deadline; otherwise it is followed up (B-class or key proposals) or closed.
 * A second 不满意 does not loop: it goes on like any other, and the committee is told.
 */
export async function evaluateReply(tx: Executor, actor: Actor, id: number, input: EvaluationBody, now: Date) {
  const p = await loadForAction(tx, actor, id, 'evaluate', input.version);
  await requireLeadProposer(tx, actor, p, '对办理情况进行测评');

  const [evaluation] = await tx
    .insert(evaluations)
    .values({
      tenantId: actor.tenantId,
      proposalId: p.id,
      sequence: p.replySequence,
      attitude: input.attitude,
      result: input.result,
      comment: input.comment || null,
      evaluatedBy: actor.userId,
    })
    .returning();
  const unsatisfied = input.attitude === 'unsatisfied' || input.result === 'unsatisfied';
  const units = await activeAssignments(tx, p.id);
  const unitUsers = await unitUserIds(tx, actor.tenantId, units.map((a) => a.unitId));
  const staff = await staffUserIds(tx, actor.tenantId, p.kind);
  const rating = `办理态度${SATISFACTION.labels[input.attitude]}、办理结果${SATISFACTION.labels[input.result]}`;

  let next;
  if (unsatisfied && p.replySequence === 1) {
    const session = await sessionOf(tx, p);
    const cal = await loadCalendar(tx, actor.tenantId);
    next = await updateProposal(tx, p, 'evaluate', {
      status: 'rehandling',
      evaluationOverdue: false,
      replySequence: 2,
      deadline: monthsDeadline(chinaDay(now), session.rehandlingMonths, cal),
      overdue: false,
      dueSoon: false,
    });
    await notify(tx, actor.tenantId, [...unitUsers, ...staff], {
      kind: 'proposal.rehandling',
      message: words(p.kind)`提案「${p.title}」测评为不满意（${rating}），请重新办理，期限${next.deadline}。意见：${input.comment}`,
      proposalId: p.id,
    });
  } else {
    const [latest] = await tx
      .select({ resultClass: replies.resultClass })
      .from(replies)
      .where(and(eq(replies.proposalId, p.id), eq(replies.isLead, true)))
      .orderBy(desc(replies.sequence))
      .limit(1);
    const followUp = latest?.resultClass === 'B' || p.isKey;
    next = await updateProposal(tx, p, 'evaluate', { evaluationOverdue: false, ...(followUp ? { status: 'following_up' as const } : { status: 'closed' as const, closedAt: now }) });
    const leadUnits = units.filter(isLeadAssignment).map((a) => a.unitId);
    const what = followUp ? '转入跟踪落实，请主办单位定期报送落实情况' : '已办结';
    await notify(tx, actor.tenantId, [...(followUp ? await unitUserIds(tx, actor.tenantId, leadUnits) : []), ...staff], {
      kind: unsatisfied ? 'proposal.unsatisfied_again' : 'proposal.evaluate',
      message: unsatisfied
        ? words(p.kind)`提案「${p.title}」重新办理后测评仍为不满意（${rating}），${what}。意见：${input.comment}`
        : words(p.kind)`提案「${p.title}」测评结果：${rating}，${what}`,
      proposalId: p.id,
    });
  }
  await writeAudit(tx, actor, {
    action: 'proposal.evaluate',
    entityType: 'proposal',
    entityId: p.id,
    proposalId: p.id,
    before: p,
    after: { ...next, evaluation },
  });
  return next;
}
