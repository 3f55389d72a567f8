import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { apiGet, field, goto, launchBrowser, loginAs, newPage, screenshot, settle } from './helpers.js';
import { TYPED_DRAFTS } from '../scripts/similar-drafts.js';

// Issue 16 in the browser: one region for the whole public portal (the same default on /public and
// /public/tasks, a choice remembered across pages), the 届次 of a public proposal, 公开发布 loading its
// list in one request, and the similar-proposal panel beside the text while a member writes.

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

interface Tenants {
  items: { id: number; name: string; hasPublished: boolean }[];
  defaultTenantId: number;
}
const tenantInUrl = (page: Page) => Number(new URL(page.url()).searchParams.get('tenant'));

describe('public portal: one region', () => {
  it('opens /public and /public/tasks on the same default region and remembers a choice', async () => {
    const page = await newPage(browser);
    await goto(page, '/public');
    const tenants = await apiGet<Tenants>(page, '/public/tenants');
    const fallback = tenants.items.find((x) => x.id === tenants.defaultTenantId)!;
    expect(fallback.name).toBe('平湖市');
    await expect.poll(() => tenantInUrl(page)).toBe(fallback.id);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).first().innerText()).toContain('平湖市');
    await screenshot(page, 'public-portal-region');

    await goto(page, '/public/tasks');
    await expect.poll(() => tenantInUrl(page)).toBe(fallback.id);
    await expect.poll(() => page.getByTestId('portal-tenant').innerText()).toContain('平湖市');

    // Choose 嘉兴市 on the tasks page: /public without a region then opens 嘉兴市 too.
    const other = tenants.items.find((x) => x.name === '嘉兴市')!;
    await page.getByTestId('portal-tenant').locator('.ant-select').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '嘉兴市' }).first().click();
    await expect.poll(() => tenantInUrl(page)).toBe(other.id);
    await settle(page);
    await goto(page, '/public');
    await expect.poll(() => tenantInUrl(page)).toBe(other.id);
    await expect.poll(() => page.getByTestId('portal-tenant').innerText()).toContain('嘉兴市');
    // An address naming its region wins over the remembered one.
    await goto(page, `/public/tasks?tenant=${fallback.id}`);
    await expect.poll(() => page.getByTestId('portal-tenant').innerText()).toContain('平湖市');
    await page.context().close();
  });

  it('shows a public proposal with its 届次', async () => {
    const page = await newPage(browser);
    await goto(page, '/public');
    const tenants = await apiGet<Tenants>(page, '/public/tenants');
    const list = await apiGet<{ items: { id: number; sessionName: string; sessionYear: number }[] }>(page, `/public/proposals?tenantId=${tenants.defaultTenantId}&pageSize=1`);
    const p = list.items[0]!;
    await goto(page, `/public/proposals/${p.id}?tenant=${tenants.defaultTenantId}`);
    await expect.poll(() => page.getByTestId('public-session').innerText()).toBe(`${p.sessionYear} ${p.sessionName}`);
    await screenshot(page, 'public-proposal-session');
    await page.context().close();
  });
});

describe('公开发布 in one request', () => {
  it('loads the publication list with at most 3 API calls, none per proposal', async () => {
    const page = await newPage(browser);
    await loginAs(page, 'tiweiban');
    const calls: string[] = [];
    page.on('request', (r) => {
      const u = new URL(r.url());
      if (u.pathname.startsWith('/api/')) calls.push(u.pathname);
    });
    await page.getByRole('menuitem', { name: '公开发布' }).first().click();
    await page.waitForURL((u) => u.pathname === '/publication');
    await settle(page);
    await expect.poll(() => page.locator('.ant-table-row').count()).toBeGreaterThan(5);
    expect(calls, calls.join(' ')).toContain('/api/v1/proposals/publication');
    expect(calls.filter((c) => /^\/api\/v1\/proposals\/\d+$/.test(c)), 'one detail per proposal').toEqual([]);
    expect(calls.length, calls.join(' ')).toBeLessThanOrEqual(3);
    // The disclosure marks come with the list.
    await expect.poll(() => page.locator('.ant-table-row .ant-tag').filter({ hasText: /^(公开|不公开|依申请公开)$/ }).count()).toBeGreaterThan(0);
    await screenshot(page, 'publication');
    await page.context().close();
  });
});

describe('similar proposals beside the text', () => {
  const draft = TYPED_DRAFTS.find((d) => d.keyword === '垃圾分类')!;
  const typeDraft = async (page: Page) => {
    await field(page, '案由').locator('input').fill(draft.title);
    await page.locator('.ProseMirror').click();
    // One input, as a paste: typing character by character is slow on a busy machine and the
    // panel waits for the typing to stop anyway.
    await page.keyboard.insertText(draft.body.replace(/<[^>]+>/g, ''));
  };

  it('sits in a right column on a desktop and follows the typing', async () => {
    const page = await newPage(browser, 1366, 900);
    await loginAs(page, 'weiyuan');
    await goto(page, '/proposals/new');
    const panel = page.getByTestId('similar-panel');
    await expect.poll(() => panel.innerText()).toContain('输入案由和正文后');
    await typeDraft(page);
    // Debounced: the hint gives way to the suggestions (or to 暂无相似提案) once typing stops.
    await expect.poll(() => panel.innerText(), { timeout: 15_000 }).not.toContain('输入案由和正文后');
    await settle(page);
    const box = (await panel.boundingBox())!;
    const editor = (await page.locator('.ProseMirror').boundingBox())!;
    const submit = (await page.getByRole('button', { name: /^提\s*交$/ }).boundingBox())!;
    expect(box.x, 'the panel is right of the text').toBeGreaterThanOrEqual(editor.x + editor.width);
    expect(box.y, 'the panel starts above 提交').toBeLessThan(submit.y);
    expect(box.y, 'beside the text, not below it').toBeLessThan(editor.y + editor.height);
    await screenshot(page, 'proposal-form-similar');
    await page.context().close();
  }, 300_000);

  it('folds above 提交 on a phone', async () => {
    const page = await newPage(browser, 375, 800);
    await loginAs(page, 'weiyuan');
    await goto(page, '/proposals/new');
    await typeDraft(page);
    const fold = page.getByTestId('similar-collapse');
    const submit = page.getByRole('button', { name: /^提\s*交$/ });
    expect((await fold.boundingBox())!.y).toBeLessThan((await submit.boundingBox())!.y);
    await fold.getByText('相似提案').first().click();
    await expect.poll(() => page.getByTestId('similar-panel').isVisible()).toBe(true);
    await expect.poll(() => page.getByTestId('similar-panel').innerText(), { timeout: 15_000 }).not.toContain('输入案由和正文后');
    await settle(page);
    await fold.scrollIntoViewIfNeeded();
    await screenshot(page, 'proposal-form-similar-375');
    await page.context().close();
  }, 300_000);
});

