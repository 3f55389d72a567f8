import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import { chineseDate, englishDate } from '../../shared/dates.js';
import type { Executor } from '../db/client.js';
import { assignments, supervisionActivities, users } from '../db/schema.js';
import type { SupervisionActivity, SupervisionActivityBody } from '../../shared/schemas/key-proposals.js';
import { SUPERVISION_KINDS } from '../../shared/domain.js';
import { chinaDay } from '../clock.js';
import { conflict, invalid } from '../errors.js';
import type { Actor } from './actor.js';
import { notify, writeAudit } from './audit.js';
import { getVisibleProposal, loadForAction, unitUserIds } from './proposal-access.js';
import { enWords, words } from '../../shared/vocabulary.js';

/**
 * 登记督办活动: a consultation, supervision meeting, site visit or discussion held on a key
 * proposal. A leader may record only on the proposals they supervise (the others are not visible
 * to them: 404). The units handling it are told, since instructions are for them.
 */
export async function addSupervisionActivity(tx: Executor, actor: Actor, id: number, input: SupervisionActivityBody, now: Date) {
  const p = await loadForAction(tx, actor, id, 'add_supervision');
  if (!p.isKey) throw conflict('该提案不是重点提案，不能登记督办活动');
  if (input.activityDate > chinaDay(now)) throw invalid('body.activityDate', '活动日期不能晚于今天');

  const [row] = await tx
    .insert(supervisionActivities)
    .values({
      tenantId: actor.tenantId,
      proposalId: p.id,
      kind: input.kind,
      activityDate: input.activityDate,
      place: input.place,
      participants: input.participants,
      content: input.content,
      unitReport: input.unitReport || null,
      memberOpinions: input.memberOpinions || null,
      instructions: input.instructions || null,
      createdBy: actor.userId,
    })
    .returning();
  await writeAudit(tx, actor, { action: 'supervision.add', entityType: 'supervision_activity', entityId: row!.id, proposalId: p.id, after: row });

  const unitRows = await tx
    .select({ unitId: assignments.unitId })
    .from(assignments)
    .where(and(eq(assignments.tenantId, actor.tenantId), eq(assignments.proposalId, p.id), ne(assignments.status, 'removed')));
  const label = words(p.kind)`${p.number ? `第${p.number}号` : ''}重点提案`;
  await notify(tx, actor.tenantId, await unitUserIds(tx, actor.tenantId, unitRows.map((r) => r.unitId)), {
    kind: 'supervision.add',
    message: `${label}「${p.title}」已登记${SUPERVISION_KINDS.labels[input.kind]}（${chineseDate(input.activityDate)}）${input.instructions ? '，请落实领导督办意见' : ''}`,
    messageEn: enWords(p.kind)`${SUPERVISION_KINDS.en[input.kind]} recorded for key proposal${p.number ? ` No. ${p.number}` : ''} “${p.title}” (${englishDate(input.activityDate)})${input.instructions ? ': please act on the leader’s opinions' : ''}`,
    proposalId: p.id,
  });
  return (await presentActivities(tx, actor.tenantId, [row!]))[0]!;
}

/** The supervision record of a proposal the actor may see, oldest first. */
export async function listSupervisionActivities(tx: Executor, actor: Actor, id: number) {
  const p = await getVisibleProposal(tx, actor, id);
  const rows = await tx
    .select()
    .from(supervisionActivities)
    .where(and(eq(supervisionActivities.tenantId, actor.tenantId), eq(supervisionActivities.proposalId, p.id)))
    .orderBy(asc(supervisionActivities.activityDate), asc(supervisionActivities.id));
  return presentActivities(tx, actor.tenantId, rows);
}

async function presentActivities(
  tx: Executor,
  tenantId: number,
  rows: (typeof supervisionActivities.$inferSelect)[],
): Promise<SupervisionActivity[]> {
  const ids = [...new Set(rows.map((r) => r.createdBy))];
  const names = ids.length
    ? await tx.select({ id: users.id, name: users.displayName }).from(users).where(and(eq(users.tenantId, tenantId), inArray(users.id, ids)))
    : [];
  const nameOf = new Map(names.map((n) => [n.id, n.name]));
  return rows.map((r) => ({
    id: r.id,
    proposalId: r.proposalId,
    kind: r.kind,
    activityDate: r.activityDate,
    place: r.place,
    participants: r.participants,
    content: r.content,
    unitReport: r.unitReport,
    memberOpinions: r.memberOpinions,
    instructions: r.instructions,
    createdByName: nameOf.get(r.createdBy) ?? '',
    createdAt: r.createdAt.toISOString(),
  }));
}
