import type { Executor } from '../../db/client.js';
import { taskProposalLinks } from '../../db/schema.js';
import { conflict } from '../../errors.js';
import type { Actor } from '../actor.js';
import { writeAudit } from '../audit.js';
import { getVisibleProposal } from '../proposal-access.js';
import { getVisibleTask } from './task-access.js';

/** 关联提案: records that a proposal and a government task are about the same work. */
export async function linkTaskProposal(tx: Executor, actor: Actor, taskId: number, proposalId: number) {
  const task = await getVisibleTask(tx, actor, taskId);
  const p = await getVisibleProposal(tx, actor, proposalId);
  const [row] = await tx
    .insert(taskProposalLinks)
    .values({ tenantId: actor.tenantId, taskId: task.id, proposalId: p.id, createdBy: actor.userId })
    .onConflictDoNothing()
    .returning();
  if (!row) throw conflict('该提案已与此任务关联');
  await writeAudit(tx, actor, { action: 'task.link_proposal', entityType: 'task', entityId: task.id, proposalId: p.id, after: { taskId: task.id, proposalId: p.id } });
}
