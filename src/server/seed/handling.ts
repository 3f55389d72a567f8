import { monthsDeadline, shiftDays } from '../calendar/working-days.js';
import type { AssignmentMode, ContactMethod, ResultClass, Satisfaction } from '../../shared/domain.js';
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

  if (plan.target === 'handling') {
    for (const u of replying) contact(u, days.wd(signDay, 2), days.wd(signDay, 12));
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
    for (const u of s.units.slice(1)) {
      const d = days.between(rng, lastContact, before(replyDay));
      rows.coOpinions.push({ p: s.p, tenantId: ctx.tenantId, unitId: u.id, body: coOpinion(rng, u.name, plan.subject.topic), createdBy: u.userId, createdAt: s.stamp(d) });
      s.log(u.userId, 'add_co_opinion', d, null, { unit: u.name });
    }
  }
  const cls = plan.cls ?? 'A';
  const reply = (u: UnitInfo, i: number, day: string, c: ResultClass, sequence: number, due: string, last: boolean) => {
    const signedAt = s.stamp(day);
    rows.replies.push({
      p: s.p, tenantId: ctx.tenantId, unitId: u.id, isLead: i === 0, sequence, resultClass: c,
      body: replyBody(rng, { proposer: plan.lead.name, title: plan.title, topic: plan.subject.topic, unit: u.name, co: mode === 'joint' ? s.units.slice(1).map((x) => x.name) : [], cls: c, second: sequence > 1 }),
      disclosure: rng.weighted([['public', 0.75], ['on_request', 0.15], ['private', 0.1]] as const),
      documentNo: `平${u.name[0]}函〔2026〕${rng.int(8, 160)}号`, contactPerson: `${u.contact} ${u.phone}`,
      signerName: u.head, signedAt, dueDate: due, replyDate: day, createdBy: u.userId,
    });
    s.log(u.userId, 'reply', day, { status: s.status }, { status: last ? 'replied' : s.status, resultClass: c, sequence });
    if (last) {
      s.move('replied');
      s.notice(s.proposerUsers, 'reply', `您的${s.noun}${label}已答复（${c}类），请在${15}个工作日内完成测评`, day);
    }
  };
  const replyOrder = replying.map((u, i) => ({ u, i, day: i === 0 ? replyDay : days.between(rng, lastContact, before(replyDay)) })).sort((a, b) => a.day.localeCompare(b.day));
  // A proposal re-handled after 不满意 got a weaker first answer than its final one.
  const firstCls: ResultClass = plan.rehandle ? 'C' : cls;
  replyOrder.forEach((r, k) => reply(r.u, r.i, r.day, r.i === 0 ? firstCls : rng.pick(['A', 'B'] as const), 1, deadline, k === replyOrder.length - 1));
  if (plan.target === 'replied') return s.finish(replyDay);

  if (plan.closeByStaff) {
    const d = days.wd(replyDay, rng.int(16, 20));
    s.row.closedAt = s.log(ctx.staff, 'close', d, { status: 'replied' }, { status: 'closed', reason: inWordsOf(ctx.kind, '提案人逾期未测评') });
    s.move('closed');
    return s.finish(d);
  }

  let evalDay = days.wd(replyDay, rng.int(2, 10));
  if (plan.target === 'rehandling') evalDay = minDay(evalDay, days.atMost(TODAY));
  const evaluate = (day: string, sequence: number, attitude: Satisfaction, result: Satisfaction, next: 'rehandling' | 'following_up' | 'closed') => {
    const t = s.stamp(day);
    rows.evaluations.push({ p: s.p, tenantId: ctx.tenantId, sequence, attitude, result, comment: evaluationComment(rng, result), evaluatedBy: plan.lead.userId, createdAt: t });
    s.log(plan.lead.userId, 'evaluate', day, { status: 'replied' }, { status: next, attitude, result, sequence });
    s.move(next);
    if (next === 'closed') s.row.closedAt = t;
  };
  const outcome = cls === 'B' ? 'following_up' : 'closed';
  if (plan.rehandle) {
    evaluate(evalDay, 1, rng.pick(['basic', 'satisfied'] as const), 'unsatisfied', 'rehandling');
    const due = monthsDeadline(evalDay, ctx.rehandlingMonths, days.cal);
    Object.assign(s.row, { replySequence: 2, deadline: due });
    s.notice([lead.userId], 'evaluate', `${s.noun}${label}测评不满意，请重新办理`, evalDay);
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
