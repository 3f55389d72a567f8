import { cleanBody } from './rich-text.js';
import type { Executor } from '../db/client.js';
import { followUps } from '../db/schema.js';
import type { FollowUpBody } from '../../shared/schemas/handling.js';
import { forbidden } from '../errors.js';
import type { Actor } from './actor.js';
import { notify, writeAudit } from './audit.js';
import { actorAssignment, isLeadAssignment } from './handling-common.js';
import { loadForAction, proposerUserIds, staffUserIds, updateProposal } from './proposal-access.js';
import { indexProposal } from '../search/index-proposals.js';
import { enWords, words } from '../../shared/vocabulary.js';

/** 落实情况: the lead unit reports what was implemented; the last report (completed) closes it. */
export async function reportFollowUp(tx: Executor, actor: Actor, id: number, input: FollowUpBody, now: Date) {
  const p = await loadForAction(tx, actor, id, 'report_follow_up', input.version);
  const a = await actorAssignment(tx, actor, p);
  if (!isLeadAssignment(a)) throw forbidden('落实情况由主办单位报送');
  const [row] = await tx
    .insert(followUps)
    .values({ tenantId: actor.tenantId, proposalId: p.id, unitId: a.unitId, body: cleanBody(input.body), completed: input.completed, createdBy: actor.userId })
    .returning();
  await indexProposal(tx, p.id);
  const next = input.completed ? await updateProposal(tx, p, 'report_follow_up', { status: 'closed', closedAt: now }) : p;
  await writeAudit(tx, actor, {
    action: 'proposal.report_follow_up',
    entityType: 'follow_up',
    entityId: row!.id,
    proposalId: p.id,
    before: { status: p.status },
    after: { followUp: row, status: next.status },
  });
  const who = [...(await staffUserIds(tx, actor.tenantId, p.kind)), ...(input.completed ? await proposerUserIds(tx, p.id) : [])];
  await notify(tx, actor.tenantId, who, {
    kind: 'proposal.report_follow_up',
    message: input.completed ? words(p.kind)`提案「${p.title}」已落实完毕，办结` : words(p.kind)`提案「${p.title}」报送了新的落实情况`,
    messageEn: input.completed ? enWords(p.kind)`Proposal “${p.title}” is fully carried out and closed` : enWords(p.kind)`A new follow-up report on proposal “${p.title}”`,
    proposalId: p.id,
  });
  return next;
}
