import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { apiGet, confirmDialog, field, goto, launchBrowser, loginAs, newPage, pick, pickOption, screenshot, settle, expectNoSidewaysScroll } from './helpers.js';

// What the committee office does all day, through the browser: 代录 a paper proposal, 批量立案 in
// the order chosen, 批量催办 from the deadline board, 批量签收 in a unit's inbox, rosters and a past
// session from Excel, the year-on-year figures. Only the UI acts; the API is read to check.

let browser: Browser;
const pages: Record<string, Page> = {};
const STAMP = Date.now().toString(36);
const PAPER_TITLE = `关于完善乡镇文化站免费开放服务的建议（${STAMP}）`;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  for (const [name, page] of Object.entries(pages)) {
    await page.screenshot({ path: path.join(os.tmpdir(), `office-fail-${name}.png`), fullPage: true }).catch(() => undefined);
  }
});

async function as(username: string, width?: number): Promise<Page> {
  const key = `${username}@${width ?? 'desktop'}`;
  if (!pages[key]) {
    pages[key] = await newPage(browser, width);
    await loginAs(pages[key]!, username);
  }
  return pages[key]!;
}

interface Page1<T> {
  items: T[];
  total: number;
}
interface Item {
  id: number;
  sessionId: number;
  title: string;
  number: number | null;
  status: string;
  version: number;
  objectionWindow?: { lastDay: string; open: boolean } | null;
}

async function xlsx(file: string, sheets: { name: string; rows: string[][] }[]) {
  const wb = new ExcelJS.Workbook();
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    for (const r of s.rows) ws.addRow(r);
  }
  const out = path.join(os.tmpdir(), file);
  writeFileSync(out, Buffer.from(await wb.xlsx.writeBuffer()));
  return out;
}

const noSideways = (page: Page, width: number) => expectNoSidewaysScroll(page, width);

describe('the office’s day', () => {
  it('staff enter a paper proposal in a member’s name (代录), with a co-signer who signed the paper', async () => {
    const page = await as('tiweiban');
    await page.getByRole('menuitem', { name: '代录提案' }).first().click();
    await page.waitForURL((u) => u.pathname === '/paper-proposals/new');
    await settle(page);
    const form = page.getByTestId('paper-form');
    // Required fields say so next to the field.
    await page.getByRole('button', { name: /代录提交/ }).click();
    await expect.poll(() => field(form, '提案人').locator('.ant-form-item-explain').innerText()).toBe('请选择提案人');
    const members = await apiGet<Page1<{ id: number; name: string }>>(page, '/members?kind=proposal&pageSize=5');
    const [lead, co] = [members.items[1]!, members.items[2]!];
    await pick(page, form, '提案人', lead.name, lead.name);
    await page.getByRole('button', { name: /添加联名人/ }).click();
    await pickOption(page, form.getByTestId('co-proposer-1').locator('.ant-select').first(), co.name, co.name);
    await field(form, '案由').locator('input').fill(PAPER_TITLE);
    await pick(page, form, '类别', '文化旅游', '文化');
    await field(form, '正文').locator('textarea').fill('乡镇文化站开放时间与群众需求不匹配。\n建议延长晚间和周末开放时间，配备专职管理员。');
    await screenshot(page, 'paper-proposal', true);
    await page.getByRole('button', { name: /代录提交/ }).click();
    await page.waitForURL((u) => /^\/proposals\/\d+$/.test(u.pathname));
    await settle(page);
    const id = Number(new URL(page.url()).pathname.split('/').pop());
    const d = await apiGet<{ status: string; enteredByName: string; proposers: { name: string; confirmation: string; recordedByName: string | null }[] }>(page, `/proposals/${id}`);
    expect(d.status).toBe('submitted');
    expect(d.proposers.map((p) => [p.name, p.confirmation])).toEqual([[lead.name, 'lead'], [co.name, 'confirmed']]);
    await expect.poll(() => page.getByTestId('entered-by').innerText()).toMatch(/^纸质提案，由.+代录$/);
    await page.getByRole('tab', { name: '办理过程' }).click();
    await expect.poll(() => page.locator('.ant-timeline').innerText()).toContain(`代录纸质提案（代录：${lead.name}）`);
    await screenshot(page, 'paper-proposal-detail', true);
  });

  it('staff file several submissions at once, numbered in the order chosen on screen', async () => {
    const page = await as('tiweiban');
    await goto(page, '/review');
    const queue = await apiGet<Page1<Item>>(page, '/proposals?status=submitted&sort=submittedAt:asc&pageSize=20');
    expect(queue.total).toBeGreaterThanOrEqual(2);
    const [first, second] = [queue.items[0]!, queue.items[1]!];
    await page.getByRole('checkbox', { name: `选择 ${first.title}` }).check();
    await page.getByRole('checkbox', { name: `选择 ${second.title}` }).check();
    await page.getByTestId('batch-file').click();
    const order = page.getByTestId('batch-file-order');
    await order.waitFor();
    // Number the second one first.
    await page.getByRole('button', { name: `上移${second.title}` }).click();
    await expect.poll(async () => (await order.locator('.ant-list-item').first().innerText()).includes(second.title)).toBe(true);
    await screenshot(page, 'batch-file');
    await page.getByRole('button', { name: /确认立案2件/ }).click();
    const result = page.getByTestId('batch-file-result');
    await result.waitFor();
    await settle(page);
    const a = await apiGet<Item>(page, `/proposals/${second.id}`);
    const b = await apiGet<Item>(page, `/proposals/${first.id}`);
    expect([a.status, b.status]).toEqual(['filed', 'filed']);
    expect(b.number).toBe(a.number! + 1);
    await expect.poll(() => result.innerText()).toContain(`第${a.number}号`);
    await page.getByRole('button', { name: /完\s*成/ }).click();
  });

  it('the merge screen shows the similarity and asks before merging unrelated proposals', async () => {
    const page = await as('tiweiban');
    const filed = await apiGet<Page1<Item>>(page, '/proposals?status=filed&sort=number:asc&pageSize=100');
    // Two filed proposals the similarity calls unrelated.
    let pair: [Item, Item] | null = null;
    for (const x of filed.items.slice(0, 12)) {
      for (const y of filed.items.slice(0, 12)) {
        if (x.id === y.id || x.sessionId !== y.sessionId || pair) continue;
        const c = await apiGet<{ items: { low: boolean }[] }>(page, `/proposals/merge-check?primaryId=${x.id}&secondaryIds=${y.id}`);
        if (c.items[0]!.low) pair = [x, y];
      }
    }
    expect(pair).not.toBeNull();
    await goto(page, `/merge?primaryId=${pair![0].id}&secondaryIds=${pair![1].id}`);
    await expect.poll(() => page.getByTestId('low-similarity').innerText()).toMatch(/相似度较低/);
    await expect.poll(() => page.getByTestId(`similarity-${pair![1].id}`).innerText()).toMatch(/^相似度\d+%$/);
    await page.getByRole('button', { name: /确认并案/ }).click();
    const dialog = page.locator('.ant-modal').filter({ hasText: '确认这些提案属于同一事项' });
    await expect.poll(() => dialog.locator('.ant-modal-title').innerText()).toMatch(/^两件提案相似度较低（\d+%），确认并案？$/);
    // The merge needs the explicit tick.
    expect(await dialog.getByRole('button', { name: /确认并案/ }).isDisabled()).toBe(true);
    await screenshot(page, 'merge-low-similarity');
    await dialog.getByRole('button', { name: /取\s*消/ }).click();
    expect((await apiGet<Item>(page, `/proposals/${pair![1].id}`)).status).toBe('filed');
  });

  it('the supervision office reminds every overdue proposal at once and exports the overdue list', async () => {
    const page = await as('ducha');
    await goto(page, '/deadlines?tab=overdue');
    const overdue = await apiGet<Page1<Item>>(page, '/proposals?status=assigned,handling,rehandling&overdue=true&sort=deadline:asc&pageSize=20');
    expect(overdue.total).toBeGreaterThanOrEqual(2);
    const picked = overdue.items.slice(0, 2);
    for (const p of picked) await page.getByRole('checkbox', { name: `选择 ${p.title}` }).check();
    const download = page.waitForEvent('download');
    await page.getByTestId('export-overdue').click();
    expect((await download).suggestedFilename()).toMatch(/^逾期提案清单（\d{4}年\d{1,2}月\d{1,2}日）\.xlsx$/);
    await page.getByTestId('batch-remind').click();
    const modal = page.locator('.ant-modal').filter({ hasText: '批量催办2件提案' });
    await modal.getByRole('textbox', { name: '催办内容' }).fill('请于本周内答复');
    await screenshot(page, 'batch-remind');
    await modal.getByRole('button', { name: /发送催办/ }).click();
    await expect.poll(() => page.locator('.ant-message').innerText()).toContain('已催办2件');
    for (const p of picked) {
      const d = await apiGet<{ assignments: { remindedAt: string | null }[] }>(page, `/proposals/${p.id}`);
      expect(d.assignments.some((a) => a.remindedAt !== null)).toBe(true);
    }
  });

  it('a unit signs for its pending assignments in one go; 申请调整 says until when', async () => {
    const page = await as('nongye');
    await goto(page, '/inbox?tab=pending');
    const me = await apiGet<{ unitId: number }>(page, '/auth/me');
    const pending = await apiGet<Page1<Item>>(page, `/proposals?status=assigned,handling,rehandling&unitAssignmentStatus=pending&unitId=${me.unitId}&pageSize=20`);
    expect(pending.total).toBeGreaterThanOrEqual(1);
    const withWindow = pending.items.find((p) => p.objectionWindow);
    if (withWindow) {
      const w = withWindow.objectionWindow!;
      const [y, m, d] = w.lastDay.split('-').map(Number);
      const text = w.open ? `可申请调整至${y}年${m}月${d}日` : `申请调整期限至${y}年${m}月${d}日，已截止`;
      await expect.poll(() => page.getByTestId(`objection-window-${withWindow.id}`).innerText()).toBe(text);
    }
    await screenshot(page, 'inbox-batch-sign');
    const picked = pending.items.slice(0, 2);
    for (const p of picked) await page.getByRole('checkbox', { name: `选择 ${p.title}` }).check();
    await page.getByTestId('batch-sign').click();
    await confirmDialog(page, /确认签收/);
    await expect.poll(() => page.locator('.ant-message').innerText()).toContain(`已签收${picked.length}件`);
    for (const p of picked) {
      const d = await apiGet<{ assignments: { unitId: number; status: string }[] }>(page, `/proposals/${p.id}`);
      expect(d.assignments.find((a) => a.unitId === me.unitId)!.status).toBe('signed');
    }
  });

  it('the system administrator imports a members roster: row errors first, then the fixed file', async () => {
    const page = await as('xitong');
    await page.getByRole('menuitem', { name: '名册导入' }).first().click();
    await page.waitForURL((u) => u.pathname === '/admin/rosters');
    await settle(page);
    const header = ['姓名', '界别', '党派', '工作单位', '手机', '登录账号'];
    const bad = await xlsx(`roster-bad-${STAMP}.xlsx`, [{ name: '名册', rows: [header, [`沈明远${STAMP}`, '经济界', '民建', '平湖市某公司', '13805730001', ''], [`钱雅琴${STAMP}`, '', '', '', '', '']] }]);
    await page.getByTestId('roster-file-members').locator('input[type=file]').setInputFiles(bad);
    await expect.poll(() => page.getByTestId('roster-row-errors').innerText()).toContain('第3行：界别不能为空');
    expect(await page.getByTestId('roster-commit').isDisabled()).toBe(true);
    await screenshot(page, 'roster-preview', true);
    const good = await xlsx(`roster-good-${STAMP}.xlsx`, [{ name: '名册', rows: [header, [`沈明远${STAMP}`, '经济界', '民建', '平湖市某公司', '13805730001', ''], [`钱雅琴${STAMP}`, '教育界', '民进', '', '', '']] }]);
    await page.getByTestId('roster-file-members').locator('input[type=file]').setInputFiles(good);
    await expect.poll(() => page.getByTestId('roster-preview').innerText()).toContain('138****0001');
    await page.getByTestId('roster-commit').click();
    await confirmDialog(page, /确认导入/);
    await expect.poll(() => page.getByTestId('roster-result').innerText()).toBe('新增2条，更新0条，跳过0条');
    const found = await apiGet<Page1<{ name: string; sector: string }>>(page, `/members?q=${encodeURIComponent(`钱雅琴${STAMP}`)}`);
    expect(found.items[0]!.sector).toBe('教育界');
  });

  it('staff bring in a past session from .xlsx and see it year on year', async () => {
    const page = await as('tiweiban');
    await page.getByRole('menuitem', { name: '往届数据导入' }).first().click();
    await page.waitForURL((u) => u.pathname === '/history-import');
    await settle(page);
    const units = await apiGet<{ name: string }[]>(page, '/units');
    const members = await apiGet<Page1<{ name: string }>>(page, '/members?kind=proposal&pageSize=3');
    const [u1, u2] = [units[0]!.name, units[1]!.name];
    const S = '十一届三次会议';
    const file = await xlsx(`history-${STAMP}.xlsx`, [
      { name: '届次', rows: [['届次名称', '类型', '届', '次', '年度', '大会开始', '大会结束'], [S, '政协提案', '11', '3', '2024', '2024-01-15', '2024-01-18']] },
      {
        name: '提案',
        rows: [
          ['届次名称', '编号', '案由', '提案人', '类别', '提出时间', '审查结果', '并入编号', '重点提案', '主办单位', '会办单位', '交办日期', '办理期限'],
          [S, '1', '关于推进全域旅游发展的建议', members.items[0]!.name, '文化旅游', '大会期间', '立案', '', '是', u1, u2, '2024-03-11', '2024-06-11'],
          [S, '2', '关于加强社区卫生服务中心建设的建议', members.items[1]!.name, '医疗卫生', '大会期间', '立案', '', '', u2, '', '2024-03-11', ''],
          [S, '', '关于某小区物业纠纷的建议', members.items[2]!.name, '社会民生', '平时', '作为来信处理', '', '', '', '', '', ''],
        ],
      },
      { name: '答复', rows: [['届次名称', '编号', '答复单位', '答复类别', '答复日期'], [S, '1', u1, 'A', '2024-05-30'], [S, '2', u2, 'B', '2024-06-05']] },
      { name: '测评', rows: [['届次名称', '编号', '测评单位', '办理态度', '办理结果'], [S, '1', u1, '满意', '满意'], [S, '1', u2, '满意', '基本满意'], [S, '2', u2, '满意', '满意']] },
    ]);
    await page.getByTestId('history-file').locator('input[type=file]').setInputFiles(file);
    const preview = page.getByTestId('history-preview');
    await preview.waitFor();
    await settle(page);
    await expect.poll(() => preview.innerText()).toContain(S);
    await screenshot(page, 'history-import', true);
    await page.getByTestId('history-commit').click();
    await confirmDialog(page, /确认导入/);
    await expect.poll(() => page.getByTestId('history-result').innerText()).toContain('提案3件、答复2份、测评3条');
    const sessions = await apiGet<{ id: number; name: string; isCurrent: boolean; year: number }[]>(page, '/sessions');
    const past = sessions.find((s) => s.name === S)!;
    expect(past.isCurrent).toBe(false);
    const f = await apiGet<{ received: number; filed: number; resultClasses: { A: number; B: number } }>(page, `/sessions/${past.id}/figures`);
    expect(f).toMatchObject({ received: 3, filed: 2, resultClasses: { A: 1, B: 1 } });
    await page.getByRole('link', { name: `查看${S}统计` }).click();
    await page.waitForURL((u) => u.pathname === '/dashboard');
    await settle(page);
    const yoy = page.getByTestId('year-on-year');
    await yoy.waitFor();
    await expect.poll(() => yoy.innerText()).toContain('2024 十一届三次会议');
    await screenshot(page, 'year-on-year', true);
  });

  it('works at 375 px: the paper proposal form and the inbox with its batch button', async () => {
    const staff = await as('tiweiban', 375);
    await goto(staff, '/paper-proposals/new');
    await noSideways(staff, 375);
    await screenshot(staff, 'paper-proposal-375', true);
    const unit = await as('jiaoyu', 375);
    await goto(unit, '/inbox');
    await noSideways(unit, 375);
  });
});
