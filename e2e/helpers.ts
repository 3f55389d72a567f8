import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';

// Helpers shared by the browser tests: Debian's Chromium driven by playwright-core (no browser
// download), demo logins, navigation that waits for the page to settle, screenshots for the docs.

export const DEMO_PASSWORD = 'Duban@2026';
export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '../docs/screenshots');

export const baseUrl = () => inject('baseUrl');

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** A page in its own browser context (own cookies), at a desktop width unless told otherwise. */
export async function newPage(browser: Browser, width = 1366, height = 860): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', deviceScaleFactor: 1 });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  return page;
}

/** Waits until the network is quiet and no skeleton or spinner is left on the page. */
export async function settle(page: Page) {
  await page.waitForLoadState('networkidle');
  await page.locator('.ant-skeleton, .ant-spin-spinning').first().waitFor({ state: 'detached', timeout: 15_000 }).catch(() => undefined);
}

export async function goto(page: Page, pathname: string) {
  await page.goto(`${baseUrl()}${pathname}`);
  await settle(page);
}

/** Signs in through the login form as a demo user and waits to leave the login page. */
export async function loginAs(page: Page, username: string, password = DEMO_PASSWORD) {
  await goto(page, '/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.waitForURL((u) => !u.pathname.startsWith('/login'));
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
