import { monthsDeadline, shiftDays } from '../calendar/working-days.js';
import { CO_REOPINION_WORKING_DAYS, type AssignmentMode, type ContactMethod, type ResultClass, type Satisfaction } from '../../shared/domain.js';
import type { UnitInfo } from './context.js';
import { maxDay, minDay, TODAY } from './rng.js';
import { DUE_SOON_WORKING_DAYS } from '../jobs/scan-deadlines.js';
import type { Outcome } from './rows.js';
import type { Story } from './story.js';
import { coOpinion, contactSummary, evaluationComment, followUpText, replyBody } from './texts.js';
import { inWordsOf, words } from '../../shared/vocabulary.js';

type AssignmentRow = Story['rows']['assignments'][number];

/** From assignment to the end: signatures, contacts, co-opinions, replies, evaluation, follow-up. */
export function handle(s: Story, mode: AssignmentMode, deadline: string, spare: UnitInfo[]): Outcome {
  const { ctx, plan, rows } = s;
  const { rng, days } = ctx;
  const label = `「${plan.title}」`;
  const labelEn = `“${plan.title}”`;
  const role = (i: number) => (mode === 'separate' ? 'separate' : i === 0 ? 'lead' : 'co');
  const assignment = (u: UnitInfo, i: number): AssignmentRow => ({ p: s.p, tenantId: ctx.tenantId, unitId: u.id, role: role(i), position: i, status: 'pending', assignedAt: s.assignDay! });
  const asg = s.units.map(assignment);
  rows.assignments.push(...asg);

  if (plan.target === 'assigned') {
    asg.slice(1).forEach((a, i) => {
      const d = days.wd(s.assignDay!, 1);
      if (d <= TODAY && rng.chance(0.5)) sign(a, s.units[i + 1]!, d, false);
    });
    return s.finish(s.assignDay!);
  }

  function sign(a: AssignmentRow, u: UnitInfo, day: string, isLead: boolean) {
    a.status = 'signed';
    a.signedBy = u.userId;
    a.signedAt = s.log(u.userId, 'sign', day, isLead ? { status: 'assigned' } : null, isLead ? { status: 'handling', unit: u.name } : { unit: u.name });
    if (isLead) s.move('handling');
  }

  // Signatures in time order; an objection delays the objecting unit's.
  const signDays = asg.map(() => days.wd(s.assignDay!, rng.int(1, 3)));
  const d1 = days.wd(s.assignDay!, 1);
  const d2 = days.wd(s.assignDay!, 3);
  const objecting = plan.objection === 'approved' ? 0 : plan.objection === 'rejected' && asg.length > 1 ? 1 : -1;
  const order = asg.map((_, i) => i).filter((i) => i !== objecting).sort((a, b) => signDays[a]!.localeCompare(signDays[b]!));
  const early = order.filter((i) => signDays[i]! <= d1);
  const later = order.filter((i) => signDays[i]! > d1);
  for (const i of early) sign(asg[i]!, s.units[i]!, signDays[i]!, i === 0);
  if (objecting >= 0) {
    const a = asg[objecting]!;
    const u = s.units[objecting]!;
    const replacement = plan.objection === 'approved' ? (spare.find((x) => !s.units.includes(x)) ?? spare[0]!) : undefined;
    a.objectionReason = replacement ? `该提案所提事项主要属于${replacement.name}职责范围，本单位不具备主办条件` : '本单位仅涉及其中个别事项，建议不列为会办单位';
    a.objectionSuggestedUnit = replacement?.name ?? null;
    a.objectedAt = s.log(u.userId, 'object', d1, null, { unit: u.name, reason: a.objectionReason });
    a.decision = replacement ? 'approved' : 'rejected';
    a.decidedBy = ctx.office;
    a.decisionComment = replacement ? `同意调整，改由${replacement.name}主办` : '该提案涉及贵单位职能，请按要求做好会办工作';
    a.decidedAt = s.log(ctx.office, 'decide_objection', d2, null, { unit: u.name, decision: a.decision, replacement: replacement?.name });
    if (replacement) {
      a.status = 'removed';
      const b = assignment(replacement, 0);
      b.assignedAt = d2;
      rows.assignments.push(b);
      s.units[0] = replacement;
      s.leadUnit = replacement;
      asg[0] = b;
      signDays[0] = days.wd(d2, 1);
    } else {
      signDays[objecting] = days.wd(d2, 1);
    }
    later.push(objecting);
    later.sort((a, b) => signDays[a]!.localeCompare(signDays[b]!));
  }
  for (const i of later) sign(asg[i]!, s.units[i]!, maxDay(signDays[i]!, objecting >= 0 ? d2 : d1), i === 0);
  const lead = s.leadUnit!;
  const signDay = signDays[0]!;

  const contact = (u: UnitInfo, from: string, to: string, method?: ContactMethod) => {
    const m = method ?? rng.weighted([['face', 0.8], ['phone', 0.08], ['meeting', 0.06], ['visit', 0.06]] as const);
    const day = days.between(rng, from, to);
    if (day > TODAY) return from;
    const participants = words(ctx.kind)`${u.name}${rng.pick(['分管负责人', '副局长', '办公室主任'])}${ctx.rng.pick(['及承办科室负责人', '、经办人'])}；提案人${plan.lead.name}`;
    rows.contacts.push({ p: s.p, tenantId: ctx.tenantId, unitId: u.id, method: m, contactDate: day, participants, summary: contactSummary(m, u.name, plan.subject.topic), createdBy: u.userId });
    s.log(u.userId, 'record_contact', day, null, { unit: u.name, method: m });
    return day;
  };
  const replying = mode === 'separate' ? s.units : [lead];

  const opinion = (u: UnitInfo, d: string, round = 1, afterReply = false) => {
    rows.coOpinions.push({ p: s.p, tenantId: ctx.tenantId, unitId: u.id, body: coOpinion(rng, u.name, plan.subject.topic), round, afterReply, createdBy: u.userId, createdAt: s.stamp(d) });
    s.log(u.userId, 'add_co_opinion', d, null, { unit: u.name, round, afterReply });
  };

  if (plan.target === 'handling') {
    for (const u of replying) contact(u, days.wd(signDay, 2), days.wd(signDay, 12));
    // 会办 before 答复: all co-units but the last have sent their opinion; the last one's window is
    // still open, so the lead unit's reply waits for it (the reply screen names it).
    if (plan.coWaiting && mode === 'joint') {
      for (const u of s.units.slice(1, -1)) opinion(u, days.between(rng, days.wd(signDay, 1), days.atMost(TODAY)));
    }
    if (deadline < TODAY) {
      s.row.overdue = true;
      const remindDay = days.wd(deadline, rng.int(1, 4));
      const t = s.log(ctx.office, 'remind', remindDay, null, { reason: '已超过办理期限，尚未答复' });
      for (const a of asg) a.remindedAt = t;
    } else {
      s.row.dueSoon = deadline <= days.wd(TODAY, DUE_SOON_WORKING_DAYS);
    }
    return s.finish(TODAY);
  }

  // Reply day: mostly some weeks before the deadline, sometimes after it.
  const earliest = days.wd(signDay, 15);
  let replyDay = plan.replyDay ?? (plan.late ? days.wd(deadline, rng.int(2, 15)) : days.between(rng, maxDay(earliest, shiftDays(deadline, -45)), shiftDays(deadline, -2)));
  replyDay = maxDay(replyDay, days.wd(signDay, 6));
  const before = (d: string) => days.atMost(shiftDays(d, -1));
  let lastContact = signDay;
  for (const u of replying) lastContact = maxDay(lastContact, contact(u, days.wd(signDay, 1), minDay(days.wd(signDay, 12), before(replyDay))));
  if (mode === 'joint') {
    for (const u of s.units.slice(1)) opinion(u, days.between(rng, lastContact, before(replyDay)));
  }
  const cls = plan.cls ?? 'A';
  // 答复审核 (the session's reply_review): the unit's reply waits for staff, who let it go out the
  // same day or the next; a plan may leave it waiting, or returned to the unit with a reason.
  const waitsForReview = plan.target === 'reply_review';
  const reply = (u: UnitInfo, i: number, day: string, c: ResultClass, sequence: number, due: string, last: boolean) => {
    const signedAt = s.stamp(day);
    rows.replies.push({
      p: s.p, tenantId: ctx.tenantId, unitId: u.id, isLead: i === 0, sequence, resultClass: c,
      body: replyBody(rng, { proposer: plan.lead.name, title: plan.title, topic: plan.subject.topic, unit: u.name, co: mode === 'joint' ? s.units.slice(1).map((x) => x.name) : [], cls: c, second: sequence > 1 }),
      disclosure: rng.weighted([['public', 0.75], ['on_request', 0.15], ['private', 0.1]] as const),
      documentNo: `平${u.name[0]}函〔2026〕${rng.int(8, 160)}号`, contactPerson: `${u.contact} ${u.phone}`,
      signerName: u.head, signedAt, dueDate: due, replyDate: day, createdBy: u.userId,
      status: waitsForReview ? 'pending_review' : 'sent',
    });
    const reviewed = ctx.replyReview && !waitsForReview;
    s.log(u.userId, 'reply', day, { status: s.status }, { status: last ? (ctx.replyReview ? 'reply_review' : 'replied') : s.status, resultClass: c, sequence });
    if (!last) return;
    if (waitsForReview) {
      s.move('reply_review');
      s.notice([ctx.staff], 'reply_review', `${u.name}已提交${s.noun}${label}的答复（${c}类），请审核`, day, `${u.name} sent the reply to ${s.nounEn} ${labelEn} (class ${c}); please review it`);
      return;
    }
    if (reviewed) {
      const from = rows.replies.filter((r) => r.p === s.p && r.sequence === sequence);
      const at = s.log(ctx.staff, 'approve_reply', day, { status: 'reply_review' }, { status: 'replied' });
      for (const r of from) Object.assign(r, { reviewedBy: ctx.staff, reviewedAt: at });
    }
    s.move('replied');
    s.notice(s.proposerUsers, 'reply', `您的${s.noun}${label}已答复（${c}类），请在${15}个工作日内完成测评`, day, `Your ${s.nounEn} ${labelEn} has been replied to (class ${c}); please evaluate it within ${15} working days`);
  };
  const replyOrder = replying.map((u, i) => ({ u, i, day: i === 0 ? replyDay : days.between(rng, lastContact, before(replyDay)) })).sort((a, b) => a.day.localeCompare(b.day));
  // A proposal re-handled after 不满意 got a weaker first answer than its final one.
  const firstCls: ResultClass = plan.rehandle ? 'C' : cls;
  replyOrder.forEach((r, k) => reply(r.u, r.i, r.day, r.i === 0 ? firstCls : rng.pick(['A', 'B'] as const), 1, deadline, k === replyOrder.length - 1));
  if (waitsForReview && plan.review === 'returned') {
    // Returned by the committee: the unit is to add what is missing and send it again.
    const comment = '答复中对下一步工作的时间安排和资金保障表述不够具体，请补充后重新报送';
    const at = s.log(ctx.staff, 'return_reply', replyDay, { status: 'reply_review' }, { status: 'handling', reason: comment });
    for (const r of rows.replies.filter((x) => x.p === s.p)) Object.assign(r, { status: 'returned', reviewComment: comment, reviewedBy: ctx.staff, reviewedAt: at });
    s.move('handling');
    s.notice([lead.userId], 'return_reply', `${lead.name}对${s.noun}${label}的答复被退回修改：${comment}`, replyDay, `The reply of ${lead.name} to ${s.nounEn} ${labelEn} was returned for revision: “${comment}”`);
    return s.finish(replyDay);
  }
  if (plan.target === 'replied' || waitsForReview) return s.finish(replyDay);

  if (plan.closeByStaff) {
    const d = days.wd(replyDay, rng.int(16, 20));
    s.row.closedAt = s.log(ctx.staff, 'close', d, { status: 'replied' }, { status: 'closed', reason: inWordsOf(ctx.kind, '提案人逾期未测评') });
    s.move('closed');
    return s.finish(d);
  }

  let evalDay = days.wd(replyDay, rng.int(2, 10));
  if (plan.target === 'rehandling') evalDay = minDay(evalDay, days.atMost(TODAY));
  // Per unit: the lead (or first 分办) unit gets the plan's rating; the co-units and other 分办 units
  // their own — the plan's coRatings, else mostly 满意 — in the first round; the second round rates
  // the unit sent back only.
  const coRated: { a: AssignmentRow; u: UnitInfo; rating: Satisfaction }[] = [];
  const evaluate = (day: string, sequence: number, attitude: Satisfaction, result: Satisfaction, next: 'rehandling' | 'following_up' | 'closed') => {
    const t = s.stamp(day);
    const units = sequence === 1 ? s.units : [lead];
    const summary: string[] = [];
    units.forEach((u, i) => {
      const own = i === 0 ? { attitude, result } : (() => {
        const r = plan.coRatings?.[i - 1] ?? rng.weighted([['satisfied', 0.8], ['basic', 0.2]] as const);
        if (mode === 'joint') coRated.push({ a: asg[i]!, u, rating: r });
        return { attitude: r === 'unsatisfied' ? 'basic' as const : r, result: r };
      })();
      rows.evaluations.push({
        p: s.p, tenantId: ctx.tenantId, sequence, unitId: u.id, attitude: own.attitude, result: own.result, comment: evaluationComment(rng, own.result),
        evaluatedBy: plan.lead.userId, recordedBy: plan.paper ? ctx.staff : null, createdAt: t,
      });
      summary.push(`${u.name}：${own.attitude}/${own.result}`);
    });
    if (plan.paper) s.log(ctx.staff, 'evaluate_on_behalf', day, { status: 'replied' }, { status: next, sequence, units: summary, onBehalfOf: plan.lead.name, recordedBy: ctx.staff });
    else s.log(plan.lead.userId, 'evaluate', day, { status: 'replied' }, { status: next, attitude, result, sequence, units: summary });
    s.move(next);
    if (next === 'closed') s.row.closedAt = t;
  };
  const outcome = cls === 'B' ? 'following_up' : 'closed';
  if (plan.rehandle) {
    evaluate(evalDay, 1, rng.pick(['basic', 'satisfied'] as const), 'unsatisfied', 'rehandling');
    // The lead unit is sent back on its own: its second round starts on the evaluation day.
    Object.assign(asg[0]!, { round: 2, roundFrom: evalDay });
    const due = monthsDeadline(evalDay, ctx.rehandlingMonths, days.cal);
    Object.assign(s.row, { replySequence: 2, deadline: due });
    s.notice([lead.userId], 'evaluate', `${s.noun}${label}测评不满意，请重新办理`, evalDay, `The evaluation of ${s.nounEn} ${labelEn} is unsatisfied; please handle it again`);
    const c2 = contact(lead, days.wd(evalDay, 2), days.wd(evalDay, 5), 'face');
    if (plan.target === 'rehandling') {
      s.row.dueSoon = due >= TODAY && due <= days.wd(TODAY, DUE_SOON_WORKING_DAYS);
      return s.finish(TODAY);
    }
    const r2 = minDay(days.wd(c2, rng.int(4, 10)), due);
    reply(lead, 0, r2, cls, 2, due, true);
    evalDay = days.wd(r2, rng.int(2, 8));
    evaluate(evalDay, 2, 'satisfied', rng.pick(['basic', 'satisfied'] as const), outcome);
  } else {
    const attitude = rng.weighted([['satisfied', 0.9], ['basic', 0.1]] as const);
    const sat = cls === 'A' ? 0.85 : cls === 'B' ? 0.65 : 0.4;
    evaluate(evalDay, 1, attitude, rng.chance(sat) ? 'satisfied' : 'basic', outcome);
  }
  let endDay = evalDay;
  // A co-unit rated 不满意 (the lead was not) owes a new opinion within CO_REOPINION_WORKING_DAYS
  // working days; it sent it a few days later, after the reply — kept and shown.
  for (const { a, u, rating } of coRated) {
    if (rating !== 'unsatisfied' || plan.rehandle) continue;
    Object.assign(a, { round: 2, roundFrom: evalDay });
    s.notice([u.userId], 'co_reopinion', `提案人对贵单位在${s.noun}${label}中的会办工作测评为不满意，请于${CO_REOPINION_WORKING_DAYS}个工作日内提出新的会办意见`, evalDay, `The ${s.nounEn === 'suggestion' ? 'deputy' : 'proposer'} was unsatisfied with your co-handling of ${s.nounEn} ${labelEn}; please send a new opinion within ${CO_REOPINION_WORKING_DAYS} working days`);
    const d = days.wd(evalDay, rng.int(3, 8));
    if (d <= days.atMost(TODAY)) {
      opinion(u, d, 2, true);
      endDay = d;
    }
  }

  if (outcome === 'following_up') {
    const cap = days.atMost(shiftDays(TODAY, -2));
    const report = (day: string, done: boolean) => {
      const t = s.stamp(day);
      rows.followUps.push({ p: s.p, tenantId: ctx.tenantId, unitId: lead.id, body: followUpText(rng, plan.subject.topic, done, Number(day.slice(5, 7))), completed: done, createdBy: lead.userId, createdAt: t });
      s.log(lead.userId, 'report_follow_up', day, { status: 'following_up' }, { status: done ? 'closed' : 'following_up', completed: done });
      if (done) {
        s.move('closed');
        s.row.closedAt = t;
      }
      endDay = day;
    };
    const first = minDay(days.between(rng, days.plus(evalDay, 20), days.plus(evalDay, 70)), cap);
    if (plan.target === 'closed') {
      if (first > evalDay) report(first, false);
      report(minDay(days.between(rng, days.plus(endDay, 20), days.plus(endDay, 90)), days.atMost(TODAY)), true);
    } else if (first > evalDay && rng.chance(0.6)) report(first, false);
  }
  if (plan.publish) {
    const d = minDay(days.between(rng, days.plus(endDay, 1), days.plus(endDay, 20)), days.atMost(TODAY));
    if (d > endDay) {
      s.row.published = true;
      s.row.publishedAt = s.log(ctx.staff, 'publish', d, null, { published: true });
    }
  }
  return s.finish(s.status === 'closed' ? endDay : TODAY);
}
