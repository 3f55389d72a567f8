import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { apiGet, goto, launchBrowser, loginAs, newPage, screenshot } from './helpers.js';

// A unit that types another unit's proposal into the address bar sees the not-found page, and
// nothing of the proposal.

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

interface Item {
  id: number;
  title: string;
}

describe('isolation in the browser', () => {
  it("a unit opening another unit's proposal by URL sees the not-found page", async () => {
    const jiaoyu = await newPage(browser);
    await loginAs(jiaoyu, 'jiaoyu');
    const theirs = await apiGet<{ items: Item[] }>(jiaoyu, '/proposals?pageSize=100');
    const nongye = await newPage(browser);
    await loginAs(nongye, 'nongye');
    const mine = new Set((await apiGet<{ items: Item[] }>(nongye, '/proposals?pageSize=100')).items.map((p) => p.id));
    const foreign = theirs.items.find((p) => !mine.has(p.id));
    expect(foreign, '教育局 has a proposal that 农业农村局 cannot see').toBeDefined();

    // 教育局 itself can open it.
    await goto(jiaoyu, `/proposals/${foreign!.id}`);
    await expect.poll(() => jiaoyu.locator('main').getByText(foreign!.title).first().isVisible()).toBe(true);

    await goto(nongye, `/proposals/${foreign!.id}`);
    await expect.poll(() => nongye.locator('.ant-result-404').isVisible()).toBe(true);
    expect(await nongye.locator('main').innerText()).not.toContain(foreign!.title);
    await screenshot(nongye, 'isolation-not-found');
    await jiaoyu.context().close();
    await nongye.context().close();
  });

  it("another tenant's staff opening a proposal by URL sees the not-found page", async () => {
    const staff = await newPage(browser);
    await loginAs(staff, 'tiweiban');
    const p = (await apiGet<{ items: Item[] }>(staff, '/proposals?pageSize=1')).items[0]!;
    const other = await newPage(browser);
    await loginAs(other, 'jx_tiweiban');
    await goto(other, `/proposals/${p.id}`);
    await expect.poll(() => other.locator('.ant-result-404').isVisible()).toBe(true);
    expect(await other.locator('main').innerText()).not.toContain(p.title);
    await staff.context().close();
    await other.context().close();
  });
});
