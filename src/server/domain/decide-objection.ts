import { and, eq } from 'drizzle-orm';
import { chineseDate, englishDate } from '../../shared/dates.js';
import type { Executor } from '../db/client.js';
import { assignments } from '../db/schema.js';
import type { DecideObjectionBody } from '../../shared/schemas/handling.js';
import { ASSIGNMENT_STATUSES, UNIT_ROLES } from '../../shared/domain.js';
import { chinaDay } from '../clock.js';
import { conflict, invalid, notFound } from '../errors.js';
import type { Actor } from './actor.js';
import { notify, writeAudit } from './audit.js';
import { activeAssignments, answersWithReply, checkUnits, isLeadAssignment, unitName } from './handling-common.js';
import { loadForAction, unitUserIds, updateProposal } from './proposal-access.js';
import { enWords, words } from '../../shared/vocabulary.js';

/**
 * The office or committee decides a unit's request to be removed. Approved: the unit leaves,
 * optionally replaced by another unit in the same role (the lead must be replaced). Rejected:
 * the unit is back to 待签收 and must sign. The proposal is 办理中 only while a unit that
 * answers (主办 / 分办) has signed, so replacing the lead sends it back to 已交办待签收.
 */
export async function decideObjection(
  tx: Executor,
  actor: Actor,
  id: number,
  assignmentId: number,
  input: DecideObjectionBody,
  now: Date,
) {
  const p = await loadForAction(tx, actor, id, 'decide_objection', input.version);
  const [a] = await tx
    .select()
    .from(assignments)
    .where(and(eq(assignments.id, assignmentId), eq(assignments.proposalId, p.id)));
  if (!a) throw notFound('交办记录');
  if (a.status !== 'objected') {
    throw conflict(`该单位的交办状态为「${ASSIGNMENT_STATUSES.labels[a.status]}」，没有待审定的调整申请`, { assignmentStatus: a.status });
  }
  const decided = { decision: input.decision, decisionComment: input.comment, decidedBy: actor.userId, decidedAt: now, version: a.version + 1 };
  let replacement: typeof a | null = null;
  let after: typeof a;
  if (input.decision === 'rejected') {
    if (input.replacementUnitId !== undefined) throw invalid('body.replacementUnitId', '不同意调整时不能指定新的承办单位');
    [after] = await tx
      .update(assignments)
      .set({ ...decided, status: 'pending', signedAt: null, signedBy: null })
      .where(eq(assignments.id, a.id))
      .returning() as [typeof a];
  } else {
    // The lead (主办, or the first 分办 unit that the figures count as lead) cannot just vanish.
    if (input.replacementUnitId === undefined && isLeadAssignment(a)) {
      throw invalid('body.replacementUnitId', '调整主办单位须指定新的主办单位');
    }
    [after] = await tx.update(assignments).set({ ...decided, status: 'removed' }).where(eq(assignments.id, a.id)).returning() as [typeof a];
    if (input.replacementUnitId !== undefined) {
      await checkUnits(tx, actor.tenantId, [{ path: 'body.replacementUnitId', ids: [input.replacementUnitId] }]);
      const others = await activeAssignments(tx, p.id);
      if (others.some((o) => o.unitId === input.replacementUnitId)) throw invalid('body.replacementUnitId', '该单位已承办此提案');
      [replacement] = await tx
        .insert(assignments)
        .values({
          tenantId: actor.tenantId,
          proposalId: p.id,
          unitId: input.replacementUnitId,
          role: a.role,
          position: a.position,
          status: 'pending',
          assignedAt: chinaDay(now),
        })
        .returning() as [typeof a];
    }
  }
  const active = await activeAssignments(tx, p.id);
  const status = active.some((x) => answersWithReply(x) && x.status === 'signed') ? 'handling' : 'assigned';
  const next = await updateProposal(tx, p, 'decide_objection', { status });
  await writeAudit(tx, actor, {
    action: 'assignment.decide_objection',
    entityType: 'assignment',
    entityId: a.id,
    proposalId: p.id,
    before: { assignment: a, status: p.status },
    after: { assignment: after, replacement, status: next.status },
  });
  const verdict = input.decision === 'approved' ? '同意调整' : '不同意调整，请签收办理';
  await notify(tx, actor.tenantId, await unitUserIds(tx, actor.tenantId, [a.unitId]), {
    kind: 'assignment.decide_objection',
    message: words(p.kind)`贵单位关于提案「${p.title}」的调整申请已审定：${verdict}。${input.comment}`,
    messageEn: enWords(p.kind)`Your unit's change request on proposal “${p.title}” was decided: ${input.decision === 'approved' ? 'approved' : 'refused; please sign for it and handle it'}.${input.comment ? ` “${input.comment}”` : ''}`,
    proposalId: p.id,
  });
  if (replacement) {
    await notify(tx, actor.tenantId, await unitUserIds(tx, actor.tenantId, [replacement.unitId]), {
      kind: 'proposal.assign',
      message: words(p.kind)`提案「${p.title}」经调整改由贵单位${UNIT_ROLES.labels[replacement.role]}（原${await unitName(tx, a.unitId)}），请及时签收，答复期限${chineseDate(p.deadline!)}`,
      messageEn: enWords(p.kind)`After a change, proposal “${p.title}” goes to your unit (${UNIT_ROLES.en[replacement.role]}, instead of ${await unitName(tx, a.unitId)}); please sign for it. Reply by ${englishDate(p.deadline!)}`,
      proposalId: p.id,
    });
  }
  return next;
}
