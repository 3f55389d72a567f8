import { and, asc, eq, inArray } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Executor } from '../db/client.js';
import {
  assignments,
  attachments,
  bodies,
  coOpinions,
  contacts,
  evaluations,
  followUps,
  keyProposalLeaders,
  leaders,
  members,
  proposals,
  proposers,
  replies,
  sessions,
  supervisionActivities,
  units,
  users,
} from '../db/schema.js';
import { STATE_LABELS, availableActions, type Action } from '../../shared/lifecycle.js';
import type { ProposalDetail } from '../../shared/schemas/proposal-reads.js';
import { hasRole, type Actor } from './actor.js';
import { chinaDay } from '../clock.js';
import { coOpinionStates } from './co-opinion-status.js';
import { summarize } from './present.js';
import { getVisibleProposal, type ProposalRow } from './proposal-access.js';
import { groupBy } from './list-proposals.js';
import { alias } from 'drizzle-orm/pg-core';

/** The staff member who entered a paper evaluation (代录), beside the evaluator in the same query. */
const recorder = alias(users, 'recorder');
import { userNames } from './office/enter-paper-proposal.js';
import { objectionWindowsFor } from './office/unit-objection.js';
import { objectionClosedMessage } from './objection-window.js';
import { decryptField } from '../crypto/field-crypto.js';

const iso = (d: Date) => d.toISOString();
const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null);

/** Everything the proposal page shows, for a proposal the actor may see (else 404); `now` judges the 会办 windows. */
export async function readProposal(db: Executor, actor: Actor, id: number, now: Date): Promise<ProposalDetail> {
  const p = await getVisibleProposal(db, actor, id);
  const today = chinaDay(now);
  const t = actor.tenantId;
  const ofProposal = (table: { tenantId: AnyPgColumn; proposalId: AnyPgColumn }) =>
    and(eq(table.tenantId, t), eq(table.proposalId, p.id));

  const [session, proposerRows, attachmentRows, assignmentRows, contactRows, opinionRows, replyRows, evaluationRows, followUpRows, leaderRows, activityRows, mergeGroup] =
    await Promise.all([
      db.select({ id: sessions.id, name: sessions.name }).from(sessions).where(eq(sessions.id, p.sessionId)),
      db
        .select({
          position: proposers.position,
          memberId: proposers.memberId,
          bodyId: proposers.bodyId,
          confirmation: proposers.confirmation,
          confirmedAt: proposers.confirmedAt,
          recordedBy: proposers.recordedBy,
          memberName: members.name,
          sector: members.sector,
          party: members.party,
          workplace: members.workplace,
          phone: members.phone,
          bodyName: bodies.name,
        })
        .from(proposers)
        .leftJoin(members, eq(members.id, proposers.memberId))
        .leftJoin(bodies, eq(bodies.id, proposers.bodyId))
        .where(ofProposal(proposers))
        .orderBy(asc(proposers.position)),
      // Metadata only: the content is fetched by the download route.
      db
        .select({
          id: attachments.id,
          purpose: attachments.purpose,
          fileName: attachments.fileName,
          mimeType: attachments.mimeType,
          size: attachments.size,
          createdAt: attachments.createdAt,
        })
        .from(attachments)
        .where(ofProposal(attachments))
        .orderBy(asc(attachments.id)),
      db
        .select({ a: assignments, unitName: units.name })
        .from(assignments)
        .innerJoin(units, eq(units.id, assignments.unitId))
        .where(ofProposal(assignments))
        .orderBy(asc(assignments.position), asc(assignments.id)),
      db
        .select({ c: contacts, unitName: units.name })
        .from(contacts)
        .innerJoin(units, eq(units.id, contacts.unitId))
        .where(ofProposal(contacts))
        .orderBy(asc(contacts.contactDate), asc(contacts.id)),
      db
        .select({ o: coOpinions, unitName: units.name })
        .from(coOpinions)
        .innerJoin(units, eq(units.id, coOpinions.unitId))
        .where(ofProposal(coOpinions))
        .orderBy(asc(coOpinions.id)),
      db
        .select({ r: replies, unitName: units.name })
        .from(replies)
        .innerJoin(units, eq(units.id, replies.unitId))
        .where(ofProposal(replies))
        .orderBy(asc(replies.sequence), asc(replies.id)),
      db
        .select({ e: evaluations, name: users.displayName, unitName: units.name, recordedByName: recorder.displayName })
        .from(evaluations)
        .leftJoin(users, eq(users.id, evaluations.evaluatedBy))
        .leftJoin(recorder, eq(recorder.id, evaluations.recordedBy))
        .leftJoin(units, eq(units.id, evaluations.unitId))
        .where(ofProposal(evaluations))
        .orderBy(asc(evaluations.sequence), asc(evaluations.id)),
      db
        .select({ f: followUps, unitName: units.name })
        .from(followUps)
        .innerJoin(units, eq(units.id, followUps.unitId))
        .where(ofProposal(followUps))
        .orderBy(asc(followUps.id)),
      db
        .select({ leaderId: leaders.id, name: leaders.name, title: leaders.title })
        .from(keyProposalLeaders)
        .innerJoin(leaders, eq(leaders.id, keyProposalLeaders.leaderId))
        .where(ofProposal(keyProposalLeaders))
        .orderBy(asc(keyProposalLeaders.createdAt), asc(leaders.id)),
      db
        .select()
        .from(supervisionActivities)
        .where(ofProposal(supervisionActivities))
        .orderBy(asc(supervisionActivities.activityDate), asc(supervisionActivities.id)),
      readMergeGroup(db, t, p),
    ]);

  const staff = hasRole(actor, 'staff');
  // 答复审核: a reply waiting for review or returned has not gone out. Staff and the office see it,
  // and its own unit; the proposers, leaders and other units see only replies that were sent.
  const reviewer = hasRole(actor, 'staff', 'office');
  const seesReply = (r: typeof replies.$inferSelect) => r.status === 'sent' || reviewer || (actor.unitId !== null && r.unitId === actor.unitId);
  const shownReplies = replyRows.filter(({ r }) => seesReply(r));
  const leadName = proposerRows.find((r) => r.position === 0);
  const coOpinionStatus = assignmentRows.some((x) => x.a.role === 'co') ? await coOpinionStates(db, p, today) : [];
  // 代录: who entered the paper proposal and who recorded paper signatures (one query after the others).
  const proxies = await userNames(db, [p.enteredBy, ...proposerRows.map((r) => r.recordedBy)]);
  const objection = (await objectionWindowsFor(db, actor, [p.id], today)).get(p.id) ?? null;
  const relation: Relation = {
    proposers: proposerRows,
    assignments: assignmentRows.map((x) => x.a),
    replies: replyRows.map((x) => x.r),
  };
  return {
    ...summarize(p),
    statusLabel: STATE_LABELS[p.status],
    body: p.body,
    submittedDuring: p.submittedDuring,
    createdBy: p.createdBy,
    enteredByName: p.enteredBy ? (proxies.get(p.enteredBy) ?? null) : null,
    reviewDecision: p.reviewDecision,
    reviewReason: p.reviewReason,
    reviewComment: p.reviewComment,
    conversion: p.conversion,
    reviewedAt: isoOrNull(p.reviewedAt),
    assignedAt: p.assignedAt,
    replySequence: p.replySequence,
    publishedAt: isoOrNull(p.publishedAt),
    closedAt: isoOrNull(p.closedAt),
    createdAt: iso(p.createdAt),
    session: session[0] ?? { id: p.sessionId, name: '' },
    proposers: proposerRows.map((r) => ({
      position: r.position,
      kind: r.memberId ? ('member' as const) : ('body' as const),
      memberId: r.memberId,
      bodyId: r.bodyId,
      name: r.memberName ?? r.bodyName ?? '',
      sector: r.sector,
      party: r.party,
      workplace: r.workplace,
      // Phone numbers are personal data: only the committee, which organises contacts, sees them.
      ...(staff ? { phone: decryptField(r.phone) } : {}),
      confirmation: r.confirmation,
      confirmedAt: isoOrNull(r.confirmedAt),
      recordedByName: r.recordedBy ? (proxies.get(r.recordedBy) ?? null) : null,
    })),
    attachments: attachmentRows.map((a) => ({ ...a, createdAt: iso(a.createdAt) })),
    assignments: assignmentRows.map(({ a, unitName }) => ({
      id: a.id,
      unitId: a.unitId,
      unitName,
      role: a.role,
      position: a.position,
      status: a.status,
      assignedAt: a.assignedAt,
      signedAt: isoOrNull(a.signedAt),
      objectionReason: a.objectionReason,
      objectionSuggestedUnit: a.objectionSuggestedUnit,
      objectedAt: isoOrNull(a.objectedAt),
      decision: a.decision,
      decisionComment: a.decisionComment,
      decidedAt: isoOrNull(a.decidedAt),
      remindedAt: isoOrNull(a.remindedAt),
      round: a.round,
      version: a.version,
    })),
    contacts: contactRows.map(({ c, unitName }) => ({
      id: c.id,
      unitId: c.unitId,
      unitName,
      method: c.method,
      contactDate: c.contactDate,
      participants: c.participants,
      summary: c.summary,
      createdAt: iso(c.createdAt),
    })),
    coOpinions: opinionRows.map(({ o, unitName }) => ({
      id: o.id,
      unitId: o.unitId,
      unitName,
      body: o.body,
      round: o.round,
      afterReply: o.afterReply,
      createdAt: iso(o.createdAt),
    })),
    coOpinionStatus: coOpinionStatus.map(({ assignmentId: _a, ...s }) => s),
    replies: shownReplies.map(({ r, unitName }) => ({
      id: r.id,
      unitId: r.unitId,
      unitName,
      isLead: r.isLead,
      sequence: r.sequence,
      resultClass: r.resultClass,
      body: r.body,
      disclosure: r.disclosure,
      documentNo: r.documentNo,
      contactPerson: decryptField(r.contactPerson),
      signerName: r.signerName,
      signedAt: iso(r.signedAt),
      dueDate: r.dueDate,
      replyDate: r.replyDate,
      status: r.status,
      // Why it was returned: for those who see a reply before it goes out.
      reviewComment: r.status === 'sent' ? null : r.reviewComment,
      reviewedAt: isoOrNull(r.reviewedAt),
      createdAt: iso(r.createdAt),
    })),
    evaluations: evaluationRows.map(({ e, name, unitName, recordedByName }) => ({
      id: e.id,
      sequence: e.sequence,
      unitId: e.unitId,
      unitName,
      attitude: e.attitude,
      result: e.result,
      comment: e.comment,
      // Always the lead proposer's evaluation; a paper one entered by staff names who entered it (代录).
      evaluatedByName: name ?? (leadName ? (leadName.memberName ?? leadName.bodyName) : null),
      recordedByName,
      createdAt: iso(e.createdAt),
    })),
    followUps: followUpRows.map(({ f, unitName }) => ({
      id: f.id,
      unitId: f.unitId,
      unitName,
      body: f.body,
      completed: f.completed,
      createdAt: iso(f.createdAt),
    })),
    leaders: leaderRows,
    supervisionActivities: activityRows.map((s) => ({
      id: s.id,
      kind: s.kind,
      activityDate: s.activityDate,
      place: s.place,
      participants: s.participants,
      content: s.content,
      unitReport: s.unitReport,
      memberOpinions: s.memberOpinions,
      instructions: s.instructions,
      createdAt: iso(s.createdAt),
    })),
    mergeGroup,
    ...withObjectionWindow(actionsFor(actor, p, relation), objection),
    objectionWindow: objection,
  };
}

/** A closed 申请调整 window turns the action into a disabled one that says until when it ran. */
function withObjectionWindow(actions: Action[], w: { lastDay: string; open: boolean } | null) {
  if (!w || w.open || !actions.includes('object')) return { availableActions: actions, unavailableActions: [] };
  return {
    availableActions: actions.filter((a) => a !== 'object'),
    unavailableActions: [{ action: 'object' as const, reason: objectionClosedMessage(w.lastDay) }],
  };
}

/** A merged group keeps every original number and proposer, so both sides show the other. */
async function readMergeGroup(db: Executor, tenantId: number, p: ProposalRow): Promise<ProposalDetail['mergeGroup']> {
  const cols = { id: proposals.id, number: proposals.number, title: proposals.title, mergedInto: proposals.mergedInto };
  const inTenant = eq(proposals.tenantId, tenantId);
  let primary: { id: number; number: number | null; title: string };
  let secondaries: { id: number; number: number | null; title: string }[] = [];
  let role: 'primary' | 'secondary';
  if (p.mergedInto) {
    const [row] = await db.select(cols).from(proposals).where(and(inTenant, eq(proposals.id, p.mergedInto)));
    if (!row) return null;
    primary = row;
    role = 'secondary';
  } else {
    secondaries = await db
      .select(cols)
      .from(proposals)
      .where(and(inTenant, eq(proposals.mergedInto, p.id)))
      .orderBy(asc(proposals.number), asc(proposals.id));
    if (secondaries.length === 0) return null;
    primary = p;
    role = 'primary';
  }
  const ids = [primary.id, ...secondaries.map((s) => s.id)];
  const names = await db
    .select({ proposalId: proposers.proposalId, memberName: members.name, bodyName: bodies.name })
    .from(proposers)
    .leftJoin(members, eq(members.id, proposers.memberId))
    .leftJoin(bodies, eq(bodies.id, proposers.bodyId))
    .where(and(eq(proposers.tenantId, tenantId), inArray(proposers.proposalId, ids), inArray(proposers.confirmation, ['lead', 'confirmed'])))
    .orderBy(asc(proposers.proposalId), asc(proposers.position));
  const namesOf = groupBy(names, (n) => n.proposalId);
  const view = (x: { id: number; number: number | null; title: string }) => ({
    id: x.id,
    number: x.number,
    title: x.title,
    proposerNames: (namesOf.get(x.id) ?? []).map((n) => n.memberName ?? n.bodyName ?? ''),
  });
  return { role, primary: view(primary), secondaries: secondaries.map(view) };
}

export interface Relation {
  proposers: { position: number; memberId: number | null; bodyId: number | null; confirmation: string }[];
  assignments: (typeof assignments.$inferSelect)[];
  replies: { unitId: number; sequence: number; status: string }[];
}

/**
 * The lifecycle table's actions for this state and these roles, narrowed by what the actor is to
 * the proposal where the data is at hand. A hint for the UI: the use cases check again.
 */
export function actionsFor(actor: Actor, p: ProposalRow, rel: Relation): Action[] {
  const isMe = (x: { memberId: number | null; bodyId: number | null }) =>
    (actor.memberId !== null && x.memberId === actor.memberId) || (actor.bodyId !== null && x.bodyId === actor.bodyId);
  const leadProposer = p.createdBy === actor.userId || rel.proposers.some((x) => x.position === 0 && isMe(x));
  const pendingCoProposer = rel.proposers.some((x) => x.position > 0 && x.confirmation === 'pending' && isMe(x));
  const mine = rel.assignments.filter((a) => actor.unitId !== null && a.unitId === actor.unitId && a.status !== 'removed');
  const answering = mine.filter((a) => a.role === 'lead' || a.role === 'separate');
  // In re-handling only the units sent back answer again; a returned reply is answered again.
  const answersThisRound = answering.some((a) => a.round === p.replySequence);
  const answered = rel.replies.some((r) => r.unitId === actor.unitId && r.sequence === p.replySequence && r.status !== 'returned');

  const relationOk: Partial<Record<Action, boolean>> = {
    edit: leadProposer,
    submit: leadProposer,
    withdraw: leadProposer,
    // Staff enter a paper evaluation on the lead proposer's behalf (代录).
    evaluate: leadProposer || hasRole(actor, 'staff'),
    confirm_cosign: pendingCoProposer,
    decline_cosign: pendingCoProposer,
    sign: mine.some((a) => a.status === 'pending'),
    object: mine.some((a) => (a.status === 'pending' || a.status === 'signed') && a.objectedAt === null),
    record_cosign: rel.proposers.some((x) => x.position > 0 && x.confirmation === 'pending'),
    record_contact: mine.length > 0,
    add_co_opinion: mine.some((a) => a.role === 'co'),
    reply: answersThisRound && !answered,
    report_follow_up: answering.length > 0,
    decide_objection: rel.assignments.some((a) => a.status === 'objected'),
    merge: p.mergedInto === null,
    add_supervision: p.isKey,
    publish: !p.published,
  };
  return availableActions(p.status, actor.roles).filter((a) => relationOk[a] ?? true);
}
