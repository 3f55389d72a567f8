import { z } from 'zod';

export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

/** Allowed file types by extension, with the MIME type stored for each. */
export const ATTACHMENT_TYPES = {
  pdf: 'application/pdf',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  txt: 'text/plain',
} as const;
export type AttachmentExtension = keyof typeof ATTACHMENT_TYPES;

/**
 * The types shown in the page (预览) and served inline: raster images and PDF. Nothing that can
 * carry script (SVG, HTML, XML) is ever on this list; every other type is only downloaded.
 */
export const PREVIEW_TYPES: readonly string[] = ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf'];

export function isPreviewable(mimeType: string): boolean {
  return PREVIEW_TYPES.includes(mimeType.split(';')[0]!.trim().toLowerCase());
}

export const ATTACHMENT_PURPOSES = {
  values: ['proposal', 'handling', 'reply', 'follow_up'] as const,
  labels: { proposal: '提案附件', handling: '办理材料', reply: '答复附件', follow_up: '落实材料' },
};
export type AttachmentPurpose = (typeof ATTACHMENT_PURPOSES.values)[number];

const ALLOWED_LABEL = 'pdf、doc、docx、xls、xlsx、jpg、png、txt';

export function extensionOf(fileName: string): AttachmentExtension | null {
  const m = /\.([A-Za-z0-9]+)$/.exec(fileName);
  const ext = m?.[1]?.toLowerCase();
  return ext && ext in ATTACHMENT_TYPES ? (ext as AttachmentExtension) : null;
}

/** Decoded size of a base64 string, without decoding it. */
export function base64Size(b64: string): number {
  const padding = b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0;
  return Math.floor((b64.length * 3) / 4) - padding;
}

export const addAttachmentBody = z
  .object({
    fileName: z
      .string({ error: '文件名不能为空' })
      .trim()
      .min(1, '文件名不能为空')
      .max(200, '文件名不能超过200字')
      .refine((n) => !/[\\/]/.test(n) && ![...n].some((c) => c.charCodeAt(0) < 0x20), '文件名不能包含路径或控制字符')
      .refine((n) => extensionOf(n) !== null, `只允许上传 ${ALLOWED_LABEL} 格式的文件`),
    // Browsers send an empty or generic type for files they do not know; the extension decides then.
    mimeType: z.string({ error: '文件类型不能为空' }).trim().max(200, '文件类型无效'),
    contentBase64: z
      .string({ error: '文件内容不能为空' })
      .min(1, '文件内容不能为空')
      .regex(/^[A-Za-z0-9+/]*={0,2}$/, '文件内容应为 Base64 编码')
      .refine((s) => s.length % 4 === 0, '文件内容应为 Base64 编码')
      .refine((s) => base64Size(s) <= MAX_ATTACHMENT_BYTES, '附件不能超过20MB')
      .refine((s) => base64Size(s) > 0, '文件内容不能为空'),
    purpose: z.enum(ATTACHMENT_PURPOSES.values, { error: '请选择附件用途' }).default('proposal'),
  })
  .superRefine((b, ctx) => {
    const ext = extensionOf(b.fileName);
    const mime = b.mimeType.split(';')[0]!.trim().toLowerCase();
    if (!ext || mime === '' || mime === 'application/octet-stream') return;
    if (mime !== ATTACHMENT_TYPES[ext]) {
      ctx.addIssue({ code: 'custom', path: ['mimeType'], message: `文件类型与扩展名不符，只允许上传 ${ALLOWED_LABEL} 格式的文件` });
    }
  });
export type AddAttachmentBody = z.infer<typeof addAttachmentBody>;

export const attachmentParams = z.object({
  id: z.coerce.number().int().positive('编号无效'),
  attachmentId: z.coerce.number().int().positive('附件编号无效'),
});

export const attachmentInfo = z.object({
  id: z.number().int(),
  proposalId: z.number().int(),
  purpose: z.enum(ATTACHMENT_PURPOSES.values),
  fileName: z.string(),
  mimeType: z.string(),
  size: z.number().int(),
  uploadedBy: z.number().int(),
  createdAt: z.string(),
});
export type AttachmentInfo = z.infer<typeof attachmentInfo>;
