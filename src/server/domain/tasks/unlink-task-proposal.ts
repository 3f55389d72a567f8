import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { taskProposalLinks } from '../../db/schema.js';
import { notFound } from '../../errors.js';
import type { Actor } from '../actor.js';
import { writeAudit } from '../audit.js';
import { getVisibleTask } from './task-access.js';

/** 取消关联 between a task and a proposal. */
export async function unlinkTaskProposal(tx: Executor, actor: Actor, taskId: number, proposalId: number) {
  const task = await getVisibleTask(tx, actor, taskId);
  const gone = await tx
    .delete(taskProposalLinks)
    .where(and(eq(taskProposalLinks.taskId, task.id), eq(taskProposalLinks.proposalId, proposalId), eq(taskProposalLinks.tenantId, actor.tenantId)))
    .returning();
  if (gone.length === 0) throw notFound('关联');
  await writeAudit(tx, actor, { action: 'task.unlink_proposal', entityType: 'task', entityId: task.id, proposalId, before: { taskId: task.id, proposalId } });
}
