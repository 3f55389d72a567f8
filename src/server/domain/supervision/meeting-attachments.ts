import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { supervisionMeetingAttachments, supervisionMeetingProposals, supervisionMeetings } from '../../db/schema.js';
import { ATTACHMENT_TYPES } from '../../../shared/schemas/attachment.js';
import type { MeetingAttachment } from '../../../shared/schemas/supervision.js';
import type { StoredFile } from '../../files/file-store.js';
import { notFound } from '../../errors.js';
import type { Actor } from '../actor.js';
import { writeAudit } from '../audit.js';
import { checkStoredFile } from '../add-attachment.js';
import { auditCrossTenant, supervisionTarget, type Purpose, type SupervisionTarget } from './access.js';

/** A meeting reached through the first of its proposals the actor may reach (for reading or writing), or 404. */
export async function reachMeeting(tx: Executor, actor: Actor, meetingId: number, purpose: Purpose): Promise<{ meeting: typeof supervisionMeetings.$inferSelect; target: SupervisionTarget }> {
  const [m] = await tx.select().from(supervisionMeetings).where(eq(supervisionMeetings.id, meetingId));
  if (!m) throw notFound('督办会议');
  const covered = await tx.select({ id: supervisionMeetingProposals.proposalId }).from(supervisionMeetingProposals).where(eq(supervisionMeetingProposals.meetingId, meetingId)).orderBy(asc(supervisionMeetingProposals.proposalId));
  for (const c of covered) {
    const t = await supervisionTarget(tx, actor, c.id, purpose).catch(() => null);
    if (t) return { meeting: m, target: t };
  }
  throw notFound('督办会议');
}

/** 上传会议纪要、照片: whoever may record meetings on one of its proposals (either level on a joint one). */
export async function addMeetingAttachment(tx: Executor, actor: Actor, meetingId: number, input: { fileName: string; stored: StoredFile }): Promise<MeetingAttachment> {
  const ext = checkStoredFile(input.fileName, input.stored);
  const { meeting, target } = await reachMeeting(tx, actor, meetingId, 'write');
  const [row] = await tx
    .insert(supervisionMeetingAttachments)
    .values({ tenantId: meeting.tenantId, meetingId: meeting.id, fileName: input.fileName, mimeType: ATTACHMENT_TYPES[ext], size: input.stored.size, storagePath: input.stored.storagePath, digest: input.stored.digest, uploadedBy: actor.userId })
    .returning();
  const info = presentAttachment(row!);
  const e = { action: 'supervision.meeting_attachment_add', entityType: 'supervision_meeting', entityId: meeting.id, proposalId: target.proposal.id, after: info };
  if (target.crossTenant) await auditCrossTenant(tx, actor, meeting.tenantId, e);
  else await writeAudit(tx, actor, e);
  return info;
}

/** A meeting's file, for whoever may read the meeting; a partner's download is audited in the owner's chain. */
export async function readMeetingAttachment(tx: Executor, actor: Actor, meetingId: number, attachmentId: number) {
  const { meeting, target } = await reachMeeting(tx, actor, meetingId, 'read');
  const [a] = await tx
    .select()
    .from(supervisionMeetingAttachments)
    .where(and(eq(supervisionMeetingAttachments.id, attachmentId), eq(supervisionMeetingAttachments.meetingId, meeting.id)));
  if (!a) throw notFound('附件');
  if (target.crossTenant) await auditCrossTenant(tx, actor, meeting.tenantId, { action: 'supervision.meeting_attachment_download', entityType: 'supervision_meeting', entityId: meeting.id, proposalId: target.proposal.id, after: { attachmentId } });
  return { ...a, content: null };
}

export async function attachmentsOf(tx: Executor, meetingIds: number[]): Promise<MeetingAttachment[]> {
  if (!meetingIds.length) return [];
  const rows = await tx.select().from(supervisionMeetingAttachments).where(inArray(supervisionMeetingAttachments.meetingId, meetingIds)).orderBy(asc(supervisionMeetingAttachments.id));
  return rows.map(presentAttachment);
}

const presentAttachment = (r: typeof supervisionMeetingAttachments.$inferSelect): MeetingAttachment => ({
  id: r.id,
  meetingId: r.meetingId,
  fileName: r.fileName,
  mimeType: r.mimeType,
  size: r.size,
  createdAt: r.createdAt.toISOString(),
});
