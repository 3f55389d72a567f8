import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { goto, launchBrowser, loginAs, newPage, screenshot, settle } from './helpers.js';

// The app under its Content-Security-Policy (no inline script, inline styles only with the
// request's nonce): every screen that draws with Ant Design, ECharts or the rich-text editor must
// work without a single violation. And the auditor's 「校验日志完整性」 on the real demo log.

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** A signed-in page that records every CSP violation the browser reports. */
async function watched(username: string): Promise<{ page: Page; violations: () => Promise<string[]> }> {
  const page = await newPage(browser);
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample} ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`));
  });
  const console: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) console.push(m.text());
  });
  await loginAs(page, username);
  return { page, violations: async () => [...(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)), ...console] };
}

describe('the app under its Content-Security-Policy', () => {
  it('draws Ant Design, charts and the editor with no violation', { timeout: 120_000 }, async () => {
    const { page, violations } = await watched('tiweiban');
    for (const route of ['/review', '/dashboard', '/deadlines']) {
      await goto(page, route);
      expect(await page.locator('main').innerText()).not.toHaveLength(0);
    }
    // Ant Design's styles are in force: the primary button has the theme's red.
    const primary = page.locator('.ant-btn-primary:not([disabled])').first(); // a disabled one is grey by design
    if (await primary.count()) expect(await primary.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(183, 28, 28)');
    expect(await violations()).toEqual([]);
    await page.context().close();

    const member = await watched('weiyuan');
    await goto(member.page, '/proposals/new');
    await member.page.locator('.ProseMirror, [contenteditable="true"]').first().waitFor();
    expect(await member.violations()).toEqual([]);
    await member.page.context().close();
  });
});

describe('校验日志完整性', () => {
  it('verifies the demo log on the auditor’s screen', { timeout: 120_000 }, async () => {
    const { page, violations } = await watched('shenji');
    await goto(page, '/audit');
    await page.getByTestId('verify-chain').click();
    await page.getByTestId('verify-result').waitFor();
    await settle(page);
    expect(await page.getByTestId('verify-result').innerText()).toContain('日志完整');
    expect(await page.locator('main').innerText()).toMatch(/来源地址/);
    expect(await violations()).toEqual([]);
    await screenshot(page, 'audit-verify');
    await page.context().close();
  });
});
