import { and, desc, eq } from 'drizzle-orm';
import { englishDate } from '../../shared/dates.js';
import type { Executor } from '../db/client.js';
import { assignments, bodies, evaluations, members, replies } from '../db/schema.js';
import type { EvaluationBody, UnitRating } from '../../shared/schemas/handling.js';
import { CO_REOPINION_WORKING_DAYS, SATISFACTION, UNIT_ROLES } from '../../shared/domain.js';
import { chinaDay } from '../clock.js';
import { loadCalendar, monthsDeadline } from '../calendar/working-days.js';
import { formatDay } from '../tasks/format-day.js';
import { forbidden, invalid } from '../errors.js';
import { hasRole, type Actor } from './actor.js';
import { notify, writeAudit } from './audit.js';
import { enWords, words } from '../../shared/vocabulary.js';
import { activeAssignments, isLeadAssignment, sessionOf, unitName, type AssignmentRow } from './handling-common.js';
import { isLeadProposer, proposerRows, userIdsOfRows, type ProposerRow } from './proposer-relation.js';
import { loadForAction, proposerUserIds, unitUserIds, staffUserIds, updateProposal, type ProposalRow } from './proposal-access.js';

const unsatisfied = (r: Pick<UnitRating, 'attitude' | 'result'>) => r.attitude === 'unsatisfied' || r.result === 'unsatisfied';
const ratingText = (r: Pick<UnitRating, 'attitude' | 'result'>) => `办理态度${SATISFACTION.labels[r.attitude]}、办理结果${SATISFACTION.labels[r.result]}`;
const ratingTextEn = (r: Pick<UnitRating, 'attitude' | 'result'>) => `attitude ${SATISFACTION.en[r.attitude].toLowerCase()}, result ${SATISFACTION.en[r.result].toLowerCase()}`;

/** Who evaluates: the lead proposer, or staff entering the lead proposer's paper evaluation (代录). */
async function evaluatorOf(tx: Executor, actor: Actor, p: ProposalRow) {
  const rows = await proposerRows(tx, p.id);
  const lead = rows.find((r) => r.position === 0);
  if (isLeadProposer(actor, p, rows)) return { evaluatedBy: actor.userId as number | null, recordedBy: null, lead };
  if (!hasRole(actor, 'staff')) throw forbidden('只有第一提案人可以对办理情况进行测评');
  // 代录: the evaluation is the lead proposer's, entered from the paper form by staff.
  const [userId] = lead ? await userIdsOfRows(tx, p.tenantId, [lead]) : [];
  return { evaluatedBy: userId ?? null, recordedBy: actor.userId, lead };
}

async function proposerName(tx: Executor, lead: ProposerRow | undefined): Promise<string> {
  if (lead?.memberId) return (await tx.select({ n: members.name }).from(members).where(eq(members.id, lead.memberId)))[0]?.n ?? '提案人';
  if (lead?.bodyId) return (await tx.select({ n: bodies.name }).from(bodies).where(eq(bodies.id, lead.bodyId)))[0]?.n ?? '提案人';
  return '提案人';
}

/** The units the proposer rates in this round: all of them at first; in re-handling those sent back. */
function unitsToRate(units: AssignmentRow[], round: number): AssignmentRow[] {
  const order = (a: AssignmentRow) => (a.role === 'lead' ? 0 : a.role === 'separate' ? 1 : 2);
  return units.filter((a) => a.round === round).sort((x, y) => order(x) - order(y) || x.position - y.position || x.id - y.id);
}

/**
 * 测评, per unit: the lead proposer rates the lead unit and each co-unit (会办), or each 分办 unit,
 * on its own (attitude and result). In the first round:
 * - 不满意 with the lead unit sends it back for 重新办理 with a new deadline (the session's
 *   rehandling_months), together with the co-units the proposer names and every co-unit it rated
 *   不满意; those co-units owe a new 会办意见 before the lead's second reply.
 * - 不满意 with a 分办 unit sends that unit back on its own; the others' replies stand.
 * - 不满意 only with a co-unit does not send the lead back: the proposal goes on (follow-up or
 *   closed, by the lead's reply), and the co-unit is asked for a new opinion within
 *   CO_REOPINION_WORKING_DAYS working days; it is kept and shown with the proposal, and the rating
 *   stands in that unit's league-table 满意率.
 * In the second round 不满意 does not loop: the proposal goes on and the committee is told.
 * Staff may enter a paper evaluation on the lead proposer's behalf (代录: recorded_by = staff).
 */
export async function evaluateReply(tx: Executor, actor: Actor, id: number, input: EvaluationBody, now: Date) {
  const p = await loadForAction(tx, actor, id, 'evaluate', input.version);
  const who = await evaluatorOf(tx, actor, p);
  const units = await activeAssignments(tx, p.id);
  const toRate = unitsToRate(units, p.replySequence);
  const names = new Map<number, string>();
  for (const a of units) names.set(a.unitId, await unitName(tx, a.unitId));

  // One rating per unit of the round, named by unit; the older shape rates them all alike.
  const ratings: UnitRating[] = input.ratings ?? toRate.map((a) => ({ unitId: a.unitId, attitude: input.attitude!, result: input.result!, comment: input.comment }));
  ratings.forEach((r, i) => {
    if (!toRate.some((a) => a.unitId === r.unitId)) throw invalid(`body.ratings.${i}.unitId`, '该单位不是本轮须测评的承办单位');
  });
  const missing = toRate.filter((a) => !ratings.some((r) => r.unitId === a.unitId));
  if (missing.length) throw invalid('body.ratings', `请对${missing.map((a) => names.get(a.unitId)).join('、')}的办理情况进行测评`);
  const ratingOf = (unitId: number) => ratings.find((r) => r.unitId === unitId)!;

  const firstRound = p.replySequence === 1;
  const leadUnit = toRate.find((a) => a.role === 'lead');
  const leadUnsatisfied = leadUnit !== undefined && unsatisfied(ratingOf(leadUnit.unitId));
  input.resendCoUnitIds.forEach((unitId, i) => {
    if (!units.some((a) => a.unitId === unitId && a.role === 'co')) throw invalid(`body.resendCoUnitIds.${i}`, '该单位不是本提案的会办单位');
    if (!firstRound || !leadUnsatisfied) throw invalid(`body.resendCoUnitIds.${i}`, '只有主办单位首次测评为不满意时，才能指定会办单位参与重新办理');
  });

  const rows = await tx
    .insert(evaluations)
    .values(
      toRate.map((a) => {
        const r = ratingOf(a.unitId);
        return {
          tenantId: actor.tenantId,
          proposalId: p.id,
          unitId: a.unitId,
          sequence: p.replySequence,
          attitude: r.attitude,
          result: r.result,
          comment: r.comment || null,
          evaluatedBy: who.evaluatedBy,
          recordedBy: who.recordedBy,
        };
      }),
    )
    .returning();

  const today = chinaDay(now);
  const unhappy = toRate.filter((a) => unsatisfied(ratingOf(a.unitId)));
  const answeringBack = firstRound ? unhappy.filter((a) => a.role !== 'co') : [];
  const coBack = firstRound
    ? units.filter((a) => a.role === 'co' && (unhappy.includes(a) || (leadUnsatisfied && input.resendCoUnitIds.includes(a.unitId))))
    : [];
  const sendBack = [...answeringBack, ...coBack];
  for (const a of sendBack) {
    await tx.update(assignments).set({ round: a.round + 1, roundFrom: today, version: a.version + 1 }).where(eq(assignments.id, a.id));
  }
  const staff = await staffUserIds(tx, actor.tenantId, p.kind);
  const label = (a: AssignmentRow) => `${UNIT_ROLES.labels[a.role]}单位${names.get(a.unitId)}`;
  const summary = toRate.map((a) => `${label(a)}：${ratingText(ratingOf(a.unitId))}`).join('；');
  const summaryEn = toRate.map((a) => `${UNIT_ROLES.en[a.role]} unit ${names.get(a.unitId)}: ${ratingTextEn(ratingOf(a.unitId))}`).join('; ');
  const opinions = unhappy.map((a) => ratingOf(a.unitId).comment).filter(Boolean).join('；');
  const opinionsEn = opinions ? ` Opinions: “${opinions}”` : '';

  let next;
  if (answeringBack.length) {
    const session = await sessionOf(tx, p);
    const cal = await loadCalendar(tx, actor.tenantId);
    next = await updateProposal(tx, p, 'evaluate', {
      status: 'rehandling',
      evaluationOverdue: false,
      replySequence: 2,
      deadline: monthsDeadline(today, session.rehandlingMonths, cal),
      overdue: false,
      dueSoon: false,
    });
    await notify(tx, actor.tenantId, [...(await unitUserIds(tx, actor.tenantId, sendBack.map((a) => a.unitId))), ...staff], {
      kind: 'proposal.rehandling',
      message: words(p.kind)`提案「${p.title}」测评为不满意（${summary}），请${sendBack.map((a) => names.get(a.unitId)).join('、')}重新办理，期限${formatDay(next.deadline!)}。意见：${opinions}`,
      messageEn: enWords(p.kind)`Proposal “${p.title}” was evaluated unsatisfied (${summaryEn}); ${sendBack.map((a) => names.get(a.unitId)).join(', ')} please handle it again by ${englishDate(next.deadline!)}.${opinionsEn}`,
      proposalId: p.id,
    });
  } else {
    const [latest] = await tx
      .select({ resultClass: replies.resultClass })
      .from(replies)
      .where(and(eq(replies.proposalId, p.id), eq(replies.isLead, true), eq(replies.status, 'sent')))
      .orderBy(desc(replies.sequence))
      .limit(1);
    const followUp = latest?.resultClass === 'B' || p.isKey;
    next = await updateProposal(tx, p, 'evaluate', { evaluationOverdue: false, ...(followUp ? { status: 'following_up' as const } : { status: 'closed' as const, closedAt: now }) });
    const leadUnits = units.filter(isLeadAssignment).map((a) => a.unitId);
    const what = followUp ? '转入跟踪落实，请主办单位定期报送落实情况' : '已办结';
    const again = !firstRound && unhappy.length > 0;
    await notify(tx, actor.tenantId, [...(followUp ? await unitUserIds(tx, actor.tenantId, leadUnits) : []), ...staff], {
      kind: again ? 'proposal.unsatisfied_again' : 'proposal.evaluate',
      message: again
        ? words(p.kind)`提案「${p.title}」重新办理后测评仍为不满意（${summary}），${what}。意见：${opinions}`
        : words(p.kind)`提案「${p.title}」测评结果：${summary}，${what}`,
      messageEn: (again
        ? enWords(p.kind)`Proposal “${p.title}” is still evaluated unsatisfied after re-handling (${summaryEn}); `
        : enWords(p.kind)`Proposal “${p.title}” evaluated: ${summaryEn}; `) +
        (followUp ? 'it moves to follow-up, the lead unit reports on it regularly.' : 'it is closed.') + (again ? opinionsEn : ''),
      proposalId: p.id,
    });
    if (coBack.length) {
      const due = `${CO_REOPINION_WORKING_DAYS}个工作日内`;
      await notify(tx, actor.tenantId, await unitUserIds(tx, actor.tenantId, coBack.map((a) => a.unitId)), {
        kind: 'proposal.co_reopinion',
        message: words(p.kind)`提案人对贵单位在提案「${p.title}」中的会办工作测评为不满意（${coBack.map((a) => ratingText(ratingOf(a.unitId))).join('；')}），请于${due}提出新的会办意见。意见：${opinions}`,
        messageEn: enWords(p.kind)`The proposer was unsatisfied with your co-handling of proposal “${p.title}” (${coBack.map((a) => ratingTextEn(ratingOf(a.unitId))).join('; ')}); please send a new opinion within ${CO_REOPINION_WORKING_DAYS} working days.${opinionsEn}`,
        proposalId: p.id,
      });
    }
  }
  if (who.recordedBy !== null) {
    await notify(tx, actor.tenantId, await proposerUserIds(tx, p.id), {
      kind: 'proposal.evaluate_recorded',
      message: words(p.kind)`您对提案「${p.title}」的纸质测评表已由${actor.displayName}代为录入：${summary}`,
      messageEn: enWords(p.kind)`${actor.displayName} entered your paper evaluation of proposal “${p.title}”: ${summaryEn}`,
      proposalId: p.id,
    });
  }
  await writeAudit(tx, actor, {
    action: who.recordedBy !== null ? 'proposal.evaluate_on_behalf' : 'proposal.evaluate',
    entityType: 'proposal',
    entityId: p.id,
    proposalId: p.id,
    before: p,
    after: {
      ...next,
      evaluations: rows,
      ...(who.recordedBy !== null ? { onBehalfOf: await proposerName(tx, who.lead), recordedBy: actor.userId } : {}),
      sentBack: sendBack.map((a) => a.unitId),
    },
  });
  return next;
}
