import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, inject } from 'vitest';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';

// Helpers shared by the browser tests: Debian's Chromium driven by playwright-core (no browser
// download), demo logins, navigation that waits on the app's own state (never on the clock),
// form helpers that check what the form holds, screenshots for the docs.

export const DEMO_PASSWORD = 'Duban@2026';
// The clock runs (scripts/e2e-clock.sh) photograph an aged demo: they write elsewhere, so that the
// docs keep the pictures of the demo's own day.
// Without a Chinese font the pictures show empty boxes for every character: they go to the temp
// folder then, and docs/ keeps its readable ones (.ci/run installs fonts-noto-cjk).
const hasChineseFont = (() => {
  const r = spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() !== '';
})();
export const SCREENSHOT_DIR =
  process.env.E2E_SCREENSHOT_DIR ||
  (hasChineseFont ? path.resolve(import.meta.dirname, '../docs/screenshots') : path.join(os.tmpdir(), 'duban-screenshots-without-cjk-font'));

export const baseUrl = () => inject('baseUrl');
/** The server's day when the suite started ('YYYY-MM-DD'): the demo's day, moved by E2E_CLOCK_DAYS. */
export const serverToday = () => inject('serverToday');

/** A calendar day `days` after `day` ('YYYY-MM-DD'). */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** A page in its own browser context (own cookies), at a desktop width unless told otherwise. */
export async function newPage(browser: Browser, width = 1366, height = 860): Promise<Page> {
  // Reduced motion: the app then draws no transitions or chart animations, so a click never lands
  // on a moving element and a screenshot never catches one half-way.
  const context = await browser.newContext({ viewport: { width, height }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', deviceScaleFactor: 1, reducedMotion: 'reduce' });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return page;
}

/**
 * Waits until the app shows the screen of the address bar (`<html data-route>`, set once the
 * screen has rendered: a screen whose code is still loading leaves the previous one up), no API
 * request is in flight (`data-busy`), and no skeleton or spinner is left, all of it three checks
 * in a row (a next request starts in the effect after a render).
 */
export async function settle(page: Page, timeout = 30_000) {
  await page.waitForFunction(
    () => {
      const w = window as unknown as { __quiet?: number };
      const el = document.documentElement;
      const quiet = el.dataset.route === location.pathname + location.search && !el.dataset.busy && !document.querySelector('.ant-skeleton, .ant-spin-spinning');
      w.__quiet = quiet ? (w.__quiet ?? 0) + 1 : 0;
      return w.__quiet >= 3;
    },
    undefined,
    { timeout, polling: 50 },
  );
}

export async function goto(page: Page, pathname: string) {
  // On a screen of the app, the app moves itself (as after a reload: data fetched anew, the screen
  // drawn anew; src/web/main.tsx), which spares loading and starting it again. The same address
  // again is a real reload.
  const moved = await page
    .evaluate(async (to) => {
      const w = window as unknown as { __dubanGoto?: (to: string) => Promise<void>; __quiet?: number };
      if (!w.__dubanGoto || !document.documentElement.dataset.route || location.pathname + location.search === to) return false;
      await w.__dubanGoto(to);
      w.__quiet = 0;
      return true;
    }, pathname)
    .catch(() => false);
  if (!moved) await page.goto(`${baseUrl()}${pathname}`);
  await settle(page);
}

/**
 * Signs in as a demo user and opens the app, which goes to the user's first screen. The password
 * goes to the sign-in API with the page's own cookies (the login form has its own tests: journey,
 * screens, security), which spares loading the login page for every user of every test.
 */
export async function loginAs(page: Page, username: string, password = DEMO_PASSWORD) {
  const res = await page.request.post(`${baseUrl()}/api/v1/auth/login`, { data: { username, password } });
  expect(res.status(), `sign-in of ${username}: ${await res.text()}`).toBe(200);
  expect((await res.json()).status, `sign-in of ${username}`).toBe('signed_in');
  await goto(page, '/');
  await page.waitForURL((u) => u.pathname !== '/' && !u.pathname.startsWith('/login'));
  await settle(page);
}

/** GET on the API with the page's session cookie. */
export async function apiGet<T>(page: Page, pathname: string): Promise<T> {
  const res = await page.request.get(`${baseUrl()}/api/v1${pathname}`);
  if (!res.ok()) throw new Error(`GET ${pathname} → ${res.status()}`);
  return (await res.json()) as T;
}

/** Saves a screenshot as docs/screenshots/<name>.png and returns its path. */
export async function screenshot(page: Page, name: string, fullPage = false): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  return file;
}

/** The Ant Design form item whose label is exactly `label`. */
export function field(scope: Page | Locator, label: string): Locator {
  // `has` takes a locator relative to the page, so build it from the page, not from the dialog.
  const root = 'page' in scope && typeof scope.page === 'function' ? (scope as Locator).page() : (scope as Page);
  return scope.locator('.ant-form-item').filter({ has: root.locator('.ant-form-item-label label').getByText(label, { exact: true }) }).first();
}

/**
 * Picks the option showing `option` in an Ant Design select (typing `search` first when given) and
 * checks that the select now holds it. A pick that did not take (the list re-rendered under the
 * pointer) is tried again, up to three times; the test fails only if none takes.
 */
export async function pickOption(page: Page, select: Locator, option: string, search?: string) {
  const holds = async () => (await select.innerText()).includes(option);
  for (let attempt = 0; attempt < 3; attempt++) {
    await select.click();
    // Searchable selects narrow to the option (and remote ones load it); others have no input to type in.
    if (search !== undefined) await select.locator('input').first().fill(search, { timeout: 2_000 }).catch(() => undefined);
    const opt = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: option }).first();
    await opt.waitFor();
    await opt.click();
    const took = await expect
      .poll(holds, { timeout: 3_000 })
      .toBe(true)
      .then(() => true, () => false);
    if (took) {
      // A multiple select stays open after a pick.
      if (await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').count()) await page.keyboard.press('Escape');
      return;
    }
    await page.keyboard.press('Escape');
  }
  throw new Error(`the select did not take 「${option}」: it shows 「${await select.innerText()}」`);
}

/** Picks an option in the select of the form item labelled `label`, typing it into the search first. */
export async function pick(page: Page, scope: Page | Locator, label: string, option: string, search = option) {
  await pickOption(page, field(scope, label).locator('.ant-select').first(), option, search);
}

/** The OK button of the confirm dialog that is open now. */
export async function confirmDialog(page: Page, name: RegExp = /确\s*定/) {
  const dialog = page.locator('.ant-modal-confirm').last();
  await dialog.waitFor();
  await dialog.getByRole('button', { name }).click();
  await dialog.waitFor({ state: 'detached' });
}

/** Types a day into a DatePicker form item, confirms it and checks the form shows it. */
export async function typeDay(page: Page, scope: Locator, label: string, day: string) {
  const input = field(scope, label).locator('input');
  await input.click();
  await input.fill(day);
  await input.press('Enter');
  // Enter takes the day and closes the calendar. Escape only while the calendar is still open: once it
  // is closed, Escape reaches the dialog around the form and closes it (what failed under load).
  const open = page.locator('.ant-picker-dropdown:not(.ant-picker-dropdown-hidden)');
  await open.first().waitFor({ state: 'hidden', timeout: 3000 }).catch(async () => {
    if (await open.count()) await input.press('Escape');
  });
  const [y, m, d] = day.split('-').map(Number);
  await expect.poll(() => input.inputValue()).toMatch(new RegExp(`^(${day}|${y}年${m}月${d}日)$`));
}

/**
 * The page does not scroll sideways at `width`. Read until the layout has settled: after a resize,
 * Ant Design tables measure their columns again (ResizeObserver), and for a frame or two under load
 * the old widths still stand.
 */
export async function expectNoSidewaysScroll(page: Page, width: number) {
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth), { timeout: 10_000 }).toBeLessThanOrEqual(width + 1);
}

/**
 * Runs axe-core on the page (or on `include`, e.g. an open dialog) with the WCAG 2.0/2.1 A and AA
 * rules, plus the experimental check that a control's accessible name contains its visible text
 * (WCAG 2.5.3), and fails on any violation of impact serious or critical, naming the rule, the
 * elements and what is wrong. A whole page must also have exactly one `h1`.
 */
export async function expectAccessible(page: Page, name: string, include?: string) {
  // Legacy mode runs axe in the page itself: the app has no frames, and it saves opening a blank
  // page for every scan.
  let builder = new AxeBuilder({ page })
    .setLegacyMode(true)
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    // Only the violations are gathered in full (the passes would be one entry per node of the page).
    .options({ rules: { 'label-content-name-mismatch': { enabled: true } }, resultTypes: ['violations'] });
  if (include) builder = builder.include(include);
  const result = await builder.analyze();
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = bad
    .map((v) => `${v.id} (${v.impact}, ${v.nodes.length} node(s)): ${v.help}\n` + v.nodes.slice(0, 5).map((n) => `    ${n.target.join(' ')}: ${n.failureSummary?.split('\n').slice(0, 3).join(' ')}`).join('\n'))
    .join('\n  ');
  if (report) console.log(`${name}:\n  ${report}`);
  // Soft: one run lists every screen's violations, not just the first screen's.
  expect.soft(report, `${name}: accessibility violations\n  ${report}`).toBe('');
  if (!include) expect.soft(await page.locator('h1').count(), `${name}: one h1 per page`).toBe(1);
}
