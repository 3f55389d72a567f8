import { and, eq } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { assignments, attachments } from '../db/schema.js';
import {
  ATTACHMENT_TYPES,
  extensionOf,
  MAX_ATTACHMENT_BYTES,
  type AddAttachmentBody,
  type AttachmentExtension,
  type AttachmentInfo,
  type AttachmentPurpose,
} from '../../shared/schemas/attachment.js';
import type { StoredFile } from '../files/file-store.js';
import { STATE_LABELS, type State } from '../../shared/lifecycle.js';
import { conflict, forbidden, invalid, notFound } from '../errors.js';
import { hasRole, type Actor } from './actor.js';
import { writeAudit } from './audit.js';
import { getVisibleProposal, loadForAction } from './proposal-access.js';
import { isActorsRow, proposerRows } from './proposer-relation.js';

export type AttachmentRow = typeof attachments.$inferSelect;

const UNIT_STATES: readonly State[] = ['handling', 'rehandling', 'following_up'];

/**
 * Adds a file to a proposal. Proposers attach material to their proposal while they may still
 * edit it; units assigned to it attach handling, reply and follow-up material while they work on it.
 */
export async function addAttachment(tx: Executor, actor: Actor, proposalId: number, input: AddAttachmentBody) {
  const ext = extensionOf(input.fileName)!;
  const content = Buffer.from(input.contentBase64, 'base64');
  if (content.length === 0) throw invalid('body.contentBase64', '文件内容不能为空');
  if (content.length > MAX_ATTACHMENT_BYTES) throw invalid('body.contentBase64', '附件不能超过20MB');
  if (!looksLike(ext, content)) throw invalid('body.contentBase64', `文件内容与扩展名 .${ext} 不符，请检查文件`);
  const p = await attachableProposal(tx, actor, proposalId, input.purpose);
  return insertAttachment(tx, actor, p, { fileName: input.fileName, purpose: input.purpose, mimeType: ATTACHMENT_TYPES[ext], size: content.length, content });
}

/** A file streamed to the store (POST …/attachments/upload): checked like a base64 one, stored by path. */
export async function addStoredAttachment(tx: Executor, actor: Actor, proposalId: number, input: { fileName: string; purpose: AttachmentPurpose; stored: StoredFile }) {
  const ext = checkStoredFile(input.fileName, input.stored);
  const p = await attachableProposal(tx, actor, proposalId, input.purpose);
  const { stored } = input;
  return insertAttachment(tx, actor, p, { fileName: input.fileName, purpose: input.purpose, mimeType: ATTACHMENT_TYPES[ext], size: stored.size, content: null, storagePath: stored.storagePath, digest: stored.digest });
}

/** The size and type checks of an upload already on disk; answers its extension. */
export function checkStoredFile(fileName: string, stored: StoredFile): AttachmentExtension {
  const ext = extensionOf(fileName)!;
  if (stored.size === 0) throw invalid('body.file', '文件内容不能为空');
  if (!looksLikeHead(ext, stored.head, stored.hasNul)) throw invalid('body.file', `文件内容与扩展名 .${ext} 不符，请检查文件`);
  return ext;
}

async function insertAttachment(
  tx: Executor,
  actor: Actor,
  p: { id: number; tenantId: number },
  file: { fileName: string; purpose: AttachmentPurpose; mimeType: string; size: number; content: Buffer | null; storagePath?: string; digest?: string },
) {
  const [row] = await tx
    .insert(attachments)
    .values({ tenantId: p.tenantId, proposalId: p.id, uploadedBy: actor.userId, ...file })
    .returning();
  const info = describeAttachment(row!);
  await writeAudit(tx, actor, { action: 'attachment.add', entityType: 'attachment', entityId: row!.id, proposalId: p.id, after: info });
  return info;
}

/**
 * The proposal a file may be attached to for this purpose, or the reason why not. Checked once
 * before an upload is streamed to disk (so that a stranger cannot fill the disk) and again when
 * it is recorded.
 */
export async function attachableProposal(tx: Executor, actor: Actor, proposalId: number, purpose: AttachmentPurpose) {
  let p;
  if (purpose === 'proposal') {
    // The edit rule: member or group, draft or returned; any proposer who has not declined.
    p = await loadForAction(tx, actor, proposalId, 'edit');
    const rows = await proposerRows(tx, p.id);
    const isProposer = p.createdBy === actor.userId || rows.some((r) => r.confirmation !== 'declined' && isActorsRow(r, actor));
    if (!isProposer) throw forbidden('只有提案人可以上传提案附件');
  } else {
    p = await getVisibleProposal(tx, actor, proposalId, { forUpdate: true });
    if (!hasRole(actor, 'unit') || !actor.unitId) throw forbidden('只有承办单位可以上传办理材料');
    const [assigned] = await tx
      .select({ id: assignments.id, status: assignments.status })
      .from(assignments)
      .where(and(eq(assignments.proposalId, p.id), eq(assignments.unitId, actor.unitId)));
    if (!assigned || assigned.status === 'removed') throw forbidden('本单位未承办该提案，不能上传办理材料');
    if (!UNIT_STATES.includes(p.status)) {
      throw conflict(`当前状态为「${STATE_LABELS[p.status]}」，不能上传办理材料`, { state: p.status });
    }
  }
  return p;
}

/** A file as whoever may see the proposal downloads it; 404 for anyone else. */
export async function readAttachment(tx: Executor, actor: Actor, proposalId: number, attachmentId: number): Promise<AttachmentRow> {
  const p = await getVisibleProposal(tx, actor, proposalId);
  const [row] = await tx
    .select()
    .from(attachments)
    .where(and(eq(attachments.id, attachmentId), eq(attachments.proposalId, p.id), eq(attachments.tenantId, p.tenantId)));
  if (!row) throw notFound('附件');
  return row;
}

export function describeAttachment(a: Omit<AttachmentRow, 'content' | 'tenantId' | 'storagePath' | 'digest'>): AttachmentInfo {
  return {
    id: a.id,
    proposalId: a.proposalId,
    purpose: a.purpose,
    fileName: a.fileName,
    mimeType: a.mimeType,
    size: a.size,
    uploadedBy: a.uploadedBy,
    createdAt: a.createdAt.toISOString(),
  };
}

/**
 * Content-Disposition for a file name in any script: an ASCII fallback for old clients and the
 * UTF-8 name in RFC 5987 form (filename*), which every current browser prefers.
 */
export function contentDisposition(fileName: string, disposition: 'attachment' | 'inline' = 'attachment'): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

// A renamed executable must not pass as a document: check the leading bytes of binary formats.
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const MAGIC: Partial<Record<AttachmentExtension, number[]>> = {
  pdf: [0x25, 0x50, 0x44, 0x46],
  doc: OLE,
  xls: OLE,
  docx: ZIP,
  xlsx: ZIP,
  jpg: [0xff, 0xd8, 0xff],
  jpeg: [0xff, 0xd8, 0xff],
  png: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
};

export function looksLike(ext: AttachmentExtension, content: Buffer): boolean {
  return looksLikeHead(ext, content.subarray(0, 16), content.includes(0));
}

/** The same check from the first bytes and whether a NUL occurs (as the upload stream saw them). */
export function looksLikeHead(ext: AttachmentExtension, head: Buffer, hasNul: boolean): boolean {
  const magic = MAGIC[ext];
  if (!magic) return !hasNul; // text: no NUL bytes
  return magic.every((b, i) => head[i] === b);
}
