import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { apiGet, goto, launchBrowser, loginAs, newPage, screenshot, settle } from './helpers.js';
import type { UnitStats } from '../src/shared/schemas/figures.js';

// Documents and reports in the browser: the unit league table (server-side sort kept in the URL,
// its Excel export with that sort), the reply letter from a proposal's page and the list export.
// Downloads go through fetch → blob → <a download>, so the browser's download event carries the
// server's file name.

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Unit names in the order the league table shows them (the 承办单位 column, after 名次). */
async function tableNames(page: Page): Promise<string[]> {
  const rows = page.locator('[data-testid="league-table"] tr.ant-table-row');
  await rows.first().waitFor();
  return rows.evaluateAll((trs) => trs.map((tr) => (tr as HTMLTableRowElement).cells[1]!.innerText.trim()));
}

/** Clicks a column heading, found by its full title (short headings carry it as their tooltip). */
async function clickHeader(page: Page, title: string) {
  await page.locator(`[data-testid="league-table"] thead th:has(span[title="${title}"])`).first().click();
  await settle(page);
}

describe('documents and reports', () => {
  it('league table: sorts on the server by any column, keeps it in the URL, exports it as .xlsx', async () => {
    const page = await newPage(browser);
    await loginAs(page, 'tiweiban');
    await page.getByRole('menuitem', { name: /单位排名/ }).click();
    await page.waitForURL((u) => u.pathname === '/league');
    await settle(page);
    await expect.poll(() => page.locator('[data-testid="chart-league"] canvas').count()).toBeGreaterThan(0);

    // Default: by on-time rate, best first; the session the page chose is the one the export uses.
    const sessionId = await page.evaluate(async () => {
      const list = (await (await fetch('/api/v1/sessions')).json()) as { id: number; kind: string; isCurrent: boolean }[];
      return (list.find((x) => x.isCurrent && x.kind === 'proposal') ?? list.find((x) => x.isCurrent) ?? list[0])!.id;
    });
    const byRate = await apiGet<UnitStats>(page, `/sessions/${sessionId}/unit-stats?sort=onTimeRate:desc`);
    expect(byRate.units.length).toBeGreaterThan(2);
    const initial = await tableNames(page);
    expect(initial).toEqual(byRate.units.map((u) => u.name));

    // 交办: the first click sorts descending, on the server, and the URL says so.
    await clickHeader(page, '交办');
    await page.waitForURL((u) => u.searchParams.get('sort') === 'assigned:desc');
    const byAssigned = await apiGet<UnitStats>(page, `/sessions/${sessionId}/unit-stats?sort=assigned:desc`);
    await expect.poll(() => tableNames(page)).toEqual(byAssigned.units.map((u) => u.name));
    const assignedCol = await page
      .locator('[data-testid="league-table"] tr.ant-table-row')
      .evaluateAll((trs) => trs.map((tr) => Number((tr as HTMLTableRowElement).cells[2]!.innerText)));
    expect(assignedCol).toEqual([...assignedCol].sort((a, b) => b - a));

    // 承办单位: by name, ascending; a different order from the ranking.
    await clickHeader(page, '承办单位');
    await page.waitForURL((u) => u.searchParams.get('sort') === 'name:asc');
    const byName = await apiGet<UnitStats>(page, `/sessions/${sessionId}/unit-stats?sort=name:asc`);
    await expect.poll(() => tableNames(page)).toEqual(byName.units.map((u) => u.name));
    expect(byName.units.map((u) => u.name)).not.toEqual(initial);

    // Back to 逾期 (fewest first), then reload: the sort survives in the URL.
    await clickHeader(page, '逾期');
    await page.waitForURL((u) => u.searchParams.get('sort') === 'overdue:asc');
    await page.reload();
    await settle(page);
    const byOverdue = await apiGet<UnitStats>(page, `/sessions/${sessionId}/unit-stats?sort=overdue:asc`);
    await expect.poll(() => tableNames(page)).toEqual(byOverdue.units.map((u) => u.name));

    // 导出 Excel passes the current sort and saves under the server's file name.
    const [request, download] = await Promise.all([
      page.waitForRequest((r) => r.url().includes('/unit-stats.xlsx')),
      page.waitForEvent('download'),
      page.getByRole('button', { name: /导出表格/ }).click(),
    ]);
    expect(new URL(request.url()).searchParams.get('sort')).toBe('overdue:asc');
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    expect(download.suggestedFilename()).toMatch(/[\u4e00-\u9fa5]/);
    const file = await download.path();
    expect(file).toBeTruthy();

    // The screenshot for the docs: the ranking by on-time rate.
    await clickHeader(page, '按时办复率');
    await page.waitForURL((u) => u.searchParams.get('sort') === 'onTimeRate:desc');
    await expect.poll(() => tableNames(page)).toEqual(initial);
    await settle(page);
    await screenshot(page, 'league', true);
    await page.context().close();
  });

  it('proposal page: 下载答复函 saves the reply letter as .docx', async () => {
    const page = await newPage(browser);
    await loginAs(page, 'tiweiban');
    const replied = await apiGet<{ items: { id: number; title: string }[]; total: number }>(page, '/proposals?status=closed,following_up,replied&pageSize=1');
    expect(replied.total).toBeGreaterThan(0);
    const p = replied.items[0]!;
    await goto(page, `/proposals/${p.id}`);
    await page.getByRole('tab', { name: /答复/ }).click();
    const button = page.getByRole('button', { name: /下载答复函/ }).first();
    await button.waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    await page.context().close();
  });

  it('all proposals: 导出表格 passes the filters in the URL', async () => {
    const page = await newPage(browser);
    await loginAs(page, 'tiweiban');
    await goto(page, '/proposals?status=closed,following_up,replied&sort=number:asc');
    const [request, download] = await Promise.all([
      page.waitForRequest((r) => r.url().includes('/proposals/export.xlsx')),
      page.waitForEvent('download'),
      page.getByRole('button', { name: /导出表格/ }).click(),
    ]);
    const q = new URL(request.url()).searchParams;
    expect(q.get('status')).toBe('closed,following_up,replied');
    expect(q.get('sort')).toBe('number:asc');
    expect(q.has('page')).toBe(false);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    await page.context().close();
  });

  it('key proposals, dashboard and the public portal offer their documents', async () => {
    const page = await newPage(browser);
    await loginAs(page, 'tiweiban');
    await goto(page, '/key-proposals');
    await expect.poll(() => page.getByRole('button', { name: /下载督办综述/ }).isVisible()).toBe(true);
    const [publicity] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /下载重点提案公示/ }).click()]);
    expect(publicity.suggestedFilename()).toMatch(/公示.*\.docx$/);

    await goto(page, '/dashboard');
    await expect.poll(() => page.getByRole('button', { name: /下载提案汇编/ }).isVisible()).toBe(true);
    await page.context().close();

    const visitor = await newPage(browser);
    await goto(visitor, '/public');
    const openData = visitor.getByTestId('open-data');
    await openData.waitFor();
    const [csv] = await Promise.all([visitor.waitForEvent('download'), openData.getByRole('button', { name: 'CSV' }).click()]);
    expect(csv.suggestedFilename()).toMatch(/开放数据\.csv$/);
    await visitor.context().close();
  });
});
