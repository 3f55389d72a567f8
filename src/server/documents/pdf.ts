import { execFile } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { AppError } from '../errors.js';

// PDF is optional: it needs LibreOffice (soffice) on the server's PATH. Without it the PDF routes
// answer 501 with a message pointing to the .docx, which every office can open.

export function sofficePath(): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, 'soffice');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      /* not in this directory */
    }
  }
  return null;
}

export const pdfUnavailable = () =>
  new AppError('NOT_IMPLEMENTED', '服务器未安装 LibreOffice（soffice），暂不能生成 PDF，请下载 Word 版本（.docx）', { requires: 'soffice' });

/** Converts a .docx to PDF with LibreOffice in a private temporary directory; 501 when it is not installed. */
export async function convertDocxToPdf(docx: Buffer, timeoutMs = 120_000): Promise<Buffer> {
  const soffice = sofficePath();
  if (!soffice) throw pdfUnavailable();
  const dir = await mkdtemp(join(tmpdir(), 'duban-pdf-'));
  try {
    const input = join(dir, 'document.docx');
    await writeFile(input, docx);
    await new Promise<void>((resolve, reject) => {
      // A profile directory of its own: two conversions at once must not share LibreOffice's lock.
      execFile(
        soffice,
        [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, input],
        { timeout: timeoutMs },
        (err) => (err ? reject(new AppError('INTERNAL', 'PDF 转换失败，请下载 Word 版本（.docx）')) : resolve()),
      );
    });
    return await readFile(join(dir, 'document.pdf'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
