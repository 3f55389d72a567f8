import type { Executor } from '../db/client.js';
import { contacts } from '../db/schema.js';
import type { ContactBody } from '../../shared/schemas/handling.js';
import { chinaDay } from '../clock.js';
import { invalid } from '../errors.js';
import type { Actor } from './actor.js';
import { writeAudit } from './audit.js';
import { actorAssignment, requireSigned } from './handling-common.js';
import { loadForAction } from './proposal-access.js';

/**
 * 沟通: a unit that has signed records a contact with the proposer before answering; face to
 * face contacts (面商) feed the 见面率 figure. Nobody has to act on it, so nobody is notified.
 */
export async function recordContact(tx: Executor, actor: Actor, id: number, input: ContactBody, now: Date) {
  const p = await loadForAction(tx, actor, id, 'record_contact');
  const a = await actorAssignment(tx, actor, p);
  requireSigned(a, '登记沟通情况');
  if (input.contactDate > chinaDay(now)) throw invalid('body.contactDate', '沟通日期不能晚于今天');
  if (p.assignedAt && input.contactDate < p.assignedAt) throw invalid('body.contactDate', `沟通日期不能早于交办日期${p.assignedAt}`);
  const [row] = await tx
    .insert(contacts)
    .values({ tenantId: actor.tenantId, proposalId: p.id, unitId: a.unitId, ...input, createdBy: actor.userId })
    .returning();
  await writeAudit(tx, actor, { action: 'proposal.record_contact', entityType: 'contact', entityId: row!.id, proposalId: p.id, after: row });
  return row!;
}
