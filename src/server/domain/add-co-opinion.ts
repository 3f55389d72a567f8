import { and, eq, ne } from 'drizzle-orm';
import { cleanBody } from './rich-text.js';
import type { Executor } from '../db/client.js';
import { coOpinions, replies } from '../db/schema.js';
import type { CoOpinionBody } from '../../shared/schemas/handling.js';
import { forbidden } from '../errors.js';
import type { Actor } from './actor.js';
import { enWords, words } from '../../shared/vocabulary.js';
import { notify, writeAudit } from './audit.js';
import { activeAssignments, actorAssignment, requireSigned, unitName } from './handling-common.js';
import { loadForAction, proposerUserIds, staffUserIds, unitUserIds } from './proposal-access.js';

/**
 * 会办意见: a co-unit sends its opinion to the lead unit, which writes the reply; it may add to it.
 * Each opinion belongs to the co-unit's round (a second round when the proposer asks it for a new
 * one), and the lead unit's reply waits for one opinion of the round. An opinion is
 * never refused for coming late: one that arrives after the lead unit's reply is kept, marked as
 * received after the reply, and the lead unit, the committee and — once the reply has reached
 * them — the proposers are told.
 */
export async function addCoOpinion(tx: Executor, actor: Actor, id: number, input: CoOpinionBody) {
  const p = await loadForAction(tx, actor, id, 'add_co_opinion');
  const a = await actorAssignment(tx, actor, p);
  if (a.role !== 'co') throw forbidden(a.role === 'lead' ? '主办单位无需提交会办意见，请直接答复' : '分办单位请直接答复');
  requireSigned(a, '提交会办意见');
  const units = await activeAssignments(tx, p.id);
  const lead = units.filter((x) => x.role === 'lead').map((x) => x.unitId);
  // After the reply: the lead unit has a reply of the proposal's current round that was not returned.
  const [leadReply] = lead.length
    ? await tx
        .select({ id: replies.id })
        .from(replies)
        .where(and(eq(replies.proposalId, p.id), eq(replies.unitId, lead[0]!), eq(replies.sequence, p.replySequence), ne(replies.status, 'returned')))
    : [];
  const afterReply = leadReply !== undefined;
  const [row] = await tx
    .insert(coOpinions)
    .values({ tenantId: actor.tenantId, proposalId: p.id, unitId: a.unitId, body: cleanBody(input.body), round: a.round, afterReply, createdBy: actor.userId })
    .returning();
  await writeAudit(tx, actor, { action: 'proposal.add_co_opinion', entityType: 'co_opinion', entityId: row!.id, proposalId: p.id, after: row });
  const name = await unitName(tx, a.unitId);
  const what = a.round > 1 ? '新的会办意见' : '会办意见';
  await notify(tx, actor.tenantId, await unitUserIds(tx, actor.tenantId, lead), {
    kind: 'proposal.add_co_opinion',
    message: words(p.kind)`${name}已提交提案「${p.title}」的${what}${afterReply ? '（答复后收到，已存档）' : ''}`,
    messageEn: enWords(p.kind)`${name} sent ${a.round > 1 ? 'a new' : 'its'} co-unit opinion on proposal “${p.title}”${afterReply ? ' (after the reply, kept on file)' : ''}`,
    proposalId: p.id,
  });
  if (afterReply) {
    const reached = p.status === 'replied' || p.status === 'following_up' || p.status === 'closed';
    await notify(tx, actor.tenantId, [...(await staffUserIds(tx, actor.tenantId, p.kind)), ...(reached ? await proposerUserIds(tx, p.id) : [])], {
      kind: 'proposal.add_co_opinion',
      message: words(p.kind)`${name}在答复后提交了提案「${p.title}」的${what}，已存档备查`,
      messageEn: enWords(p.kind)`${name} sent a co-unit opinion on proposal “${p.title}” after the reply; it is kept on file`,
      proposalId: p.id,
    });
  }
  return row!;
}
