import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { apiGet, goto, launchBrowser, loginAs, newPage, screenshot, settle } from './helpers.js';

// One language at a time: a user who chose English reads no Chinese on the main screens, except
// the data itself (titles, names, unit names, body text), which the app marks as Chinese with
// lang="zh-CN" (or data-content). The choice is kept on the server: a new sign-in comes back in English.

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
// The choice of English is kept on the server, so every account switched here is switched back
// to Chinese at the end, through the same menu: the files after this one sign in as these users.
const switched = new Set<string>();
afterAll(async () => {
  for (const username of switched) {
    const page = await newPage(browser);
    await loginAs(page, username);
    // (expect.poll is for tests only, not for hooks.)
    await page.waitForFunction(() => document.documentElement.lang === 'en-US');
    await page.getByTestId('user-menu').hover();
    const saved = page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().endsWith('/api/v1/auth/me'));
    await page.getByRole('menuitem', { name: '中文' }).click();
    expect((await saved).ok()).toBe(true);
    await page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
    await page.context().close();
  }
  await browser?.close();
});

interface Page1<T = unknown> {
  items: T[];
  total: number;
}

/** Visible text outside data elements that still holds a Chinese character, one entry per text node. */
async function chineseOutsideData(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const cjk = /[\u3400-\u9fff]/;
    const found = new Set<string>();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent ?? '';
      if (!cjk.test(text)) continue;
      const el = n.parentElement;
      if (!el || el.closest('script, style, noscript, [lang^="zh"], [data-content]')) continue;
      if (!el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) continue;
      found.add(`${el.tagName.toLowerCase()}: ${text.trim().slice(0, 80)}`);
    }
    return [...found];
  });
}

async function expectEnglish(page: Page, pathname: string) {
  await goto(page, pathname);
  expect(await page.locator('.ant-result-403, .ant-result-404').count(), `${pathname}: a 403/404 page`).toBe(0);
  await expectNoChinese(page, pathname);
}

async function expectNoChinese(page: Page, where: string) {
  const found = await chineseOutsideData(page);
  if (found.length) console.log(`Chinese on ${where}:\n  ${found.join('\n  ')}`);
  expect.soft(found, `Chinese on ${where}`).toEqual([]);
}

/** A proposal's page, each of its tabs in turn (the record, the handling with units and contacts, replies, history). */
async function expectEnglishDetail(page: Page, pathname: string) {
  await expectEnglish(page, pathname);
  const tabs = page.locator('.ant-tabs-tab');
  const n = await tabs.count();
  expect(n, 'the tabs of the proposal page').toBeGreaterThanOrEqual(4);
  for (let i = 1; i < n; i++) {
    await tabs.nth(i).click();
    await settle(page);
    await expectNoChinese(page, `${pathname}, tab ${await tabs.nth(i).innerText()}`);
  }
}

/** Signs in and switches to English through the user menu (which saves the choice on the server). */
async function inEnglish(username: string): Promise<Page> {
  const page = await newPage(browser);
  // A busy machine (several browser suites at once) loads slowly: navigation gets more time.
  page.setDefaultNavigationTimeout(60_000);
  await loginAs(page, username);
  switched.add(username);
  // A user switched by an earlier test of this file comes back in English (the choice is saved).
  if ((await page.evaluate(() => document.documentElement.lang)) === 'en-US') {
    await settle(page);
    return page;
  }
  await page.getByTestId('user-menu').hover();
  await page.getByRole('menuitem', { name: 'English' }).click();
  await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('en-US');
  await settle(page);
  return page;
}

async function detailOf(page: Page, query: string): Promise<string> {
  const list = await apiGet<Page1<{ id: number }>>(page, `/proposals?${query}&pageSize=1`);
  expect(list.total, `a proposal for ${query}`).toBeGreaterThan(0);
  return `/proposals/${list.items[0]!.id}`;
}

describe('English throughout', () => {
  it('staff: key proposals, figures, the unit ranking, key tasks, assignment, the publication list', async () => {
    const page = await inEnglish('tiweiban');
    for (const p of ['/key-proposals', '/dashboard', '/league', '/tasks', '/assign', '/publication']) await expectEnglish(page, p);
    await page.context().close();
  }, 300_000);

  it('member and leader: a new proposal, my supervision', async () => {
    const member = await inEnglish('weiyuan');
    await expectEnglish(member, '/proposals/new');
    await member.context().close();
    const leader = await inEnglish('lingdao');
    for (const p of ['/my-supervision', '/key-proposals']) await expectEnglish(leader, p);
    await leader.context().close();
  }, 300_000);

  it('administrators: users, approvals, security, rosters, lookups, sessions, calendar, audit', async () => {
    const sec = await inEnglish('anquan');
    for (const p of ['/admin/users', '/admin/approvals', '/admin/security', '/admin/rosters']) await expectEnglish(sec, p);
    await sec.context().close();
    const sys = await inEnglish('xitong');
    for (const p of ['/admin/units', '/admin/bodies', '/admin/members', '/admin/leaders', '/admin/sessions', '/admin/calendar', '/admin/dead-letters']) await expectEnglish(sys, p);
    await sys.context().close();
    const auditor = await inEnglish('shenji');
    await expectEnglish(auditor, '/audit');
    await screenshot(auditor, 'english-audit');
    await expectEnglish(auditor, '/audit/alerts');
    await auditor.context().close();
  }, 300_000);

  it('member: my proposals, a new proposal, notifications, a replied proposal', async () => {
    const page = await inEnglish('weiyuan');
    for (const p of ['/my', '/notifications', '/account']) await expectEnglish(page, p);
    await expectEnglishDetail(page, await detailOf(page, 'status=closed,following_up,replied'));
    await page.context().close();
  }, 300_000);

  it('staff: queues, boards, figures and a handled proposal with units and contacts', async () => {
    const page = await inEnglish('tiweiban');
    for (const p of ['/review', '/proposals', '/deadlines', '/notifications']) await expectEnglish(page, p);
    await expectEnglishDetail(page, await detailOf(page, 'status=closed,following_up,replied&kind=proposal'));
    await screenshot(page, 'english-detail', true);
    await page.context().close();
  }, 300_000);

  it('unit: inbox, tasks, notifications and a proposal in handling', async () => {
    const page = await inEnglish('nongye');
    for (const p of ['/inbox', '/proposals', '/notifications']) await expectEnglish(page, p);
    await expectEnglishDetail(page, await detailOf(page, 'status=handling,replied'));
    await page.context().close();
  }, 300_000);

  it('office: deadlines, assignment, change requests, an NPC suggestion', async () => {
    const page = await inEnglish('ducha');
    for (const p of ['/deadlines', '/objections', '/reply-review']) await expectEnglish(page, p);
    await expectEnglishDetail(page, await detailOf(page, 'status=handling,replied,closed&kind=suggestion'));
    await page.context().close();
  }, 300_000);

  it('leader: key proposals, my supervision, figures; the choice is kept at the next sign-in', async () => {
    const page = await inEnglish('lingdao');
    for (const p of ['/proposals']) await expectEnglish(page, p);
    await expectEnglishDetail(page, await detailOf(page, 'status=handling,replied,closed,following_up'));
    await page.context().close();
    // A fresh browser (no local storage) signs in and gets the saved language from the server.
    const again = await newPage(browser);
    await loginAs(again, 'lingdao');
    await expect.poll(() => again.evaluate(() => document.documentElement.lang)).toBe('en-US');
    await expectEnglish(again, '/proposals');
    await again.context().close();
  }, 300_000);
});
