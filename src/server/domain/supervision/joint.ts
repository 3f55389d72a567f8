import { and, asc, desc, eq, inArray, ne, or } from 'drizzle-orm';
import { enWords } from '../../../shared/vocabulary.js';
import type { Executor } from '../../db/client.js';
import {
  assignments,
  jointSupervisions,
  keyProposalLeaders,
  leaders,
  proposals,
  replies,
  sessions,
  supervisionActivities,
  supervisionInstructions,
  tenants,
  units,
  users,
} from '../../db/schema.js';
import type { Joint, JointView } from '../../../shared/schemas/supervision.js';
import { conflict, forbidden, invalid, notFound } from '../../errors.js';
import type { Actor } from '../actor.js';
import { hasRole } from '../actor.js';
import { notify, writeAudit } from '../audit.js';
import { confinedKind, getVisibleProposal } from '../proposal-access.js';
import { proposerNamesOf } from '../proposal-facts.js';
import { auditCrossTenant, leaderBriefs, partnerMaySee, proposalBriefs, supervisionTarget, tenantNames, type JointRow } from './access.js';
import { meetingsOfProposals, presentMeetings, reachableFilter } from './meetings.js';
import { presentInstructions } from './instructions.js';
import { SUPERVISION_KINDS } from '../../../shared/domain.js';
import type { SupervisionActivityBody } from '../../../shared/schemas/key-proposals.js';
import { chinaDay } from '../../clock.js';

const staffOf = async (tx: Executor, tenantId: number, kind: 'proposal' | 'suggestion') => {
  const organ = kind === 'proposal' ? 'cppcc' : 'npc';
  const rows = await tx.select({ id: users.id, roles: users.roles, organ: users.organ }).from(users).where(and(eq(users.tenantId, tenantId), eq(users.active, true)));
  return rows.filter((u) => u.roles.includes('office') || (u.roles.includes('staff') && u.organ === organ)).map((u) => u.id);
};

/**
 * 邀请上级联合督办: committee staff of the county (its organ's) invite the parent tenant on one of
 * their key proposals. One live invitation or joint supervision per proposal.
 */
export async function inviteJoint(tx: Executor, actor: Actor, proposalId: number, note: string | undefined, now: Date): Promise<Joint> {
  if (!hasRole(actor, 'staff')) throw forbidden();
  const p = await getVisibleProposal(tx, actor, proposalId, { forUpdate: true });
  if (!p.isKey) throw conflict('只有重点提案可以邀请上级联合督办');
  const [me] = await tx.select().from(tenants).where(eq(tenants.id, actor.tenantId));
  if (!me?.parentId) throw conflict('本地区没有上级，不能发起两级联合督办');
  const [live] = await tx.select().from(jointSupervisions).where(and(eq(jointSupervisions.proposalId, p.id), inArray(jointSupervisions.status, ['invited', 'accepted'])));
  if (live) throw conflict(live.status === 'accepted' ? '该提案已在两级联合督办中' : '已邀请上级联合督办，等待上级确认');
  const [row] = await tx
    .insert(jointSupervisions)
    .values({ tenantId: actor.tenantId, proposalId: p.id, partnerTenantId: me.parentId, note: note || null, invitedBy: actor.userId, invitedAt: now })
    .returning();
  await writeAudit(tx, actor, { action: 'joint.invite', entityType: 'joint_supervision', entityId: row!.id, proposalId: p.id, after: row });
  // The parent's staff of the same organ hear of it; the audit of their side is the parent's own (nothing read yet).
  await notify(tx, me.parentId, await staffOf(tx, me.parentId, p.kind), {
    kind: 'joint.invite',
    message: `${me.name}邀请联合督办重点提案「${p.title}」，请在「两级联合督办」中确认`,
    messageEn: enWords(p.kind)`${me.name} invites you to supervise key proposal “${p.title}” jointly; please answer under “Two-level joint supervision”`,
  });
  return (await presentJoints(tx, actor, [row!]))[0]!;
}

async function loadForPartner(tx: Executor, actor: Actor, id: number): Promise<{ j: JointRow; p: typeof proposals.$inferSelect }> {
  const [hit] = await tx
    .select({ j: jointSupervisions, p: proposals })
    .from(jointSupervisions)
    .innerJoin(proposals, eq(proposals.id, jointSupervisions.proposalId))
    .where(and(eq(jointSupervisions.id, id), eq(jointSupervisions.partnerTenantId, actor.tenantId)))
    .for('update');
  if (!hit) throw notFound('联合督办');
  const kind = confinedKind(actor);
  if (!hasRole(actor, 'staff') || (kind !== null && kind !== hit.p.kind)) throw notFound('联合督办');
  return hit;
}

/** 上级确认 / 谢绝: the parent's staff (of the proposal's organ) accept or decline an invitation. */
export async function answerJoint(tx: Executor, actor: Actor, id: number, accept: boolean, note: string | undefined, now: Date): Promise<Joint> {
  const { j, p } = await loadForPartner(tx, actor, id);
  if (j.status !== 'invited') throw conflict('该邀请已处理');
  const [after] = await tx
    .update(jointSupervisions)
    .set({ status: accept ? 'accepted' : 'declined', answeredBy: actor.userId, answeredAt: now, note: note ? `${j.note ? `${j.note}\n` : ''}${note}` : j.note })
    .where(eq(jointSupervisions.id, id))
    .returning();
  await auditCrossTenant(tx, actor, j.tenantId, { action: accept ? 'joint.accept' : 'joint.decline', entityType: 'joint_supervision', entityId: id, proposalId: p.id, after: { status: after!.status } });
  await writeAudit(tx, actor, { action: accept ? 'joint.accept' : 'joint.decline', entityType: 'joint_supervision', entityId: id, after: { status: after!.status, ownerTenantId: j.tenantId } });
  const [me] = await tx.select({ name: tenants.name }).from(tenants).where(eq(tenants.id, actor.tenantId));
  await notify(tx, j.tenantId, await staffOf(tx, j.tenantId, p.kind), {
    kind: accept ? 'joint.accept' : 'joint.decline',
    message: `${me?.name ?? '上级'}${accept ? '已同意联合督办' : '谢绝联合督办'}重点提案「${p.title}」`,
    messageEn: enWords(p.kind)`${me?.name ?? 'The level above'} ${accept ? 'accepted' : 'declined'} joint supervision of key proposal “${p.title}”`,
    proposalId: p.id,
  });
  return (await presentJoints(tx, actor, [after!]))[0]!;
}

/** 撤回: the county's staff withdraw an invitation or end a joint supervision. */
export async function withdrawJoint(tx: Executor, actor: Actor, id: number): Promise<Joint> {
  const [j] = await tx.select().from(jointSupervisions).where(and(eq(jointSupervisions.id, id), eq(jointSupervisions.tenantId, actor.tenantId))).for('update');
  if (!j) throw notFound('联合督办');
  await getVisibleProposal(tx, actor, j.proposalId).catch(() => {
    throw notFound('联合督办');
  });
  if (!hasRole(actor, 'staff')) throw forbidden();
  if (j.status !== 'invited' && j.status !== 'accepted') throw conflict('该联合督办已结束');
  const [after] = await tx.update(jointSupervisions).set({ status: 'withdrawn' }).where(eq(jointSupervisions.id, id)).returning();
  await writeAudit(tx, actor, { action: 'joint.withdraw', entityType: 'joint_supervision', entityId: id, proposalId: j.proposalId, before: { status: j.status }, after: { status: 'withdrawn' } });
  return (await presentJoints(tx, actor, [after!]))[0]!;
}

/**
 * 上级领导领衔督办: the parent's staff name their own leaders on a jointly supervised proposal
 * (replacing the parent level's set; the county's leaders stay as the county named them).
 */
export async function setJointLeaders(tx: Executor, actor: Actor, id: number, leaderIds: number[]): Promise<Joint> {
  const { j, p } = await loadForPartner(tx, actor, id);
  if (j.status !== 'accepted') throw conflict('上级确认联合督办后才能指定本级督办领导');
  const unique = [...new Set(leaderIds)];
  const found = unique.length ? await tx.select({ id: leaders.id, userId: leaders.userId }).from(leaders).where(and(eq(leaders.tenantId, actor.tenantId), inArray(leaders.id, unique))) : [];
  if (found.length !== unique.length) throw invalid('body.leaderIds', '所选督办领导不存在');
  const mine = await tx
    .select({ leaderId: keyProposalLeaders.leaderId })
    .from(keyProposalLeaders)
    .innerJoin(leaders, eq(leaders.id, keyProposalLeaders.leaderId))
    .where(and(eq(keyProposalLeaders.proposalId, p.id), eq(leaders.tenantId, actor.tenantId)));
  const before = mine.map((r) => r.leaderId);
  if (before.length) await tx.delete(keyProposalLeaders).where(and(eq(keyProposalLeaders.proposalId, p.id), inArray(keyProposalLeaders.leaderId, before)));
  if (unique.length) await tx.insert(keyProposalLeaders).values(unique.map((leaderId) => ({ tenantId: p.tenantId, proposalId: p.id, leaderId })));
  await auditCrossTenant(tx, actor, p.tenantId, { action: 'joint.set_leaders', entityType: 'joint_supervision', entityId: j.id, proposalId: p.id, after: { before, leaderIds: unique } });
  const added = found.filter((l) => !before.includes(l.id)).flatMap((l) => (l.userId ? [l.userId] : []));
  await notify(tx, actor.tenantId, added, {
    kind: 'joint.leader',
    message: `请您领衔督办两级联合督办重点提案「${p.title}」`,
    messageEn: enWords(p.kind)`You are asked to lead the two-level joint supervision of key proposal “${p.title}”`,
  });
  return (await presentJoints(tx, actor, [j]))[0]!;
}

/**
 * 两级联合督办一览: on the county side its staff's and office's own (every status), on the parent
 * side what was addressed to it — staff and the office of the proposal's organ, a leader only the
 * accepted ones he is named on.
 */
export async function listJoints(tx: Executor, actor: Actor): Promise<Joint[]> {
  const rows = await tx
    .select({ j: jointSupervisions, p: proposals })
    .from(jointSupervisions)
    .innerJoin(proposals, eq(proposals.id, jointSupervisions.proposalId))
    .where(or(eq(jointSupervisions.tenantId, actor.tenantId), eq(jointSupervisions.partnerTenantId, actor.tenantId)))
    .orderBy(desc(jointSupervisions.invitedAt), desc(jointSupervisions.id));
  const out: JointRow[] = [];
  for (const { j, p } of rows) {
    if (j.tenantId === actor.tenantId) {
      if (await getVisibleProposal(tx, actor, p.id).then(() => true, () => false)) out.push(j);
    } else if (j.status === 'invited' || j.status === 'declined') {
      const kind = confinedKind(actor);
      if (hasRole(actor, 'staff') && (kind === null || kind === p.kind)) out.push(j);
      else if (hasRole(actor, 'office')) out.push(j);
    } else if (j.status === 'accepted' && (await partnerMaySee(tx, actor, p))) out.push(j);
  }
  const owners = new Set(rows.filter((r) => out.includes(r.j) && r.j.tenantId !== actor.tenantId).map((r) => r.j.tenantId));
  for (const t of owners) await auditCrossTenant(tx, actor, t, { action: 'joint.list', entityType: 'joint_supervision' });
  return presentJoints(tx, actor, out);
}

export async function presentJoints(tx: Executor, actor: Actor, rows: JointRow[]): Promise<Joint[]> {
  if (!rows.length) return [];
  const names = await tenantNames(tx, rows.flatMap((r) => [r.tenantId, r.partnerTenantId]));
  const props = await proposalBriefs(tx, rows.map((r) => r.proposalId));
  const links = await tx.select().from(keyProposalLeaders).where(inArray(keyProposalLeaders.proposalId, rows.map((r) => r.proposalId))).orderBy(asc(keyProposalLeaders.createdAt));
  const briefs = await leaderBriefs(tx, links.map((l) => l.leaderId));
  return rows.map((r) => ({
    id: r.id,
    status: r.status,
    proposal: props.get(r.proposalId)!,
    ownerTenant: { id: r.tenantId, name: names.get(r.tenantId) ?? '' },
    partnerTenant: { id: r.partnerTenantId, name: names.get(r.partnerTenantId) ?? '' },
    side: r.tenantId === actor.tenantId ? 'owner' : 'partner',
    note: r.note,
    invitedAt: r.invitedAt.toISOString(),
    answeredAt: r.answeredAt ? r.answeredAt.toISOString() : null,
    // Before acceptance the parent sees the title only, not who leads it.
    leaders: r.status === 'accepted' || r.tenantId === actor.tenantId ? links.filter((l) => l.proposalId === r.proposalId).map((l) => briefs.get(l.leaderId)!) : [],
  }));
}

/**
 * What both levels see of a jointly supervised proposal: the proposal, its units and replies that
 * went out, its supervision activities, meetings and instructions. A partner's read is audited in
 * the owner's chain.
 */
export async function readJoint(tx: Executor, actor: Actor, id: number): Promise<JointView> {
  const [j] = await tx
    .select()
    .from(jointSupervisions)
    .where(and(eq(jointSupervisions.id, id), or(eq(jointSupervisions.tenantId, actor.tenantId), and(eq(jointSupervisions.partnerTenantId, actor.tenantId), eq(jointSupervisions.status, 'accepted')))));
  if (!j) throw notFound('联合督办');
  const t = await supervisionTarget(tx, actor, j.proposalId, 'read').catch(() => {
    throw notFound('联合督办');
  });
  if (t.crossTenant) await auditCrossTenant(tx, actor, t.ownerTenantId, { action: 'joint.read', entityType: 'joint_supervision', entityId: j.id, proposalId: j.proposalId });
  const p = t.proposal;
  const owner = t.ownerTenantId;
  const [s] = await tx.select({ name: sessions.name }).from(sessions).where(eq(sessions.id, p.sessionId));
  const unitRows = await tx
    .select({ name: units.name, role: assignments.role, status: assignments.status })
    .from(assignments)
    .innerJoin(units, eq(units.id, assignments.unitId))
    .where(and(eq(assignments.tenantId, owner), eq(assignments.proposalId, p.id), ne(assignments.status, 'removed')))
    .orderBy(asc(assignments.position), asc(assignments.id));
  const replyRows = await tx
    .select({ unitName: units.name, resultClass: replies.resultClass, repliedOn: replies.replyDate, content: replies.body })
    .from(replies)
    .innerJoin(units, eq(units.id, replies.unitId))
    .where(and(eq(replies.tenantId, owner), eq(replies.proposalId, p.id), eq(replies.status, 'sent')))
    .orderBy(asc(replies.id));
  const acts = await tx.select().from(supervisionActivities).where(and(eq(supervisionActivities.tenantId, owner), eq(supervisionActivities.proposalId, p.id))).orderBy(asc(supervisionActivities.activityDate));
  const instr = await tx.select().from(supervisionInstructions).where(and(eq(supervisionInstructions.tenantId, owner), eq(supervisionInstructions.proposalId, p.id))).orderBy(asc(supervisionInstructions.issuedOn), asc(supervisionInstructions.id));
  const names = await proposerNamesOf(tx, owner, [p.id]);
  const [base] = await presentJoints(tx, actor, [j]);
  return {
    ...base!,
    sessionName: s?.name ?? '',
    proposalStatus: p.status,
    body: p.body,
    proposers: (names.get(p.id) ?? []).map((n) => n.name),
    units: unitRows.map((u) => ({ name: u.name, role: u.role, status: u.status })),
    replies: replyRows.map((r) => ({ ...r, repliedOn: r.repliedOn ?? null })),
    activities: acts.map((a) => ({ id: a.id, kind: SUPERVISION_KINDS.labels[a.kind], activityDate: a.activityDate, place: a.place, content: a.content, instructions: a.instructions })),
    meetings: await presentMeetings(tx, await meetingsOfProposals(tx, owner, [p.id]), await reachableFilter(tx, actor, t)),
    instructions: await presentInstructions(tx, instr),
  };
}

/**
 * 登记督办活动 on a jointly supervised proposal from either level (the parent's staff, office or
 * named leaders included): the owner's `supervision_activities` row, audited in the owner's chain
 * when it comes from the parent.
 */
export async function addJointActivity(tx: Executor, actor: Actor, id: number, input: SupervisionActivityBody, now: Date) {
  const [j] = await tx.select().from(jointSupervisions).where(and(eq(jointSupervisions.id, id), eq(jointSupervisions.status, 'accepted'), or(eq(jointSupervisions.tenantId, actor.tenantId), eq(jointSupervisions.partnerTenantId, actor.tenantId))));
  if (!j) throw notFound('联合督办');
  const t = await supervisionTarget(tx, actor, j.proposalId, 'write').catch(() => {
    throw notFound('联合督办');
  });
  if (input.activityDate > chinaDay(now)) throw invalid('body.activityDate', '活动日期不能晚于今天');
  const [row] = await tx
    .insert(supervisionActivities)
    .values({
      tenantId: t.ownerTenantId, proposalId: t.proposal.id, kind: input.kind, activityDate: input.activityDate, place: input.place, participants: input.participants,
      content: input.content, unitReport: input.unitReport || null, memberOpinions: input.memberOpinions || null, instructions: input.instructions || null, createdBy: actor.userId,
    })
    .returning();
  const e = { action: 'supervision.add', entityType: 'supervision_activity', entityId: row!.id, proposalId: t.proposal.id, after: { ...row, jointSupervisionId: j.id } };
  if (t.crossTenant) await auditCrossTenant(tx, actor, t.ownerTenantId, e);
  else await writeAudit(tx, actor, e);
  return { id: row!.id, kind: SUPERVISION_KINDS.labels[row!.kind], activityDate: row!.activityDate, place: row!.place, content: row!.content, instructions: row!.instructions };
}
