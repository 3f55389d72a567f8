import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import { chineseDate, englishDate } from '../../../shared/dates.js';
import type { Executor } from '../../db/client.js';
import {
  assignments,
  jointSupervisions,
  proposals,
  supervisionInstructions,
  supervisionMeetingLeaders,
  supervisionMeetingProposals,
  supervisionMeetings,
  users,
} from '../../db/schema.js';
import type { Meeting, MeetingBody } from '../../../shared/schemas/supervision.js';
import { MEETING_KINDS } from '../../../shared/domain.js';
import { chinaDay } from '../../clock.js';
import { invalid, notFound } from '../../errors.js';
import type { Actor } from '../actor.js';
import { notify, writeAudit } from '../audit.js';
import { confinedKind, unitUserIds } from '../proposal-access.js';
import { auditCrossTenant, checkLeaders, leaderBriefs, leaderTenantsOf, proposalBriefs, supervisionTarget, type SupervisionTarget } from './access.js';
import { presentInstructions } from './instructions.js';
import { attachmentsOf } from './meeting-attachments.js';

type MeetingRow = typeof supervisionMeetings.$inferSelect;

/**
 * 登记督办会议: a 专题协商会, 现场督办 or 座谈会 on one or more key proposals of one tenant, with
 * its chair and attending leaders (of that tenant, or of the partner level on a jointly supervised
 * proposal), the unit's report, the members' opinions, what was decided, the minutes, and the
 * leaders' instructions as items to follow up. The meeting is the owning tenant's record; a
 * partner's write is audited there.
 */
export async function createMeeting(tx: Executor, actor: Actor, input: MeetingBody, now: Date): Promise<Meeting> {
  if (input.meetingDate > chinaDay(now)) throw invalid('body.meetingDate', '会议日期不能晚于今天');
  const ids = [...new Set(input.proposalIds)];
  const targets: SupervisionTarget[] = [];
  for (const id of ids) targets.push(await supervisionTarget(tx, actor, id, 'write'));
  const owner = targets[0]!.ownerTenantId;
  if (targets.some((t) => t.ownerTenantId !== owner)) throw invalid('body.proposalIds', '一次会议只能涉及同一地区的重点提案');
  // A leader may be of any level every covered proposal admits.
  const allowed = targets.map(leaderTenantsOf).reduce((a, b) => a.filter((x) => b.includes(x)));
  const leaderIds = [...new Set([...(input.chairLeaderId ? [input.chairLeaderId] : []), ...input.leaderIds])];
  await checkLeaders(tx, leaderIds, allowed, 'body.leaderIds');
  await checkLeaders(tx, input.instructions.map((i) => i.leaderId), allowed, 'body.instructions');
  for (const [n, i] of input.instructions.entries()) {
    if (i.proposalId === undefined && ids.length > 1) throw invalid(`body.instructions.${n}.proposalId`, '会议涉及多件提案时，请为每条批示选择所针对的提案');
    if (i.proposalId !== undefined && !ids.includes(i.proposalId)) throw invalid(`body.instructions.${n}.proposalId`, '批示所针对的提案不在本次会议中');
  }

  const [row] = await tx
    .insert(supervisionMeetings)
    .values({
      tenantId: owner,
      kind: input.kind,
      meetingDate: input.meetingDate,
      place: input.place,
      chairLeaderId: input.chairLeaderId ?? null,
      units: input.units || null,
      members: input.members || null,
      agenda: input.agenda,
      unitReport: input.unitReport || null,
      memberOpinions: input.memberOpinions || null,
      decisions: input.decisions || null,
      minutes: input.minutes || null,
      createdBy: actor.userId,
    })
    .returning();
  const m = row!;
  await tx.insert(supervisionMeetingProposals).values(ids.map((proposalId) => ({ tenantId: owner, meetingId: m.id, proposalId })));
  if (leaderIds.length) await tx.insert(supervisionMeetingLeaders).values(leaderIds.map((leaderId) => ({ tenantId: owner, meetingId: m.id, leaderId })));
  if (input.instructions.length) {
    await tx.insert(supervisionInstructions).values(
      input.instructions.map((i) => ({
        tenantId: owner,
        proposalId: i.proposalId ?? ids[0]!,
        meetingId: m.id,
        leaderId: i.leaderId,
        issuedOn: input.meetingDate,
        content: i.content,
        createdBy: actor.userId,
      })),
    );
  }
  const after = { ...m, proposalIds: ids, leaderIds, instructions: input.instructions.length };
  if (targets.some((t) => t.crossTenant)) {
    await auditCrossTenant(tx, actor, owner, { action: 'supervision.meeting_create', entityType: 'supervision_meeting', entityId: m.id, proposalId: ids[0]!, after });
  } else {
    await writeAudit(tx, actor, { action: 'supervision.meeting_create', entityType: 'supervision_meeting', entityId: m.id, proposalId: ids[0]!, after });
  }

  const unitRows = await tx
    .select({ unitId: assignments.unitId })
    .from(assignments)
    .where(and(eq(assignments.tenantId, owner), inArray(assignments.proposalId, ids), ne(assignments.status, 'removed')));
  await notify(tx, owner, await unitUserIds(tx, owner, unitRows.map((r) => r.unitId)), {
    kind: 'supervision.meeting',
    message: `已登记${MEETING_KINDS.labels[input.kind]}（${chineseDate(input.meetingDate)}，${input.place}）${input.instructions.length ? '，请落实领导批示' : ''}`,
    messageEn: `${MEETING_KINDS.en[input.kind]} recorded (${englishDate(input.meetingDate)}, ${input.place})${input.instructions.length ? ': please act on the leaders’ instructions' : ''}`,
    proposalId: ids[0]!,
  });
  return (await presentMeetings(tx, [m]))[0]!;
}

/** The meetings covering a key proposal the actor may reach, newest first. */
export async function listMeetingsOf(tx: Executor, actor: Actor, proposalId: number): Promise<Meeting[]> {
  const t = await supervisionTarget(tx, actor, proposalId, 'read');
  const rows = await meetingsOfProposals(tx, t.ownerTenantId, [t.proposal.id]);
  if (t.crossTenant) await auditCrossTenant(tx, actor, t.ownerTenantId, { action: 'supervision.meeting_list', entityType: 'proposal', entityId: t.proposal.id, proposalId: t.proposal.id });
  return presentMeetings(tx, rows, await reachableFilter(tx, actor, t));
}

export async function meetingsOfProposals(tx: Executor, tenantId: number, proposalIds: number[]): Promise<MeetingRow[]> {
  if (!proposalIds.length) return [];
  const rows = await tx
    .selectDistinct({ m: supervisionMeetings })
    .from(supervisionMeetings)
    .innerJoin(supervisionMeetingProposals, eq(supervisionMeetingProposals.meetingId, supervisionMeetings.id))
    .where(and(eq(supervisionMeetings.tenantId, tenantId), inArray(supervisionMeetingProposals.proposalId, proposalIds)));
  return rows.map((r) => r.m).sort((a, b) => (a.meetingDate === b.meetingDate ? b.id - a.id : a.meetingDate < b.meetingDate ? 1 : -1));
}

/** One meeting, reached through any of its proposals the actor may reach. */
export async function getMeeting(tx: Executor, actor: Actor, id: number): Promise<Meeting> {
  const [m] = await tx.select().from(supervisionMeetings).where(eq(supervisionMeetings.id, id));
  if (!m) throw notFound('督办会议');
  const covered = await tx.select({ id: supervisionMeetingProposals.proposalId }).from(supervisionMeetingProposals).where(eq(supervisionMeetingProposals.meetingId, id)).orderBy(asc(supervisionMeetingProposals.proposalId));
  for (const c of covered) {
    const t = await supervisionTarget(tx, actor, c.id, 'read').catch(() => null);
    if (!t) continue;
    if (t.crossTenant) await auditCrossTenant(tx, actor, t.ownerTenantId, { action: 'supervision.meeting_read', entityType: 'supervision_meeting', entityId: id, proposalId: c.id });
    return (await presentMeetings(tx, [m], await reachableFilter(tx, actor, t)))[0]!;
  }
  throw notFound('督办会议');
}

/**
 * What of a meeting the actor may see besides the proposal he reached it through: on the partner
 * side only the owner's proposals jointly supervised with his tenant, and for a staff account only
 * its organ's (a meeting may cover a 提案 and a 代表建议). Other proposals, and their instructions,
 * are left out of what is shown (their titles too).
 */
export async function reachableFilter(tx: Executor, actor: Actor, t: SupervisionTarget): Promise<((proposalId: number) => boolean) | undefined> {
  let allowed: Set<number> | null = null;
  if (t.crossTenant) {
    const rows = await tx
      .select({ id: jointSupervisions.proposalId })
      .from(jointSupervisions)
      .where(and(eq(jointSupervisions.tenantId, t.ownerTenantId), eq(jointSupervisions.partnerTenantId, actor.tenantId), eq(jointSupervisions.status, 'accepted')));
    allowed = new Set(rows.map((r) => r.id));
  }
  const kind = confinedKind(actor);
  if (kind) {
    const rows = kind === 'nothing' ? [] : await tx.select({ id: proposals.id }).from(proposals).where(and(eq(proposals.tenantId, t.ownerTenantId), eq(proposals.kind, kind), eq(proposals.isKey, true)));
    const ofKind = new Set(rows.map((r) => r.id));
    allowed = allowed ? new Set([...allowed].filter((id) => ofKind.has(id))) : ofKind;
  }
  if (!allowed) return undefined;
  const ok = allowed;
  return (id) => ok.has(id);
}

export async function presentMeetings(tx: Executor, rows: MeetingRow[], keep?: (proposalId: number) => boolean): Promise<Meeting[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const covered = await tx.select().from(supervisionMeetingProposals).where(inArray(supervisionMeetingProposals.meetingId, ids));
  const attending = await tx.select().from(supervisionMeetingLeaders).where(inArray(supervisionMeetingLeaders.meetingId, ids));
  const instructionRows = await tx
    .select()
    .from(supervisionInstructions)
    .where(inArray(supervisionInstructions.meetingId, ids))
    .orderBy(asc(supervisionInstructions.id));
  const leaders = await leaderBriefs(tx, [...attending.map((a) => a.leaderId), ...rows.flatMap((r) => (r.chairLeaderId ? [r.chairLeaderId] : []))]);
  const proposals = await proposalBriefs(tx, covered.map((c) => c.proposalId));
  const creators = await tx.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, [...new Set(rows.map((r) => r.createdBy))]));
  const creatorName = new Map(creators.map((c) => [c.id, c.name]));
  const instructions = await presentInstructions(tx, instructionRows.filter((i) => !keep || keep(i.proposalId)));
  const files = await attachmentsOf(tx, ids);
  return rows.map((m) => ({
    id: m.id,
    tenantId: m.tenantId,
    kind: m.kind,
    meetingDate: m.meetingDate,
    place: m.place,
    chair: m.chairLeaderId ? (leaders.get(m.chairLeaderId) ?? null) : null,
    leaders: attending.filter((a) => a.meetingId === m.id).map((a) => leaders.get(a.leaderId)!).filter(Boolean),
    proposals: covered
      .filter((c) => c.meetingId === m.id && (!keep || keep(c.proposalId)))
      .map((c) => proposals.get(c.proposalId)!)
      .sort((a, b) => (a.number ?? 0) - (b.number ?? 0)),
    units: m.units,
    members: m.members,
    agenda: m.agenda,
    unitReport: m.unitReport,
    memberOpinions: m.memberOpinions,
    decisions: m.decisions,
    minutes: m.minutes,
    instructions: instructions.filter((i) => i.meetingId === m.id),
    attachments: files.filter((f) => f.meetingId === m.id),
    createdByName: creatorName.get(m.createdBy) ?? '',
    createdAt: m.createdAt.toISOString(),
  }));
}
