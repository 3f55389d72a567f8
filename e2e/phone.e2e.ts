import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { apiGet, goto, launchBrowser, loginAs, newPage, screenshot, settle, expectNoSidewaysScroll } from './helpers.js';

// The member's pages on a phone (375 px wide): each page is usable without scrolling sideways,
// the menu folds into a drawer, and the main controls are on screen.

const WIDTH = 375;
let browser: Browser;
let page: Page;
beforeAll(async () => {
  browser = await launchBrowser();
  page = await newPage(browser, WIDTH, 740);
  await loginAs(page, 'weiyuan');
});
afterAll(async () => {
  await browser?.close();
});

async function expectNoSideScroll() {
  await expectNoSidewaysScroll(page, WIDTH);
}

interface Item {
  id: number;
  title: string;
  status: string;
}

describe('member pages at 375 px', () => {
  it('my proposals: a card per proposal with its state', async () => {
    await goto(page, '/my');
    const mine = await apiGet<{ items: Item[]; total: number }>(page, '/proposals?pageSize=5');
    expect(mine.total).toBeGreaterThan(0);
    await expect.poll(() => page.locator('main').getByText(mine.items[0]!.title).first().isVisible()).toBe(true);
    await expectNoSideScroll();
  });

  it('the menu opens as a drawer and leads to the new-proposal form', async () => {
    await goto(page, '/my');
    // On a phone the side menu is hidden behind a button.
    expect(await page.locator('.ant-layout-sider:visible').count()).toBe(0);
    await page.getByRole('button', { name: /菜单/ }).click();
    await page.getByRole('menuitem', { name: '写提案' }).first().click();
    await page.waitForURL((u) => u.pathname === '/proposals/new');
    await expect.poll(() => page.getByLabel(/案由/).first().isVisible()).toBe(true);
    await expect.poll(() => page.locator('.ProseMirror').isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('button', { name: /保存草稿/ }).isVisible()).toBe(true);
    await expectNoSideScroll();
    await page.locator('.ant-drawer-open').waitFor({ state: 'detached' }).catch(() => undefined);
    await settle(page);
    await screenshot(page, 'proposal-form-375', true);
  });

  it('a replied proposal: reply and history readable, the evaluation form fits', async () => {
    const replied = await apiGet<{ items: Item[] }>(page, '/proposals?status=replied&pageSize=5');
    const p = replied.items[0];
    expect(p, 'weiyuan has a replied proposal in the demo').toBeDefined();
    await goto(page, `/proposals/${p!.id}`);
    await expect.poll(() => page.getByTestId('proposal-title').innerText()).toBe(p!.title);
    await expectNoSideScroll();
    await page.getByRole('tab', { name: /答复/ }).click();
    await expect.poll(async () => (await page.getByRole('tabpanel').filter({ visible: true }).first().innerText()).length).toBeGreaterThan(20);
    await page.getByRole('tab', { name: /办理过程/ }).click();
    await expect.poll(() => page.getByRole('tabpanel').filter({ visible: true }).first().innerText()).toMatch(/提交|立案|交办/);
    await page.getByTestId('actions').getByRole('button', { name: /^测\s*评$/ }).click();
    const modal = page.locator('.ant-modal').filter({ hasText: '办理态度' }).last();
    await modal.waitFor();
    const box = await modal.boundingBox();
    expect(box!.width).toBeLessThanOrEqual(WIDTH);
    await settle(page);
    await screenshot(page, 'evaluate-375');
    await modal.getByRole('button', { name: /取\s*消/ }).click();
  });

  it('notifications list fits the phone', async () => {
    await goto(page, '/notifications');
    await expect.poll(async () => (await page.locator('main').innerText()).trim().length).toBeGreaterThan(0);
    await expectNoSideScroll();
  });
});
