import { monthsDeadline, shiftDays } from '../calendar/working-days.js';
import type { AssignmentMode } from '../../shared/domain.js';
import type { SessionCtx, UnitInfo } from './context.js';
import { handle } from './handling.js';
import type { Outcome, Plan, Rows } from './rows.js';
import { Story } from './story.js';
import { proposalBody, REJECT_COMMENTS, RETURN_COMMENTS } from './texts.js';
import { inWordsOf, words } from '../../shared/vocabulary.js';

/**
 * Plays one proposal's life from its creation to the plan's target state, along the transitions
 * of src/shared/lifecycle.ts, writing the rows each step would have written.
 */
export function simulate(ctx: SessionCtx, rows: Rows, plan: Plan): Outcome {
  const { rng, days } = ctx;
  const s = new Story(ctx, rows, plan, proposalBody(rng, plan.subject.topic, plan.category ?? plan.subject.category));
  const parties = [plan.lead, ...plan.co];
  const proposerRows = parties.map((party, i) => ({
    p: s.p,
    tenantId: ctx.tenantId,
    position: i,
    memberId: party.memberId ?? null,
    bodyId: party.bodyId ?? null,
    confirmation: (i === 0 ? 'lead' : 'pending') as 'lead' | 'pending' | 'confirmed',
    confirmedAt: null as Date | null,
  }));
  rows.proposers.push(...proposerRows);
  const label = `「${plan.title}」`;
  const labelEn = `“${plan.title}”`;

  const createDay = plan.target === 'draft' ? plan.start : days.atMost(shiftDays(plan.start, -rng.int(0, plan.during === 'plenary' ? 6 : 3)));
  s.row.createdAt = s.log(plan.lead.userId, 'create', createDay, null, { status: 'draft' });
  if (plan.target === 'draft') return s.finish(createDay);

  let day = plan.start;
  s.row.submittedAt = s.log(plan.lead.userId, 'submit', day, { status: 'draft' }, { status: plan.co.length ? 'pending_cosign' : 'submitted' });
  s.move(plan.co.length ? 'pending_cosign' : 'submitted');
  s.notice(plan.co.map((c) => c.userId), 'cosign_invite', words(ctx.kind)`${plan.lead.name}邀请您联名${s.noun}${label}，请确认`, day, `${plan.lead.name} invites you to ${ctx.kind === 'suggestion' ? 'second' : 'co-sign'} ${s.nounEn} ${labelEn}; please confirm`);
  if (plan.co.length) {
    const waiting = plan.target === 'pending_cosign' ? (plan.pendingCo ?? 1) : 0;
    const answering = plan.co.length - waiting;
    for (let i = 0; i < answering; i++) {
      day = shiftDays(day, rng.int(0, 1));
      const done = i === answering - 1 && waiting === 0;
      proposerRows[i + 1]!.confirmation = 'confirmed';
      proposerRows[i + 1]!.confirmedAt = s.log(plan.co[i]!.userId, 'confirm_cosign', day, { status: 'pending_cosign' }, { status: done ? 'submitted' : 'pending_cosign', confirmed: plan.co[i]!.name });
    }
    if (plan.target === 'pending_cosign') return s.finish(day);
    s.move('submitted');
  }
  s.notice([ctx.staff], 'submit', `新提交${s.noun}${label}待审查`, day, `New ${s.nounEn} ${labelEn} awaits review`);
  if (plan.target === 'withdrawn') {
    day = shiftDays(day, rng.int(1, 6));
    s.log(plan.lead.userId, 'withdraw', day, { status: 'submitted' }, { status: 'withdrawn', reason: inWordsOf(ctx.kind, '提案人主动撤回，拟调研后重新提出') });
    s.move('withdrawn');
    return s.finish(day);
  }
  if (plan.target === 'submitted') return s.finish(day);

  const reviewDay = plan.during === 'plenary' ? days.wd(ctx.reviewFrom, rng.int(0, 12)) : days.wd(day, rng.int(2, 6));
  if (plan.target === 'returned') {
    const comment = rng.pick(RETURN_COMMENTS);
    s.row.reviewedAt = s.log(ctx.staff, 'return', reviewDay, { status: 'submitted' }, { status: 'returned', reason: 'needs_revision', comment });
    Object.assign(s.row, { reviewDecision: 'returned', reviewReason: 'needs_revision', reviewComment: comment });
    s.move('returned');
    s.notice(s.proposerUsers, 'return', `您的${s.noun}${label}被退回修改：${comment}`, reviewDay, `Your ${s.nounEn} ${labelEn} was returned for revision: “${comment}”`);
    return s.finish(reviewDay);
  }
  if (plan.target === 'not_filed') {
    const { reason, conversion } = plan.reject ?? { reason: 'not_in_scope', conversion: 'letter' };
    const comment = REJECT_COMMENTS[reason] ?? '';
    s.row.reviewedAt = s.log(ctx.staff, 'reject', reviewDay, { status: 'submitted' }, { status: 'not_filed', reason, conversion });
    Object.assign(s.row, { reviewDecision: 'not_filed', reviewReason: reason, reviewComment: comment, conversion });
    s.move('not_filed');
    return s.finish(reviewDay);
  }
  const filedAfter: Record<string, unknown> = { status: 'filed' };
  s.row.reviewedAt = s.log(ctx.staff, 'file', reviewDay, { status: 'submitted' }, filedAfter);
  s.row.reviewDecision = 'filed';
  rows.filings.push({ p: s.p, sessionId: ctx.sessionId, at: s.row.reviewedAt, after: filedAfter });
  s.move('filed');
  s.notice(s.proposerUsers, 'file', `您的${s.noun}${label}已立案`, reviewDay, `Your ${s.nounEn} ${labelEn} was filed`);
  if (plan.target === 'filed') return s.finish(reviewDay);

  if (plan.mergeInto !== undefined) {
    const t = s.log(ctx.staff, 'merge', ctx.mergeDay, { status: 'filed' }, { status: 'merged' });
    // The primary's own audit row of the same merge, at the same moment.
    rows.audit.push({ p: plan.mergeInto, tenantId: ctx.tenantId, actorId: ctx.staff, action: 'proposal.merge', entityType: 'proposal', before: { status: 'filed' }, after: { status: 'filed', mergedTitle: plan.title }, at: t });
    rows.merges.push({ secondary: s.p, primary: plan.mergeInto });
    s.move('merged');
    return s.finish(ctx.mergeDay);
  }
  if (plan.key) {
    s.log(ctx.staff, 'designate_key', ctx.keyDay, null, { isKey: true, leaders: plan.keyLeaders ?? [] });
    s.row.isKey = true;
  }

  const drawn = plan.during === 'plenary' ? ctx.assignDay : days.wd(reviewDay, rng.int(4, 10));
  const assignDay = plan.assignDay ?? drawn;
  const deadline = monthsDeadline(assignDay, plan.complex ? ctx.replyMaxMonths : ctx.replyMonths, days.cal);
  const unitOf = (code: string) => ctx.units.get(code);
  const lead = unitOf(plan.leadUnit ?? plan.subject.lead) ?? [...ctx.units.values()][0]!;
  const others = plan.subject.co.map(unitOf).filter((x): x is UnitInfo => !!x && x.id !== lead.id);
  let mode: AssignmentMode = plan.mode ?? rng.weighted([['single', 0.42], ['joint', 0.5], ['separate', 0.08]] as const);
  if (others.length === 0) mode = 'single';
  const max = mode === 'separate' ? Math.min(2, others.length) : Math.min(others.length, plan.key ? 4 : 3);
  const coUnits = mode === 'single' ? [] : rng.sample(others, plan.coCount !== undefined ? Math.min(plan.coCount, others.length) : rng.int(1, max));
  s.assignDay = assignDay;
  s.leadUnit = lead;
  s.units = [lead, ...coUnits];
  Object.assign(s.row, { assignmentMode: mode, assignedAt: assignDay, deadline });
  s.log(ctx.staff, 'assign', assignDay, { status: 'filed' }, { status: 'assigned', mode, units: s.units.map((u) => u.name), deadline });
  s.move('assigned');
  s.notice(s.units.map((u) => u.userId), 'assign', `新交办${s.noun}${label}，请在${5}个工作日内签收`, assignDay, `New ${s.nounEn} ${labelEn} assigned to you; please sign for it within ${5} working days`);
  return handle(s, mode, deadline, others);
}
