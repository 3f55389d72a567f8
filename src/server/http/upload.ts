import type { FastifyRequest } from 'fastify';
import '@fastify/multipart';
import { ATTACHMENT_PURPOSES, ATTACHMENT_TYPES, MAX_ATTACHMENT_BYTES, addAttachmentBody, extensionOf, type AttachmentPurpose } from '../../shared/schemas/attachment.js';
import { invalid } from '../errors.js';
import { storeUpload, UploadTooLarge, type StoredFile } from '../files/file-store.js';

// multipart/form-data uploads, streamed to the file store under the 20 MB cap. The form sends its
// small fields (purpose) before the file, so that the caller's right to attach is checked before
// a single byte is written to disk.

/** The body limit of an upload route: the file, plus the multipart framing and small fields. */
export const UPLOAD_BODY_LIMIT = MAX_ATTACHMENT_BYTES + 64 * 1024;

/** Base64 of 20 MB in a JSON body (the older upload form). */
export const BASE64_UPLOAD_BODY_LIMIT = Math.ceil((MAX_ATTACHMENT_BYTES * 4) / 3) + 64 * 1024;

export interface Upload {
  fileName: string;
  purpose: AttachmentPurpose;
  stored: StoredFile;
}

const fieldValue = (f: unknown): string | undefined => {
  const v = (Array.isArray(f) ? f[0] : f) as { value?: unknown } | undefined;
  return typeof v?.value === 'string' ? v.value : undefined;
};

export async function receiveUpload(req: FastifyRequest, allowed: (purpose: AttachmentPurpose) => Promise<unknown>): Promise<Upload> {
  if (!req.isMultipart()) throw invalid('body.file', '请以 multipart/form-data 上传文件（字段 file）');
  // One byte over the cap reaches the store, which refuses it: busboy would silently truncate.
  const part = await req.file({ limits: { fileSize: MAX_ATTACHMENT_BYTES + 1, files: 1, fields: 10, fieldSize: 1024 } });
  if (!part) throw invalid('body.file', '请选择要上传的文件');
  const name = addAttachmentBody.shape.fileName.safeParse(part.filename);
  if (!name.success) {
    part.file.resume();
    throw invalid('body.file', name.error.issues[0]?.message ?? '文件名无效');
  }
  const ext = extensionOf(name.data)!;
  const mime = (part.mimetype ?? '').split(';')[0]!.trim().toLowerCase();
  if (mime && mime !== 'application/octet-stream' && mime !== ATTACHMENT_TYPES[ext]) {
    part.file.resume();
    throw invalid('body.file', '文件类型与扩展名不符，只允许上传 pdf、doc、docx、xls、xlsx、jpg、png、txt 格式的文件');
  }
  const purposeRaw = fieldValue(part.fields.purpose) ?? 'proposal';
  if (!(ATTACHMENT_PURPOSES.values as readonly string[]).includes(purposeRaw)) {
    part.file.resume();
    throw invalid('body.purpose', '请选择附件用途');
  }
  const purpose = purposeRaw as AttachmentPurpose;
  try {
    await allowed(purpose);
  } catch (e) {
    part.file.resume();
    throw e;
  }
  try {
    const stored = await storeUpload(part.file, MAX_ATTACHMENT_BYTES);
    return { fileName: name.data, purpose, stored };
  } catch (e) {
    if (e instanceof UploadTooLarge) throw invalid('body.file', '附件不能超过20MB');
    throw e;
  }
}

/** Workbook imports (rosters, past sessions) travel as base64 JSON: up to 10 MB of .xlsx, a third more as base64. */
export const IMPORT_BODY_LIMIT = Math.ceil((10 * 1024 * 1024 * 4) / 3) + 64 * 1024;
