import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { apiGet, launchBrowser, loginAs, newPage, goto, settle } from './helpers.js';

// The proposal list at scale: a count above the cap is shown as an estimate (约 N 条) and the next
// page is read after the last row shown (keyset cursor in the URL), never by OFFSET. The suite's
// server counts lists exactly up to LIST_COUNT_CAP=100 (global-setup), so the demo's ~300 CPPCC
// proposals are past it.

interface ListPage {
  items: { id: number; title: string }[];
  total: number;
  totalIsExact: boolean;
  nextCursor: string | null;
}

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const rowIds = (page: import('playwright-core').Page) =>
  page.locator('.ant-table-tbody tr[data-row-key]').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-row-key'))));

describe('proposal list pager', () => {
  it('shows 约 N 条 past the cap and pages on by cursor in the default order', async () => {
    const page = await newPage(browser);
    await loginAs(page, 'tiweiban');
    const first = await apiGet<ListPage>(page, '/proposals?pageSize=20');
    expect(first.totalIsExact).toBe(false);
    expect(first.nextCursor).toBeTruthy();
    const second = await apiGet<ListPage>(page, `/proposals?pageSize=20&page=2&after=${encodeURIComponent(first.nextCursor!)}`);

    await goto(page, '/proposals');
    await expect.poll(() => page.locator('.ant-pagination-total-text').innerText()).toMatch(/^约 [\d,]+ 条$/);
    expect(await rowIds(page)).toEqual(first.items.map((i) => i.id));

    await page.locator('li.ant-pagination-next').first().click();
    await expect.poll(() => { const u = new URL(page.url()); return [u.searchParams.get('page'), u.searchParams.get('after')]; }).toEqual(['2', first.nextCursor]);
    await settle(page);
    expect(await rowIds(page)).toEqual(second.items.map((i) => i.id));
    // No row of page 1 comes again on page 2.
    expect(second.items.some((i) => first.items.some((j) => j.id === i.id))).toBe(false);
  });

  it('sorted by 案由: restarts at page 1 and pages on by the cursor of that order; a page by number', async () => {
    const page = await newPage(browser);
    await loginAs(page, 'tiweiban');
    await goto(page, '/proposals?page=2');
    await page.locator('.ant-table-thead th').filter({ hasText: /^案由$/ }).first().click();
    // A new order starts again at page 1.
    await expect.poll(() => { const u = new URL(page.url()); return [u.searchParams.get('sort'), u.searchParams.get('page') ?? '1', u.searchParams.get('after')]; }).toEqual(['title:asc', '1', null]);
    await settle(page);
    const byTitle1 = await apiGet<ListPage>(page, '/proposals?pageSize=20&sort=title:asc');
    await expect.poll(() => rowIds(page)).toEqual(byTitle1.items.map((i) => i.id));
    await page.locator('li.ant-pagination-next').first().click();
    await expect.poll(() => new URL(page.url()).searchParams.get('after')).toBe(byTitle1.nextCursor);
    await settle(page);
    const byTitle2 = await apiGet<ListPage>(page, `/proposals?pageSize=20&page=2&sort=title:asc&after=${encodeURIComponent(byTitle1.nextCursor!)}`);
    expect(await rowIds(page)).toEqual(byTitle2.items.map((i) => i.id));
    expect(byTitle2.items.some((i) => byTitle1.items.some((j) => j.id === i.id))).toBe(false);

    // A page reached by number (no cursor) still shows the right rows.
    await goto(page, '/proposals?page=3');
    const third = await apiGet<ListPage>(page, '/proposals?pageSize=20&page=3');
    expect(await rowIds(page)).toEqual(third.items.map((i) => i.id));
  });
});
