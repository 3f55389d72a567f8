import { eq } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { assignments } from '../db/schema.js';
import { ASSIGNMENT_STATUSES } from '../../shared/domain.js';
import { conflict } from '../errors.js';
import type { Actor } from './actor.js';
import { writeAudit } from './audit.js';
import { actorAssignment, answersWithReply } from './handling-common.js';
import { loadForAction, updateProposal } from './proposal-access.js';

/**
 * 签收: the unit accepts its assignment. The lead unit's signature (or any 分办 unit's) starts the
 * handling; a co-unit's only records that it is on board. Nobody
 * else has to act on a signature, so nobody is notified.
 */
export async function signAssignment(tx: Executor, actor: Actor, id: number, input: { version?: number }, now: Date) {
  const p = await loadForAction(tx, actor, id, 'sign', input.version);
  const a = await actorAssignment(tx, actor, p);
  if (a.status !== 'pending') {
    throw conflict(`本单位的交办状态为「${ASSIGNMENT_STATUSES.labels[a.status]}」，不能签收`, { assignmentStatus: a.status });
  }
  const [signed] = await tx
    .update(assignments)
    .set({ status: 'signed', signedAt: now, signedBy: actor.userId, version: a.version + 1 })
    .where(eq(assignments.id, a.id))
    .returning();
  const next =
    answersWithReply(a) && p.status === 'assigned' ? await updateProposal(tx, p, 'sign', { status: 'handling' }) : p;
  await writeAudit(tx, actor, {
    action: 'assignment.sign',
    entityType: 'assignment',
    entityId: a.id,
    proposalId: p.id,
    before: { assignment: a, status: p.status },
    after: { assignment: signed, status: next.status },
  });
  return next;
}
