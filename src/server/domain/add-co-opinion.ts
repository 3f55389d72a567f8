import { cleanBody } from './rich-text.js';
import type { Executor } from '../db/client.js';
import { coOpinions } from '../db/schema.js';
import type { CoOpinionBody } from '../../shared/schemas/handling.js';
import { forbidden } from '../errors.js';
import type { Actor } from './actor.js';
import { notify, writeAudit } from './audit.js';
import { activeAssignments, actorAssignment, requireSigned, unitName } from './handling-common.js';
import { loadForAction, unitUserIds } from './proposal-access.js';

/** 会办意见: a co-unit sends its opinion to the lead unit, which writes the reply. */
export async function addCoOpinion(tx: Executor, actor: Actor, id: number, input: CoOpinionBody) {
  const p = await loadForAction(tx, actor, id, 'add_co_opinion');
  const a = await actorAssignment(tx, actor, p);
  if (a.role !== 'co') throw forbidden(a.role === 'lead' ? '主办单位无需提交会办意见，请直接答复' : '分办单位请直接答复');
  requireSigned(a, '提交会办意见');
  const [row] = await tx
    .insert(coOpinions)
    .values({ tenantId: actor.tenantId, proposalId: p.id, unitId: a.unitId, body: cleanBody(input.body), createdBy: actor.userId })
    .returning();
  await writeAudit(tx, actor, { action: 'proposal.add_co_opinion', entityType: 'co_opinion', entityId: row!.id, proposalId: p.id, after: row });
  const lead = (await activeAssignments(tx, p.id)).filter((x) => x.role === 'lead').map((x) => x.unitId);
  await notify(tx, actor.tenantId, await unitUserIds(tx, actor.tenantId, lead), {
    kind: 'proposal.add_co_opinion',
    message: `${await unitName(tx, a.unitId)}已提交提案「${p.title}」的会办意见`,
    proposalId: p.id,
  });
  return row!;
}
