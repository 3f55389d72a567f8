import { addMonths, shiftDays } from '../../src/server/calendar/working-days.js';
import { SUBJECTS, type Subject } from '../../src/server/seed/subjects.js';
import { contactSummary, coOpinion, evaluationComment, followUpText, proposalBody, REJECT_COMMENTS, replyBody, RETURN_COMMENTS } from '../../src/server/seed/texts.js';
import type { Rng } from '../../src/server/seed/rng.js';
import type { State } from '../../src/shared/lifecycle.js';
import type { ResultClass, Satisfaction } from '../../src/shared/domain.js';
import type { GenSession, GenTenant, GenUnit } from './org.js';
import { vectorOf } from './vector.js';
import { encryptField } from '../../src/server/crypto/field-crypto.js';

// A reply's contact person is kept SM4-encrypted, as the app writes it (without this the server's
// start would encrypt every generated reply). One ciphertext per unit: each decrypts to the same
// text, and a million encryptions would double the generation time.
const contactCiphers = new Map<number, string>();
const contactOf = (u: { id: number; contact: string; phone: string }) => {
  let c = contactCiphers.get(u.id);
  if (!c) contactCiphers.set(u.id, (c = encryptField(`${u.contact} ${u.phone}`)));
  return c;
};

// One session's proposals and everything that hangs off them, as COPY lines (tab-separated text).
// Past sessions are over: nearly everything is closed, some B-class answers are still followed
// up. The current session is on its way: every lifecycle state occurs. Dates follow the usual
// year: plenary in January, assignment at the March meeting, three months to answer.

export type Emit = (table: TableName, values: unknown[]) => void;

export const TABLES = {
  proposals: ['id', 'tenant_id', 'session_id', 'kind', 'title', 'body', 'category', 'submitted_during', 'status', 'number', 'created_by', 'submitted_at', 'review_decision', 'review_reason', 'review_comment', 'conversion', 'reviewed_at', 'merged_into', 'assignment_mode', 'assigned_at', 'deadline', 'reply_sequence', 'due_soon', 'overdue', 'is_key', 'published', 'published_at', 'closed_at', 'created_at', 'updated_at'],
  proposers: ['id', 'tenant_id', 'proposal_id', 'position', 'member_id', 'body_id', 'confirmation', 'confirmed_at'],
  assignments: ['id', 'tenant_id', 'proposal_id', 'unit_id', 'role', 'position', 'status', 'assigned_at', 'signed_at', 'signed_by', 'created_at'],
  contacts: ['id', 'tenant_id', 'proposal_id', 'unit_id', 'method', 'contact_date', 'participants', 'summary', 'created_by', 'created_at'],
  co_opinions: ['id', 'tenant_id', 'proposal_id', 'unit_id', 'body', 'created_by', 'created_at'],
  replies: ['id', 'tenant_id', 'proposal_id', 'unit_id', 'is_lead', 'sequence', 'result_class', 'body', 'disclosure', 'document_no', 'contact_person', 'signer_name', 'signed_at', 'due_date', 'reply_date', 'status', 'created_by', 'created_at'],
  evaluations: ['id', 'tenant_id', 'proposal_id', 'unit_id', 'sequence', 'attitude', 'result', 'comment', 'evaluated_by', 'created_at'],
  follow_ups: ['id', 'tenant_id', 'proposal_id', 'unit_id', 'body', 'completed', 'created_by', 'created_at'],
  key_proposal_leaders: ['tenant_id', 'proposal_id', 'leader_id', 'created_at'],
  proposal_search: ['proposal_id', 'tenant_id', 'document', 'updated_at'],
} as const;
export type TableName = keyof typeof TABLES;

/** Next id per table; starts after what the database holds. */
export type Ids = Record<Exclude<TableName, 'key_proposal_leaders' | 'proposal_search'>, number>;

const PAST: [State, number][] = [['withdrawn', 1], ['returned', 0.5], ['not_filed', 7], ['merged', 4], ['following_up', 4.5], ['closed', 83]];
const CURRENT: [State, number][] = [
  ['draft', 2], ['pending_cosign', 2], ['submitted', 5], ['returned', 1], ['withdrawn', 1], ['not_filed', 6], ['filed', 4], ['merged', 4],
  ['assigned', 6], ['handling', 22], ['reply_review', 1], ['replied', 10], ['rehandling', 2], ['following_up', 10], ['closed', 25],
];
const HANDLED: State[] = ['replied', 'rehandling', 'following_up', 'closed'];
const IN_UNITS: State[] = ['assigned', 'handling', 'rehandling'];

const pad = (n: number) => String(n).padStart(2, '0');
const at = (day: string, rng: Rng) => `${day}T${pad(rng.int(8, 17))}:${pad(rng.int(0, 59))}:00+08:00`;
const min = (a: string, b: string) => (a < b ? a : b);
const max = (a: string, b: string) => (a > b ? a : b);
const between = (rng: Rng, from: string, to: string) => {
  const span = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
  return span <= 0 ? from : shiftDays(from, rng.int(0, span));
};

/** What carries over from one slice of a session to the next: the numbering and the merge targets. */
export interface SessionState {
  number: number;
  primaries: { id: number; subject: Subject }[];
}

export interface SessionPlan {
  tenant: GenTenant;
  session: GenSession;
  count: number;
  current: boolean;
  today: string;
}

export const newSessionState = (): SessionState => ({ number: 0, primaries: [] });

/** Writes `count` more proposals of one session; returns how many rows were emitted. */
export function generateSession(rng: Rng, plan: SessionPlan, st: SessionState, ids: Ids, emit: Emit): number {
  const { tenant, session, today } = plan;
  const y = session.year;
  const members = tenant.members[session.kind];
  let rows = 0;
  const put: Emit = (t, v) => {
    rows++;
    emit(t, v);
  };
  for (let i = 0; i < plan.count; i++) {
    let target = rng.weighted(plan.current ? CURRENT : PAST);
    if (target === 'merged' && !st.primaries.length) target = 'closed';
    const id = ids.proposals++;
    const merge = target === 'merged' ? rng.pick(st.primaries) : null;
    const subject = merge && rng.chance(0.8) ? merge.subject : rng.pick(SUBJECTS);
    const title = `关于${rng.pick(subject.stems)}的建议`;
    const body = proposalBody(rng, subject.topic, subject.category);
    const early: State[] = ['draft', 'pending_cosign', 'submitted', 'filed'];
    const plenary = !plan.current ? rng.chance(0.8) : !early.includes(target) && rng.chance(0.7);
    // Submission day: the plenary, or during the year (recently for what is still waiting).
    let submitted = plenary ? between(rng, `${y}-01-10`, `${y}-01-13`) : plan.current && early.includes(target) ? between(rng, shiftDays(today, -40), shiftDays(today, -1)) : between(rng, `${y}-02-01`, `${y}-08-31`);
    // Handled proposals of the current year get a timeline that ends before today.
    let assign = plenary ? between(rng, `${y}-03-10`, `${y}-03-20`) : shiftDays(submitted, rng.int(12, 30));
    if (plan.current && target === 'assigned') assign = shiftDays(today, -rng.int(1, 6));
    if (plan.current && (target === 'replied' || target === 'reply_review')) assign = shiftDays(today, -rng.int(40, 90));
    if (plan.current && target === 'rehandling') assign = shiftDays(today, -rng.int(80, 120));
    if (plan.current && target === 'handling') assign = between(rng, `${y}-03-10`, shiftDays(today, -20));
    if (plan.current && (target === 'following_up' || target === 'closed')) assign = min(assign, `${y}-06-30`);
    if (!plenary && assign < submitted) submitted = shiftDays(assign, -20);
    const reviewed = early.includes(target) && target !== 'filed' ? null : min(shiftDays(submitted, rng.int(5, 20)), shiftDays(assign, -3));
    const lead = rng.chance(session.kind === 'proposal' ? 0.1 : 0) ? null : rng.pick(members);
    const body0 = lead ? null : rng.pick(tenant.bodies);
    const creator = lead?.userId ?? tenant.staff;
    const p = {
      status: target, number: null as number | null, submittedAt: target === 'draft' ? null : at(submitted, rng), reviewDecision: null as string | null,
      reviewReason: null as string | null, reviewComment: null as string | null, conversion: null as string | null, reviewedAt: null as string | null,
      mergedInto: null as number | null, mode: null as string | null, assignedAt: null as string | null, deadline: null as string | null,
      replySequence: 1, dueSoon: false, overdue: false, isKey: false, published: false, publishedAt: null as string | null, closedAt: null as string | null,
      updatedAt: at(target === 'draft' ? submitted : (reviewed ?? submitted), rng),
    };
    // Proposers: the lead, and co-proposers now and then (still to confirm while pending_cosign).
    put('proposers', [ids.proposers++, tenant.id, id, 0, lead?.id ?? null, body0?.id ?? null, 'lead', null]);
    const coCount = target === 'pending_cosign' ? rng.int(1, 3) : rng.chance(0.25) ? rng.int(1, 3) : 0;
    for (let k = 1; k <= coCount; k++) {
      const m = rng.pick(members);
      const pending = target === 'pending_cosign' && k === coCount;
      put('proposers', [ids.proposers++, tenant.id, id, k, m.id, null, pending ? 'pending' : 'confirmed', pending ? null : at(submitted, rng)]);
    }
    if (target === 'returned') Object.assign(p, { reviewDecision: 'returned', reviewReason: 'needs_revision', reviewComment: rng.pick(RETURN_COMMENTS), reviewedAt: at(reviewed!, rng) });
    if (target === 'not_filed') {
      const reason = rng.pick(Object.keys(REJECT_COMMENTS));
      Object.assign(p, { reviewDecision: 'not_filed', reviewReason: reason, reviewComment: REJECT_COMMENTS[reason], conversion: reason === 'too_general' || reason === 'already_solved' ? 'social_report' : 'letter', reviewedAt: at(reviewed!, rng) });
    }
    const filed = ['filed', 'merged', 'assigned', 'handling', 'reply_review', 'replied', 'rehandling', 'following_up', 'closed'].includes(target);
    if (filed) Object.assign(p, { reviewDecision: 'filed', number: ++st.number, reviewedAt: at(reviewed!, rng) });
    if (merge) p.mergedInto = merge.id;
    const texts: string[] = [];
    if (filed && !merge && target !== 'filed') {
      const last = handleProposal(rng, { tenant, id, target, subject, title, assign, plan, lead: lead?.name ?? body0!.name, evaluator: creator, texts, p }, ids, put);
      p.updatedAt = at(last, rng);
      if (rng.chance(0.005) || (subject.key && rng.chance(0.02))) {
        p.isKey = true;
        for (const l of rng.sample(tenant.leaders, rng.int(1, 2))) put('key_proposal_leaders', [tenant.id, id, l, at(`${y}-03-25`, rng)]);
      }
    }
    if (filed && !merge) st.primaries.push({ id, subject });
    const created = at(shiftDays(submitted, -rng.int(0, 3)), rng);
    put('proposals', [
      id, tenant.id, session.id, session.kind, title, body, subject.category, plenary ? 'plenary' : 'interim', p.status, p.number, creator, p.submittedAt,
      p.reviewDecision, p.reviewReason, p.reviewComment, p.conversion, p.reviewedAt, p.mergedInto, p.mode, p.assignedAt, p.deadline, p.replySequence,
      p.dueSoon, p.overdue, p.isKey, p.published, p.publishedAt, p.closedAt, created, p.updatedAt,
    ]);
    put('proposal_search', [id, tenant.id, vectorOf(tenant.id, title, body, texts.join('\n')), p.updatedAt]);
  }
  return rows;
}

interface Handling {
  tenant: GenTenant;
  id: number;
  target: State;
  subject: Subject;
  title: string;
  assign: string;
  plan: SessionPlan;
  lead: string;
  evaluator: number;
  /** Reply and follow-up texts, in id order, for the search vector. */
  texts: string[];
  p: { status: State; mode: string | null; assignedAt: string | null; deadline: string | null; replySequence: number; dueSoon: boolean; overdue: boolean; published: boolean; publishedAt: string | null; closedAt: string | null };
}

/** Assignment to the end; returns the day of the last event. */
function handleProposal(rng: Rng, h: Handling, ids: Ids, put: Emit): string {
  const { tenant, id, target, subject, p, plan } = h;
  const today = plan.today;
  const leadUnit: GenUnit = tenant.unitByCode.get(subject.lead) ?? rng.pick(tenant.units);
  const mode = rng.weighted([['single', 0.45], ['joint', 0.5], ['separate', 0.05]] as const);
  const others = subject.co.map((c) => tenant.unitByCode.get(c)).filter((u): u is GenUnit => !!u && u !== leadUnit);
  const units = [leadUnit, ...(mode === 'single' ? [] : rng.sample(others.length ? others : tenant.units.filter((u) => u !== leadUnit), mode === 'separate' ? 1 : rng.int(1, 3)))];
  const deadline = addMonths(h.assign, 3);
  Object.assign(p, { mode, assignedAt: h.assign, deadline });
  const signDay = shiftDays(h.assign, rng.int(1, 3));
  const signed = target !== 'assigned';
  units.forEach((u, i) => {
    const role = mode === 'separate' ? 'separate' : i === 0 ? 'lead' : 'co';
    put('assignments', [ids.assignments++, tenant.id, id, u.id, role, i, signed ? 'signed' : 'pending', h.assign, signed ? at(signDay, rng) : null, signed ? u.userId : null, at(h.assign, rng)]);
  });
  if (target === 'assigned') return h.assign;
  const replying = mode === 'separate' ? units : [leadUnit];
  const contact = (u: GenUnit, day: string, face: boolean) => {
    const m = face ? 'face' : rng.pick(['phone', 'meeting', 'visit'] as const);
    put('contacts', [ids.contacts++, tenant.id, id, u.id, m, day, `${u.name}负责人；提案人${h.lead}`, contactSummary(m, u.name, subject.topic), u.userId, at(day, rng)]);
  };
  const contactDay = min(shiftDays(signDay, rng.int(3, 20)), today);
  for (const u of replying) contact(u, contactDay, rng.chance(0.8));
  if (target === 'handling') {
    p.overdue = deadline < today;
    p.dueSoon = !p.overdue && deadline <= shiftDays(today, 14);
    return contactDay;
  }
  if (mode === 'joint') for (const u of units.slice(1)) put('co_opinions', [ids.co_opinions++, tenant.id, id, u.id, coOpinion(rng, u.name, subject.topic), u.userId, at(contactDay, rng)]);
  let replyDay = rng.chance(0.08) ? shiftDays(deadline, rng.int(1, 15)) : max(shiftDays(deadline, -rng.int(2, 60)), shiftDays(signDay, 15));
  if (plan.current && (target === 'replied' || target === 'reply_review')) replyDay = shiftDays(today, -rng.int(1, 20));
  if (plan.current && target === 'rehandling') replyDay = shiftDays(today, -rng.int(25, 40));
  replyDay = max(replyDay, shiftDays(contactDay, 1));
  const rehandle = target === 'rehandling' || (target === 'closed' && rng.chance(0.03));
  const cls: ResultClass = target === 'following_up' ? 'B' : target === 'closed' ? rng.weighted([['A', 0.77], ['B', 0.17], ['C', 0.06]] as const) : rng.weighted([['A', 0.6], ['B', 0.3], ['C', 0.1]] as const);
  const reply = (u: GenUnit, isLead: boolean, day: string, c: ResultClass, sequence: number, due: string) => {
    const text = replyBody(rng, { proposer: h.lead, title: h.title, topic: subject.topic, unit: u.name, co: mode === 'joint' ? units.slice(1).map((x) => x.name) : [], cls: c, second: sequence > 1 });
    // A reply of a proposal in reply_review waits for 答复审核 (not searchable yet); every other one went out.
    const status = target === 'reply_review' ? 'pending_review' : 'sent';
    if (status === 'sent') h.texts.push(text);
    const signedAt = at(day, rng);
    put('replies', [ids.replies++, tenant.id, id, u.id, isLead, sequence, c, text, rng.weighted([['public', 0.75], ['on_request', 0.15], ['private', 0.1]] as const), `${u.name.slice(0, 1)}函〔${day.slice(0, 4)}〕${rng.int(8, 160)}号`, contactOf(u), u.head, signedAt, due, day, status, u.userId, signedAt]);
  };
  replying.forEach((u, i) => reply(u, i === 0, i === 0 ? replyDay : shiftDays(replyDay, -rng.int(1, 5)), i === 0 ? (rehandle ? 'C' : cls) : rng.pick(['A', 'B'] as const), 1, deadline));
  if (target === 'replied' || target === 'reply_review') {
    p.status = target;
    return replyDay;
  }
  // The lead unit's evaluation (the one the session's 满意率 counts).
  const evaluate = (day: string, sequence: number, attitude: Satisfaction, result: Satisfaction) =>
    put('evaluations', [ids.evaluations++, tenant.id, id, leadUnit.id, sequence, attitude, result, evaluationComment(rng, result), h.evaluator, at(day, rng)]);
  let evalDay = min(shiftDays(replyDay, rng.int(3, 15)), today);
  if (rehandle) {
    evaluate(evalDay, 1, rng.pick(['basic', 'satisfied'] as const), 'unsatisfied');
    const due = addMonths(evalDay, 1);
    Object.assign(p, { replySequence: 2, deadline: due });
    contact(leadUnit, min(shiftDays(evalDay, 3), today), true);
    if (target === 'rehandling') {
      p.dueSoon = due >= today && due <= shiftDays(today, 14);
      p.overdue = due < today;
      return evalDay;
    }
    const r2 = rng.chance(0.9) ? shiftDays(evalDay, rng.int(5, 25)) : shiftDays(due, rng.int(1, 5));
    reply(leadUnit, true, r2, cls, 2, due);
    evalDay = shiftDays(r2, rng.int(3, 10));
    evaluate(evalDay, 2, 'satisfied', rng.pick(['basic', 'satisfied'] as const));
  } else {
    const sat = cls === 'A' ? 0.85 : cls === 'B' ? 0.65 : 0.4;
    evaluate(evalDay, 1, rng.weighted([['satisfied', 0.9], ['basic', 0.1]] as const), rng.chance(sat) ? 'satisfied' : rng.chance(0.9) ? 'basic' : 'unsatisfied');
  }
  let end = evalDay;
  if (cls === 'B') {
    const first = min(shiftDays(evalDay, rng.int(20, 70)), today);
    const done = target === 'closed';
    const report = (day: string, completed: boolean) => {
      const text = followUpText(rng, subject.topic, completed, Number(day.slice(5, 7)));
      h.texts.push(text);
      put('follow_ups', [ids.follow_ups++, tenant.id, id, leadUnit.id, text, completed, leadUnit.userId, at(day, rng)]);
      end = day;
    };
    if (first > evalDay && (done || rng.chance(0.6))) report(first, false);
    if (done) report(min(shiftDays(end, rng.int(20, 90)), today), true);
  }
  p.status = target === 'closed' ? 'closed' : cls === 'B' ? 'following_up' : 'closed';
  if (p.status === 'closed') p.closedAt = at(end, rng);
  if (rng.chance(0.35)) {
    const d = min(shiftDays(end, rng.int(1, 20)), today);
    Object.assign(p, { published: true, publishedAt: at(d, rng) });
    end = d;
  }
  return end;
}

export { HANDLED, IN_UNITS };
