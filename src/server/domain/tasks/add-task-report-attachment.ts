import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { taskReportAttachments } from '../../db/schema.js';
import { ATTACHMENT_TYPES, extensionOf, MAX_ATTACHMENT_BYTES, type AddAttachmentBody } from '../../../shared/schemas/attachment.js';
import { REPORT_STATE_LABELS } from '../../../shared/schemas/tasks.js';
import { conflict, invalid, notFound } from '../../errors.js';
import type { Actor } from '../actor.js';
import { writeAudit } from '../audit.js';
import { checkStoredFile, looksLike } from '../add-attachment.js';
import type { StoredFile } from '../../files/file-store.js';
import { getVisibleTask } from './task-access.js';
import { loadOwnReport, loadReportRow } from './task-reports.js';

/** 上传佐证材料: the unit attaches a file to its own report while it may still edit it. */
export async function addTaskReportAttachment(tx: Executor, actor: Actor, reportId: number, input: AddAttachmentBody) {
  const r = await loadOwnReport(tx, actor, reportId);
  if (r.state !== 'draft' && r.state !== 'returned') throw conflict(`报告${REPORT_STATE_LABELS[r.state]}，不能再上传材料`, { state: r.state });
  const ext = extensionOf(input.fileName)!;
  const content = Buffer.from(input.contentBase64, 'base64');
  if (content.length === 0) throw invalid('body.contentBase64', '文件内容不能为空');
  if (content.length > MAX_ATTACHMENT_BYTES) throw invalid('body.contentBase64', '附件不能超过20MB');
  if (!looksLike(ext, content)) throw invalid('body.contentBase64', `文件内容与扩展名 .${ext} 不符，请检查文件`);
  const [row] = await tx
    .insert(taskReportAttachments)
    .values({ tenantId: actor.tenantId, reportId: r.id, fileName: input.fileName, mimeType: ATTACHMENT_TYPES[ext], size: content.length, content, uploadedBy: actor.userId })
    .returning({ id: taskReportAttachments.id, fileName: taskReportAttachments.fileName, mimeType: taskReportAttachments.mimeType, size: taskReportAttachments.size, createdAt: taskReportAttachments.createdAt });
  const info = { ...row!, createdAt: row!.createdAt.toISOString() };
  await writeAudit(tx, actor, { action: 'task_report.attachment_add', entityType: 'task_report', entityId: r.id, after: info });
  return info;
}

/** The unit's own report, while it may still take files (checked before and after an upload streams). */
export async function attachableReport(tx: Executor, actor: Actor, reportId: number) {
  const r = await loadOwnReport(tx, actor, reportId);
  if (r.state !== 'draft' && r.state !== 'returned') throw conflict(`报告${REPORT_STATE_LABELS[r.state]}，不能再上传材料`, { state: r.state });
  return r;
}

/** 上传佐证材料 streamed to the file store (POST …/attachments/upload). */
export async function addStoredTaskReportAttachment(tx: Executor, actor: Actor, reportId: number, input: { fileName: string; stored: StoredFile }) {
  const ext = checkStoredFile(input.fileName, input.stored);
  const r = await attachableReport(tx, actor, reportId);
  const [row] = await tx
    .insert(taskReportAttachments)
    .values({
      tenantId: actor.tenantId, reportId: r.id, fileName: input.fileName, mimeType: ATTACHMENT_TYPES[ext], size: input.stored.size,
      content: null, storagePath: input.stored.storagePath, digest: input.stored.digest, uploadedBy: actor.userId,
    })
    .returning({ id: taskReportAttachments.id, fileName: taskReportAttachments.fileName, mimeType: taskReportAttachments.mimeType, size: taskReportAttachments.size, createdAt: taskReportAttachments.createdAt });
  const info = { ...row!, createdAt: row!.createdAt.toISOString() };
  await writeAudit(tx, actor, { action: 'task_report.attachment_add', entityType: 'task_report', entityId: r.id, after: info });
  return info;
}

/** A report's file, for whoever may see the task. */
export async function readTaskReportAttachment(tx: Executor, actor: Actor, reportId: number, attachmentId: number) {
  const r = await loadReportRow(tx, actor, reportId);
  await getVisibleTask(tx, actor, r.taskId);
  const [a] = await tx
    .select()
    .from(taskReportAttachments)
    .where(and(eq(taskReportAttachments.id, attachmentId), eq(taskReportAttachments.reportId, r.id)));
  if (!a) throw notFound('附件');
  return a;
}
