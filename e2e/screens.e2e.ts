import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { apiGet, goto, launchBrowser, loginAs, newPage, screenshot, settle, expectNoSidewaysScroll } from './helpers.js';
import type { Figures } from '../src/shared/schemas/figures.js';

// Every main screen, signed in as the role that uses it, with a screenshot for docs/screenshots.
// Each test asserts something the screen must show, and that it is neither a placeholder (建设中)
// nor a 403/404 page.

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

interface Page1<T = unknown> {
  items: T[];
  total: number;
}

async function expectRealScreen(page: Page) {
  const main = page.locator('main');
  await expect.poll(async () => (await main.innerText()).trim().length, { timeout: 15_000 }).toBeGreaterThan(0);
  // Placeholders are a <Result subTitle="建设中">; proposal texts may well say 建设中 themselves.
  expect(await page.locator('.ant-result').filter({ hasText: '建设中' }).count(), 'a placeholder (建设中) is shown').toBe(0);
  expect(await page.locator('.ant-result-403, .ant-result-404').count(), 'a 403/404 page is shown').toBe(0);
}

async function signedIn(username: string, width?: number) {
  const page = await newPage(browser, width);
  await loginAs(page, username);
  return page;
}

describe('main screens', () => {
  it('login', async () => {
    const page = await newPage(browser);
    await goto(page, '/login');
    await expect.poll(() => page.getByRole('button', { name: /登\s*录/ }).isVisible()).toBe(true);
    await expect.poll(() => page.getByLabel('用户名').isVisible()).toBe(true);
    await screenshot(page, 'login');
    await page.context().close();
  });

  it('/my at 375 px as weiyuan (委员)', async () => {
    const page = await signedIn('weiyuan', 375);
    await goto(page, '/my');
    await expectRealScreen(page);
    const mine = await apiGet<Page1<{ title: string }>>(page, '/proposals?pageSize=5');
    expect(mine.total).toBeGreaterThan(0);
    await expect.poll(() => page.locator('main').getByText(mine.items[0]!.title).first().isVisible()).toBe(true);
    // Nothing wider than the phone: no horizontal scrolling of the whole page.
    await expectNoSidewaysScroll(page, 375);
    await screenshot(page, 'my-proposals-375', true);
    await page.context().close();
  });

  it('/review as tiweiban (提案委)', async () => {
    const page = await signedIn('tiweiban');
    await goto(page, '/review');
    await expectRealScreen(page);
    await expect.poll(async () => page.locator('main').innerText()).toMatch(/审查/);
    await screenshot(page, 'review');
    await page.context().close();
  });

  it('/proposals/:id as tiweiban', async () => {
    const page = await signedIn('tiweiban');
    const replied = await apiGet<Page1<{ id: number; title: string }>>(page, '/proposals?status=closed,following_up,replied&pageSize=1');
    const any = replied.total ? replied : await apiGet<Page1<{ id: number; title: string }>>(page, '/proposals?pageSize=1');
    const p = any.items[0]!;
    await goto(page, `/proposals/${p.id}`);
    await expectRealScreen(page);
    await expect.poll(() => page.locator('main').getByText(p.title).first().isVisible()).toBe(true);
    await screenshot(page, 'proposal-detail', true);
    await page.context().close();
  });

  it('/assign as tiweiban', async () => {
    const page = await signedIn('tiweiban');
    await goto(page, '/assign');
    await expectRealScreen(page);
    await expect.poll(async () => page.locator('main').innerText()).toMatch(/交办/);
    await screenshot(page, 'assign');
    await page.context().close();
  });

  it('/deadlines as tiweiban', async () => {
    const page = await signedIn('tiweiban');
    await goto(page, '/deadlines');
    await expectRealScreen(page);
    await expect.poll(async () => page.locator('main').innerText()).toMatch(/期限|逾期|到期/);
    await screenshot(page, 'deadlines');
    await page.context().close();
  });

  it('/inbox as nongye (承办单位)', async () => {
    const page = await signedIn('nongye');
    await goto(page, '/inbox');
    await expectRealScreen(page);
    const mine = await apiGet<Page1<{ title: string }>>(page, '/proposals?pageSize=50');
    expect(mine.total).toBeGreaterThan(0);
    await expect.poll(async () => page.locator('main').innerText()).toMatch(/待办|签收|办理|答复/);
    await screenshot(page, 'inbox');
    await page.context().close();
  });

  it('/key-proposals as lingdao (督办领导)', async () => {
    const page = await signedIn('lingdao');
    await goto(page, '/key-proposals');
    await expectRealScreen(page);
    const keys = await apiGet<Page1<{ title: string }>>(page, '/proposals?isKey=true&pageSize=1');
    if (keys.total) await expect.poll(() => page.locator('main').getByText(keys.items[0]!.title).first().isVisible()).toBe(true);
    await screenshot(page, 'key-proposals', true);
    await page.context().close();
  });

  it('/dashboard as tiweiban: charts with their exact numbers', async () => {
    const page = await signedIn('tiweiban');
    await goto(page, '/dashboard');
    await expectRealScreen(page);
    const sessions = await apiGet<{ id: number; kind: string; isCurrent: boolean }[]>(page, '/sessions');
    const current = sessions.find((s) => s.isCurrent && s.kind === 'proposal') ?? sessions.find((s) => s.isCurrent) ?? sessions[0]!;
    const f = await apiGet<Figures>(page, `/sessions/${current.id}/figures`);
    const funnel = page.getByTestId('numbers-funnel');
    await expect.poll(() => funnel.innerText()).toContain(`（${f.filingRate.numerator}/${f.filingRate.denominator}）`);
    expect(await funnel.innerText()).toContain(String(f.afterMerge));
    await expect.poll(() => page.getByTestId('numbers-satisfaction').innerText()).toContain(`（${f.satisfaction.result.rate.numerator}/${f.satisfaction.result.rate.denominator}）`);
    await expect.poll(() => page.locator('main canvas').count()).toBeGreaterThanOrEqual(2);
    await settle(page);
    await screenshot(page, 'dashboard', true);
    await page.context().close();
  });

  it('/admin/users as anquan (安全管理员)', async () => {
    const page = await signedIn('anquan');
    await goto(page, '/admin/users');
    await expectRealScreen(page);
    const users = await apiGet<Page1<{ username: string }>>(page, '/users?pageSize=5');
    await expect.poll(() => page.locator('main').getByText(users.items[0]!.username, { exact: true }).first().isVisible()).toBe(true);
    await screenshot(page, 'admin-users');
    await page.context().close();
  });

  it('/audit as shenji (审计管理员)', async () => {
    const page = await signedIn('shenji');
    await goto(page, '/audit');
    await expectRealScreen(page);
    await expect.poll(async () => page.locator('main').innerText()).toMatch(/审计|日志|操作/);
    await screenshot(page, 'audit');
    await page.context().close();
  });

  it('/public without signing in', async () => {
    const page = await newPage(browser);
    await goto(page, '/public');
    await settle(page);
    expect(await page.locator('.ant-result').filter({ hasText: '建设中' }).count()).toBe(0);
    expect(await page.locator('body').innerText()).toMatch(/提案/);
    await screenshot(page, 'public', true);
    await page.context().close();
  });
});
