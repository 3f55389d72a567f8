import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import { enWords } from '../../../shared/vocabulary.js';
import type { Executor } from '../../db/client.js';
import { assignments, supervisionInstructions, supervisionMeetingProposals, users } from '../../db/schema.js';
import type { Instruction, InstructionBody } from '../../../shared/schemas/supervision.js';
import { chinaDay } from '../../clock.js';
import { conflict, forbidden, invalid, notFound } from '../../errors.js';
import type { Actor } from '../actor.js';
import { hasRole } from '../actor.js';
import { notify, writeAudit } from '../audit.js';
import { unitUserIds } from '../proposal-access.js';
import { auditCrossTenant, checkLeaders, leaderBriefs, leaderTenantsOf, proposalBriefs, supervisionTarget, type SupervisionTarget } from './access.js';

type InstructionRow = typeof supervisionInstructions.$inferSelect;

async function audit(tx: Executor, actor: Actor, t: SupervisionTarget, e: Parameters<typeof writeAudit>[2]) {
  if (t.crossTenant) await auditCrossTenant(tx, actor, t.ownerTenantId, { ...e, after: (e.after ?? {}) as Record<string, unknown> });
  else await writeAudit(tx, actor, e);
}

/**
 * 登记领导批示: a leader records his own instruction on a key proposal he leads (from his page), or
 * staff and the office record one a leader gave (naming the leader). The handling units are told.
 */
export async function createInstruction(tx: Executor, actor: Actor, input: InstructionBody, now: Date): Promise<Instruction> {
  if (input.issuedOn > chinaDay(now)) throw invalid('body.issuedOn', '批示日期不能晚于今天');
  const t = await supervisionTarget(tx, actor, input.proposalId, 'write');
  let leaderId = input.leaderId;
  if (!hasRole(actor, 'staff', 'office')) {
    // A leader records only his own instruction.
    if (!actor.leaderId) throw forbidden();
    if (leaderId !== undefined && leaderId !== actor.leaderId) throw forbidden('督办领导只能登记本人的批示');
    leaderId = actor.leaderId;
  }
  if (leaderId === undefined) throw invalid('body.leaderId', '请选择作出批示的领导');
  await checkLeaders(tx, [leaderId], leaderTenantsOf(t), 'body.leaderId');
  if (input.meetingId !== undefined) {
    const [covered] = await tx
      .select({ id: supervisionMeetingProposals.meetingId })
      .from(supervisionMeetingProposals)
      .where(and(eq(supervisionMeetingProposals.meetingId, input.meetingId), eq(supervisionMeetingProposals.proposalId, t.proposal.id)));
    if (!covered) throw invalid('body.meetingId', '所选会议不涉及该提案');
  }
  const [row] = await tx
    .insert(supervisionInstructions)
    .values({
      tenantId: t.ownerTenantId,
      proposalId: t.proposal.id,
      meetingId: input.meetingId ?? null,
      leaderId,
      issuedOn: input.issuedOn,
      content: input.content,
      createdBy: actor.userId,
    })
    .returning();
  await audit(tx, actor, t, { action: 'supervision.instruction_create', entityType: 'supervision_instruction', entityId: row!.id, proposalId: t.proposal.id, after: row });
  const unitRows = await tx
    .select({ unitId: assignments.unitId })
    .from(assignments)
    .where(and(eq(assignments.tenantId, t.ownerTenantId), eq(assignments.proposalId, t.proposal.id), ne(assignments.status, 'removed')));
  await notify(tx, t.ownerTenantId, await unitUserIds(tx, t.ownerTenantId, unitRows.map((r) => r.unitId)), {
    kind: 'supervision.instruction',
    message: `重点提案「${t.proposal.title}」有新的领导批示，请落实并反馈`,
    messageEn: enWords(t.proposal.kind)`Key proposal “${t.proposal.title}” has a new instruction from a leader: please act on it and report back`,
    proposalId: t.proposal.id,
  });
  return (await presentInstructions(tx, [row!]))[0]!;
}

/**
 * 反馈落实情况: the lead or a co-handling unit of the proposal, or staff and the office (either
 * level on a joint one), answer an open instruction; it becomes 已反馈 with the response.
 */
export async function followUpInstruction(tx: Executor, actor: Actor, id: number, response: string, now: Date): Promise<Instruction> {
  const [row] = await tx.select().from(supervisionInstructions).where(eq(supervisionInstructions.id, id)).for('update');
  if (!row) throw notFound('领导批示');
  const t = await supervisionTarget(tx, actor, row.proposalId, 'read').catch(() => {
    throw notFound('领导批示');
  });
  const isUnit = hasRole(actor, 'unit') && !t.crossTenant;
  if (!hasRole(actor, 'staff', 'office') && !isUnit) throw forbidden('只有承办单位、提案委或督查室可以反馈落实情况');
  if (row.status !== 'open') throw conflict('该批示已反馈落实情况');
  const [after] = await tx
    .update(supervisionInstructions)
    .set({ status: 'followed_up', response, respondedBy: actor.userId, respondedAt: now })
    .where(eq(supervisionInstructions.id, id))
    .returning();
  await audit(tx, actor, t, { action: 'supervision.instruction_follow_up', entityType: 'supervision_instruction', entityId: id, proposalId: row.proposalId, before: { status: row.status }, after: { status: 'followed_up', response } });
  return (await presentInstructions(tx, [after!]))[0]!;
}

/** The instructions on a key proposal the actor may reach, oldest first. */
export async function listInstructionsOf(tx: Executor, actor: Actor, proposalId: number): Promise<Instruction[]> {
  const t = await supervisionTarget(tx, actor, proposalId, 'read');
  if (t.crossTenant) await auditCrossTenant(tx, actor, t.ownerTenantId, { action: 'supervision.instruction_list', entityType: 'proposal', entityId: t.proposal.id, proposalId: t.proposal.id });
  const rows = await tx
    .select()
    .from(supervisionInstructions)
    .where(and(eq(supervisionInstructions.tenantId, t.ownerTenantId), eq(supervisionInstructions.proposalId, t.proposal.id)))
    .orderBy(asc(supervisionInstructions.issuedOn), asc(supervisionInstructions.id));
  return presentInstructions(tx, rows);
}

export async function presentInstructions(tx: Executor, rows: InstructionRow[]): Promise<Instruction[]> {
  if (!rows.length) return [];
  const leaders = await leaderBriefs(tx, rows.map((r) => r.leaderId));
  const proposals = await proposalBriefs(tx, rows.map((r) => r.proposalId));
  const userIds = [...new Set(rows.flatMap((r) => [r.createdBy, ...(r.respondedBy ? [r.respondedBy] : [])]))];
  const names = new Map((await tx.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, userIds))).map((u) => [u.id, u.name]));
  return rows.map((r) => ({
    id: r.id,
    proposal: proposals.get(r.proposalId)!,
    meetingId: r.meetingId,
    leader: leaders.get(r.leaderId)!,
    issuedOn: r.issuedOn,
    content: r.content,
    status: r.status,
    response: r.response,
    respondedByName: r.respondedBy ? (names.get(r.respondedBy) ?? null) : null,
    respondedAt: r.respondedAt ? r.respondedAt.toISOString() : null,
    createdByName: names.get(r.createdBy) ?? '',
    createdAt: r.createdAt.toISOString(),
  }));
}
