import type { FastifyReply } from 'fastify';
import { isPreviewable } from '../../shared/schemas/attachment.js';
import { contentDisposition } from '../domain/add-attachment.js';
import { openStored } from '../files/file-store.js';

/**
 * The policy of a file shown inline: it may load nothing and run nothing (default-src 'none'), an
 * image may draw itself, and only this site may frame it (the preview modal). A PDF viewer's own
 * styles are inline. `sandbox` is not used: Chromium refuses to show a PDF in a sandboxed document.
 */
export const INLINE_FILE_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'; base-uri 'none'; form-action 'none'";

/**
 * Sends a stored attachment: as a download, or — asked for a preview and of an image or PDF type —
 * inline, to be shown in the page. Never sniffed, never cached.
 */
export function sendAttachment(
  reply: FastifyReply,
  a: { fileName: string; mimeType: string; size: number; content: Buffer | null; storagePath: string | null; digest: string | null },
  preview: boolean,
) {
  const inline = preview && isPreviewable(a.mimeType);
  reply
    .header('content-type', a.mimeType)
    .header('content-disposition', contentDisposition(a.fileName, inline ? 'inline' : 'attachment'))
    .header('content-length', a.size)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store');
  if (inline) reply.header('content-security-policy', INLINE_FILE_CSP).header('x-frame-options', 'SAMEORIGIN');
  return reply.send(openStored(a));
}
