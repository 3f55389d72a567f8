import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { apiGet, baseUrl, confirmDialog, field, goto, launchBrowser, loginAs, newPage, pick, screenshot, settle } from './helpers.js';

// Attachments before the first save and 预览: a member writes a new proposal and attaches a PNG and a
// PDF before saving (the draft is saved on the way and the address becomes its edit page),
// previews both, and submits; staff preview the photo on the detail page. A file picked before the
// form is complete waits and goes up with the first 保存草稿.

let browser: Browser;
const pages: Page[] = [];
const TITLE = `关于完善村级河道长效保洁机制的建议（${Date.now().toString(36)}）`;
let proposalId = 0;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  for (const [i, page] of pages.entries()) {
    await page.screenshot({ path: path.join(os.tmpdir(), `attachments-fail-${i}.png`), fullPage: true }).catch(() => undefined);
  }
});

async function as(username: string): Promise<Page> {
  const page = await newPage(browser);
  pages.push(page);
  await loginAs(page, username);
  return page;
}

interface Detail {
  status: string;
  attachments: { id: number; fileName: string; mimeType: string }[];
}

/** The preview modal now open: its content (image, pdf or none) once shown. */
async function openPreview(page: Page, fileName: string) {
  await page.getByRole('button', { name: `预览 ${fileName}` }).first().click();
  const modal = page.locator('.ant-modal').filter({ hasText: fileName }).last();
  await modal.getByTestId('attachment-preview').waitFor();
  return modal;
}

async function closePreview(page: Page, modal: ReturnType<Page['locator']>) {
  // The footer's 关闭 (the corner × is also named 关闭).
  await modal.locator('.ant-modal-footer').getByRole('button', { name: /关\s*闭/ }).click();
  await modal.waitFor({ state: 'hidden' });
}

async function expectImageShown(modal: ReturnType<Page['locator']>) {
  const img = modal.locator('img');
  await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).complete && (el as HTMLImageElement).naturalWidth), { timeout: 15_000 }).toBe(240);
}

describe('attachments before the first save, and their preview', () => {
  it('a member attaches a PNG and a PDF to a new proposal before saving: the draft is saved and both are uploaded', async () => {
    const member = await as('weiyuan');
    await goto(member, '/proposals/new');
    await field(member, '案由').locator('input').fill(TITLE);
    await pick(member, member, '类别', '城乡建设');
    await member.locator('.ProseMirror').click();
    await member.keyboard.type('部分村级河道保洁责任不清、经费不足，雨季垃圾堆积。建议明确村级河道保洁主体，落实经费保障，建立巡查考核机制。');
    // Two files picked at once, before any save: they join one draft.
    await field(member, '附件').locator('input[type=file]').setInputFiles([
      { name: '河道现场照片.png', mimeType: 'image/png', buffer: png(240, 160) },
      { name: '调研报告.pdf', mimeType: 'application/pdf', buffer: pdf('River survey 2026') },
    ]);
    await member.waitForURL((u) => /\/proposals\/\d+\/edit$/.test(u.pathname));
    proposalId = Number(new URL(member.url()).pathname.split('/')[2]);
    await expect.poll(async () => (await apiGet<Detail>(member, `/proposals/${proposalId}`)).attachments.map((a) => a.fileName).sort(), { timeout: 30_000 }).toEqual(['河道现场照片.png', '调研报告.pdf']);
    const list = field(member, '附件').getByRole('list', { name: '附件' });
    await expect.poll(() => list.getByRole('listitem').count(), { timeout: 15_000 }).toBe(2);
    await settle(member);
    // One draft only, with this title.
    const mine = await apiGet<{ items: { id: number; title: string }[] }>(member, `/proposals?q=${encodeURIComponent(TITLE)}&pageSize=20`).catch(() => null);
    if (mine) expect(mine.items.filter((p) => p.title === TITLE).map((p) => p.id)).toEqual([proposalId]);
  });

  it('the member previews the photo and the PDF in the page, then submits', async () => {
    const member = pages[0]!;
    const image = await openPreview(member, '河道现场照片.png');
    expect(await image.getByTestId('attachment-preview').getAttribute('data-kind')).toBe('image');
    await expectImageShown(image);
    await screenshot(member, 'attachment-preview-image');
    await closePreview(member, image);

    const doc = await openPreview(member, '调研报告.pdf');
    expect(await doc.getByTestId('attachment-preview').getAttribute('data-kind')).toBe('pdf');
    const frame = doc.locator('iframe');
    expect(await frame.getAttribute('src')).toMatch(new RegExp(`/api/v1/proposals/${proposalId}/attachments/\\d+/preview$`));
    // The frame's answer: the PDF, inline, under a policy that runs nothing.
    const res = await member.request.get(`${baseUrl()}${await frame.getAttribute('src')}`);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toBe('application/pdf');
    expect(res.headers()['content-disposition']).toMatch(/^inline; /);
    expect(res.headers()['content-security-policy']).toContain("default-src 'none'");
    await screenshot(member, 'attachment-preview-pdf');
    await closePreview(member, doc);

    await member.getByRole('button', { name: /^提\s*交$/ }).click();
    await confirmDialog(member, /确认提交/);
    await member.waitForURL((u) => u.pathname === `/proposals/${proposalId}`);
    await expect.poll(async () => (await apiGet<Detail>(member, `/proposals/${proposalId}`)).status, { timeout: 15_000 }).toBe('submitted');
  });

  it('staff preview the photo on the detail page', async () => {
    const staff = await as('tiweiban');
    await goto(staff, `/proposals/${proposalId}`);
    const modal = await openPreview(staff, '河道现场照片.png');
    await expectImageShown(modal);
    await screenshot(staff, 'attachment-preview-detail');
    await closePreview(staff, modal);
  });

  it('a file picked before the form is complete waits and goes up with the first 保存草稿', async () => {
    const member = pages[0]!;
    await goto(member, '/proposals/new');
    await field(member, '附件').locator('input[type=file]').setInputFiles([{ name: '补充说明.txt', mimeType: 'text/plain', buffer: Buffer.from('补充说明：河道分布图另附。') }]);
    const list = field(member, '附件').getByRole('list', { name: '附件' });
    await expect.poll(() => list.innerText()).toContain('保存草稿时上传');
    expect(new URL(member.url()).pathname).toBe('/proposals/new');
    await field(member, '案由').locator('input').fill(`${TITLE}（二）`);
    await pick(member, member, '类别', '城乡建设');
    await member.locator('.ProseMirror').click();
    await member.keyboard.type('河道保洁补充建议。');
    await member.getByRole('button', { name: /保存草稿/ }).click();
    await member.waitForURL((u) => /\/proposals\/\d+\/edit$/.test(u.pathname));
    const id = Number(new URL(member.url()).pathname.split('/')[2]);
    await expect.poll(async () => (await apiGet<Detail>(member, `/proposals/${id}`)).attachments.map((a) => a.fileName), { timeout: 30_000 }).toEqual(['补充说明.txt']);
    await expect.poll(() => list.innerText(), { timeout: 15_000 }).not.toContain('保存草稿时上传');
    // A text file is not shown in the page: the modal says to download it.
    const modal = await openPreview(member, '补充说明.txt');
    expect(await modal.getByTestId('attachment-preview').getAttribute('data-kind')).toBe('none');
    expect(await modal.innerText()).toContain('该类型不支持预览，请下载');
    await closePreview(member, modal);
  });
});

/** A real PNG of width × height (a blue-green gradient), so that the browser can draw it. */
function png(width: number, height: number): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x++) {
      raw[row + 1 + x * 3] = 40;
      raw[row + 2 + x * 3] = Math.round((x / width) * 200) + 40;
      raw[row + 3 + x * 3] = Math.round((y / height) * 200) + 40;
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

/** A one-page PDF with a line of text, its cross-reference table at the right offsets. */
function pdf(text: string): Buffer {
  const stream = `BT /F1 24 Tf 30 100 Td (${text}) Tj ET`;
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
