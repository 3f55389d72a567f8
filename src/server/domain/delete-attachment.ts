import { eq } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { attachments } from '../db/schema.js';
import { STATE_LABELS } from '../../shared/lifecycle.js';
import { conflict, forbidden } from '../errors.js';
import type { Actor } from './actor.js';
import { writeAudit } from './audit.js';
import { getVisibleProposal } from './proposal-access.js';
import { describeAttachment, readAttachment } from './add-attachment.js';

/** Whoever uploaded a proposal attachment may remove it while the proposal is still a draft. */
export async function deleteAttachment(tx: Executor, actor: Actor, proposalId: number, attachmentId: number) {
  // Lock the proposal so that a submission cannot slip in between the check and the delete.
  const p = await getVisibleProposal(tx, actor, proposalId, { forUpdate: true });
  const a = await readAttachment(tx, actor, p.id, attachmentId);
  if (a.purpose !== 'proposal' || a.uploadedBy !== actor.userId) throw forbidden('只有上传人可以删除该附件');
  if (p.status !== 'draft') throw conflict(`当前状态为「${STATE_LABELS[p.status]}」，只有草稿中的附件可以删除`, { state: p.status });
  await tx.delete(attachments).where(eq(attachments.id, a.id));
  await writeAudit(tx, actor, { action: 'attachment.delete', entityType: 'attachment', entityId: a.id, proposalId: p.id, before: describeAttachment(a) });
}
