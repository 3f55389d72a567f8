import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { apiGet, field, goto, launchBrowser, loginAs, newPage, screenshot, settle } from './helpers.js';

// Issue 16's handling aids through the browser: 农业农村局 keeps a reply template, inserts it into
// the rich-text reply, and finds the draft again after a reload (kept on the server); 提案委 adopts
// the suggested lead unit in the assign dialog; 督查室 filters 超期未签收 on the deadline board and
// downloads the task import template. Nothing is sent: the demo data stay as they were.

const STAMP = Date.now().toString(36);
const TEMPLATE = `B类答复（${STAMP}）`;
const TEMPLATE_TEXT = `经研究，您提出的建议已列入我局明年工作计划，将逐步推进落实（${STAMP}）。`;
const TYPED = `另据调研，相关试点将于明年春季启动（${STAMP}）。`;

let browser: Browser;
const pages: Record<string, Page> = {};

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  for (const [name, page] of Object.entries(pages)) {
    await page.screenshot({ path: path.join(os.tmpdir(), `aids-fail-${name}.png`), fullPage: true }).catch(() => undefined);
  }
});

async function as(username: string): Promise<Page> {
  if (!pages[username]) {
    pages[username] = await newPage(browser);
    await loginAs(pages[username]!, username);
  }
  return pages[username]!;
}

async function action(page: Page, label: string) {
  const button = page.getByTestId('actions').getByRole('button', { name: new RegExp(`^${[...label].join('\\s*')}$`) });
  await button.waitFor();
  await button.click();
}

interface Detail {
  id: number;
  status: string;
  replySequence: number;
  assignments: { unitName: string; role: string; status: string }[];
  replies: { unitName?: string; unitId: number; sequence: number }[];
}
interface ListPage {
  items: { id: number }[];
}

describe('handling aids', () => {
  let replyId = 0;

  it('a unit keeps a reply template and inserts it into the rich-text reply; the draft survives a reload', { timeout: 400_000 }, async () => {
    const unit = await as('nongye');
    // A proposal 农业农村局 leads, has signed and has not answered yet.
    const list = await apiGet<ListPage>(unit, '/proposals?status=handling&pageSize=50');
    for (const item of list.items) {
      const d = await apiGet<Detail>(unit, `/proposals/${item.id}`);
      const mine = d.assignments.find((a) => a.unitName === '农业农村局');
      if (mine?.role === 'lead' && mine.status === 'signed' && !d.replies.some((r) => r.sequence === d.replySequence)) {
        replyId = d.id;
        break;
      }
    }
    expect(replyId).toBeGreaterThan(0);
    await goto(unit, `/proposals/${replyId}`);
    await action(unit, '答复');
    const drawer = unit.locator('.ant-drawer').last();
    const editor = field(drawer, '答复内容').locator('.ProseMirror');
    await editor.waitFor();

    // 管理模板 → a new template, written in the same editor.
    await drawer.getByTestId('manage-templates').click();
    const modal = unit.locator('.ant-modal').filter({ hasText: '模板名称' }).last();
    await field(modal, '模板名称').locator('input').fill(TEMPLATE);
    await field(modal, '模板内容').locator('.ProseMirror').fill(TEMPLATE_TEXT);
    const [created] = await Promise.all([
      unit.waitForResponse((r) => r.url().endsWith('/api/v1/units/me/reply-templates') && r.request().method() === 'POST'),
      modal.getByTestId('template-save').click(),
    ]);
    expect(created.status()).toBe(201);
    await expect.poll(() => modal.locator('.ant-list-item').filter({ hasText: TEMPLATE }).count(), { timeout: 30_000 }).toBe(1);
    await modal.locator('.ant-modal-close').click();

    // 插入模板 puts it into the reply, then the unit writes on.
    await drawer.getByTestId('insert-template').click();
    await unit.locator('.ant-dropdown:visible').getByText(TEMPLATE, { exact: true }).click();
    await expect.poll(() => editor.innerText(), { timeout: 30_000 }).toContain(TEMPLATE_TEXT);
    await editor.click();
    await unit.keyboard.press('End');
    await unit.keyboard.press('Enter');
    await unit.keyboard.type(TYPED);
    await drawer.locator('.ant-radio-wrapper').filter({ has: unit.getByRole('radio', { name: /^B类/ }) }).click();
    await expect.poll(() => drawer.getByTestId('draft-status').innerText(), { timeout: 30_000 }).toMatch(/^草稿已保存 \d{2}:\d{2}$/);
    await expect
      .poll(async () => (await apiGet<{ draft: { body: string; resultClass: string } | null }>(unit, `/proposals/${replyId}/reply-draft`)).draft?.body ?? '', { timeout: 30_000 })
      .toContain(TYPED);
    await screenshot(unit, 'reply-editor-template-draft');

    // A reload (another browser would do the same): the drawer opens with the draft from the server.
    await unit.reload();
    await settle(unit);
    await action(unit, '答复');
    const again = unit.locator('.ant-drawer').last();
    const restored = field(again, '答复内容').locator('.ProseMirror');
    await expect.poll(() => restored.innerText(), { timeout: 30_000 }).toContain(TYPED);
    expect(await restored.innerText()).toContain(TEMPLATE_TEXT);
    expect(await again.getByRole('radio', { name: /^B类/ }).isChecked()).toBe(true);
    // Rich text: the template's text and the typed one are separate paragraphs.
    expect(await restored.locator('p').count()).toBeGreaterThanOrEqual(2);
    await again.getByRole('button', { name: /取\s*消/ }).click();
  });

  it('staff see the suggested lead unit when assigning and adopt it with one click', { timeout: 400_000 }, async () => {
    const staff = await as('tiweiban');
    const filed = await apiGet<ListPage>(staff, '/proposals?status=filed&pageSize=10');
    let target: { id: number; unit: string; count: number } | null = null;
    for (const item of filed.items) {
      const s = await apiGet<{ suggestion: { unitName: string; count: number } | null }>(staff, `/proposals/${item.id}/lead-suggestion`);
      if (s.suggestion) {
        target = { id: item.id, unit: s.suggestion.unitName, count: s.suggestion.count };
        break;
      }
    }
    expect(target).not.toBeNull();
    await goto(staff, `/proposals/${target!.id}`);
    await action(staff, '交办');
    const modal = staff.locator('.ant-modal').filter({ hasText: '交办方式' }).last();
    const hint = modal.getByTestId('lead-suggestion');
    await expect.poll(() => hint.innerText(), { timeout: 30_000 }).toContain(`建议主办：${target!.unit}（相似提案 ${target!.count} 件由其主办）`);
    await hint.getByTestId('adopt-lead').click();
    // The select shows the adopted unit (read from the field's text: the select's inner classes change between antd versions).
    await expect.poll(() => field(modal, '主办单位').innerText(), { timeout: 30_000 }).toContain(target!.unit);
    expect(await hint.getByTestId('adopt-lead').innerText()).toMatch(/已\s*采\s*用/);
    await screenshot(staff, 'assign-lead-suggestion');
    // Not assigned: the demo proposal stays as it was.
    await modal.getByRole('button', { name: /取\s*消/ }).click();
  });

  it('the deadline board filters the assignments unsigned too long', { timeout: 300_000 }, async () => {
    const office = await as('ducha');
    const api = await apiGet<{ items: { title: string; unitName: string; workingDays: number; threshold: number }[]; total: number }>(office, '/assignments/unsigned?pageSize=100');
    expect(api.total).toBeGreaterThan(0);
    expect(api.items.every((i) => i.workingDays > i.threshold)).toBe(true);
    await goto(office, '/deadlines');
    await office.getByTestId('tab-unsigned').click();
    await settle(office);
    expect(new URL(office.url()).searchParams.get('tab')).toBe('unsigned');
    const table = office.getByTestId('unsigned-table');
    await expect.poll(() => table.locator('tbody tr.ant-table-row').count(), { timeout: 30_000 }).toBe(Math.min(api.total, 20));
    const first = api.items[0]!;
    const row = table.locator('tbody tr.ant-table-row').first();
    expect(await row.innerText()).toContain(first.unitName);
    expect(await row.innerText()).toContain(`${first.workingDays}个工作日`);
    expect(await office.getByTestId('tab-unsigned').innerText()).toContain(String(api.total));
    await screenshot(office, 'deadlines-unsigned');
  });

  it('the task import wizard offers its template from the first step, and it opens as the importer reads it', { timeout: 300_000 }, async () => {
    const office = await as('ducha');
    await goto(office, '/tasks/import');
    const [download] = await Promise.all([office.waitForEvent('download'), office.getByTestId('download-template-header').click()]);
    expect(download.suggestedFilename()).toBe('重点工作任务导入模板.xlsx');
    const file = path.join(os.tmpdir(), `aids-template-${STAMP}.xlsx`);
    await download.saveAs(file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect([1, 2, 3, 5].map((c) => wb.worksheets[0]!.getRow(1).getCell(c).text)).toEqual(['分管市长', '序号', '主要工作任务', '责任单位']);
  });
});
