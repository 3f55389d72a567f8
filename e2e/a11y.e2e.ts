import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { apiGet, baseUrl, expectAccessible, launchBrowser, loginAs, newPage, settle } from './helpers.js';

// Accessibility (WCAG 2.1 AA, GB/T 37668-2019): axe-core on every main screen of every role: the
// entries of the role's menu, one proposal's page and one key task's page, and one dialog or drawer
// per major screen (审查, 交办, 答复, 测评 …). Any serious or critical violation fails, with the
// rule, the elements and what is wrong. The screens are read from the menu itself, so a new menu
// entry is checked without touching this file.

// One test walks a whole menu (twenty screens for staff), each scanned by axe: minutes on a busy machine.
const MENU_TIMEOUT = 900_000;

let browser: Browser;

/** Opens a screen and waits until it has settled; the statistics screens take long on a loaded machine. */
async function goto(page: Page, pathname: string) {
  await page.goto(`${baseUrl()}${pathname}`);
  await settle(page, 120_000);
}
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

async function signedIn(username: string) {
  const page = await newPage(browser);
  await loginAs(page, username);
  return page;
}

/** The addresses of the menu's entries (the desktop side menu). */
async function menuPaths(page: Page): Promise<string[]> {
  const hrefs = await page.locator('.ant-layout-sider .ant-menu a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
  expect(hrefs.length, 'the menu has entries').toBeGreaterThan(0);
  return [...new Set(hrefs)];
}

// Screens already scanned by an earlier role. Roles share most screens (CPPCC and NPC staff, office
// and staff): each screen is scanned once, under the first role whose menu has it, and every role's
// own landing screen is scanned as that role. A full scan of every role takes over an hour on the
// two shared cores of the test machine; this one covers every screen in about a quarter of it.
const scanned = new Set<string>();

/** Visits and checks the role's landing screen and every menu entry not scanned yet. */
async function scanMenu(page: Page, who: string) {
  const landing = new URL(page.url()).pathname;
  for (const path of await menuPaths(page)) {
    if (scanned.has(path) && path !== landing) continue;
    scanned.add(path);
    try {
      await goto(page, path);
      await expectAccessible(page, `${who} ${path}`);
    } catch (e) {
      // One screen that does not load does not hide the others' results.
      console.log(`${who} ${path}: ${String(e).slice(0, 400)}`);
      expect.soft(String(e), `${who} ${path} failed`).toBe('');
    }
  }
}

async function firstProposal(page: Page, status?: string): Promise<number | undefined> {
  const q = status ? `?status=${status}&pageSize=20` : '?pageSize=1';
  return (await apiGet<Page1<{ id: number }>>(page, `/proposals${q}`)).items[0]?.id;
}

async function scanProposal(page: Page, who: string) {
  const id = await firstProposal(page);
  expect(id, `${who} sees a proposal`).toBeDefined();
  await goto(page, `/proposals/${id}`);
  await expectAccessible(page, `${who} /proposals/${id}`);
}

async function scanTask(page: Page, who: string) {
  const lists = await apiGet<Page1<{ id: number }>>(page, '/task-lists');
  expect(lists.items.length, `${who} sees a task list`).toBeGreaterThan(0);
  const tasks = await apiGet<Page1<{ id: number }>>(page, `/task-lists/${lists.items[0]!.id}/tasks?pageSize=1`);
  expect(tasks.items.length, `${who} sees a task`).toBeGreaterThan(0);
  await goto(page, `/tasks/${tasks.items[0]!.id}`);
  await expectAccessible(page, `${who} /tasks/${tasks.items[0]!.id}`);
}

/** The dialog or drawer open now (Ant Design keeps closed ones in the page, hidden). */
const OPEN_OVERLAY = '.ant-modal-wrap:not([style*="display: none"]) .ant-modal, .ant-drawer-open .ant-drawer-content-wrapper';

/**
 * Opens the action `label` on the first proposal in one of `statuses` that offers it to this user,
 * scans the dialog or drawer and closes it again (Escape), checking that the focus went back to
 * the button that opened it.
 */
async function scanActionDialog(page: Page, who: string, statuses: string, label: string) {
  const ids = (await apiGet<Page1<{ id: number }>>(page, `/proposals?status=${statuses}&pageSize=20`)).items.map((p) => p.id);
  const name = new RegExp(`^${[...label].join('\\s*')}$`);
  for (const id of ids) {
    await goto(page, `/proposals/${id}`);
    const button = page.getByTestId('actions').getByRole('button', { name });
    if (!(await button.count())) continue;
    await button.first().click();
    const overlay = page.locator(OPEN_OVERLAY).last();
    await overlay.waitFor();
    await settle(page);
    // The focus moves into the dialog (it traps it there while open).
    await expect.poll(() => overlay.evaluate((el) => el.contains(document.activeElement))).toBe(true);
    await expectAccessible(page, `${who} ${label} on /proposals/${id}`, OPEN_OVERLAY);
    await page.keyboard.press('Escape');
    await overlay.waitFor({ state: 'hidden' });
    await expect.poll(() => button.first().evaluate((el) => el === document.activeElement), { message: `${who} ${label}: the focus returns to the button` }).toBe(true);
    return;
  }
  throw new Error(`${who}: no proposal in ${statuses} offers 「${label}」`);
}

describe('accessibility (axe-core, WCAG 2.1 AA)', () => {
  it('the login page', { timeout: MENU_TIMEOUT }, async () => {
    const page = await newPage(browser);
    await goto(page, '/login');
    await expectAccessible(page, '/login');
    await page.context().close();
  });

  it('the public portal, without signing in', { timeout: MENU_TIMEOUT }, async () => {
    const page = await newPage(browser);
    await goto(page, '/public');
    await expectAccessible(page, '/public');
    const href = await page.locator('a[href^="/public/proposals/"]').first().getAttribute('href');
    expect(href, 'the portal links a published proposal').toBeTruthy();
    await goto(page, href!);
    await expectAccessible(page, href!);
    await goto(page, '/public/tasks');
    await expectAccessible(page, '/public/tasks');
    await page.context().close();
  });

  it('member weiyuan: menu, a proposal, 测评, notifications, account', { timeout: MENU_TIMEOUT }, async () => {
    const page = await signedIn('weiyuan');
    await scanMenu(page, 'weiyuan');
    await scanProposal(page, 'weiyuan');
    await scanActionDialog(page, 'weiyuan', 'replied', '测评');
    for (const path of ['/notifications', '/account']) {
      await goto(page, path);
      await expectAccessible(page, `weiyuan ${path}`);
    }
    await page.context().close();
  });

  it('deputy db01: menu and a suggestion', { timeout: MENU_TIMEOUT }, async () => {
    const page = await signedIn('db01');
    await scanMenu(page, 'db01');
    await scanProposal(page, 'db01');
    await page.context().close();
  });

  it('CPPCC staff tiweiban: menu, a proposal, a key task, 立案 and 交办', { timeout: MENU_TIMEOUT }, async () => {
    const page = await signedIn('tiweiban');
    await scanMenu(page, 'tiweiban');
    await scanProposal(page, 'tiweiban');
    await scanTask(page, 'tiweiban');
    await scanActionDialog(page, 'tiweiban', 'submitted', '立案');
    await scanActionDialog(page, 'tiweiban', 'filed', '交办');
    await page.context().close();
  });

  it('NPC staff xuanlian: menu and a suggestion', { timeout: MENU_TIMEOUT }, async () => {
    const page = await signedIn('xuanlian');
    await scanMenu(page, 'xuanlian');
    await scanProposal(page, 'xuanlian');
    await page.context().close();
  });

  it('office ducha: menu, a proposal, a key task, 催办', { timeout: MENU_TIMEOUT }, async () => {
    const page = await signedIn('ducha');
    await scanMenu(page, 'ducha');
    await scanProposal(page, 'ducha');
    await scanTask(page, 'ducha');
    await scanActionDialog(page, 'ducha', 'assigned,handling', '催办');
    await page.context().close();
  });

  it('unit nongye: menu, a proposal, a key task, 答复', { timeout: MENU_TIMEOUT }, async () => {
    const page = await signedIn('nongye');
    await scanMenu(page, 'nongye');
    await scanProposal(page, 'nongye');
    await scanTask(page, 'nongye');
    await scanActionDialog(page, 'nongye', 'handling,rehandling', '答复');
    await page.context().close();
  });

  it('leader lingdao: menu, a proposal, a key task', { timeout: MENU_TIMEOUT }, async () => {
    const page = await signedIn('lingdao');
    await scanMenu(page, 'lingdao');
    await scanProposal(page, 'lingdao');
    await scanTask(page, 'lingdao');
    await page.context().close();
  });

  it('sysadmin xitong: menu', { timeout: MENU_TIMEOUT }, async () => {
    const page = await signedIn('xitong');
    await scanMenu(page, 'xitong');
    await page.context().close();
  });

  it('platform administrator pingtai: menu', { timeout: MENU_TIMEOUT }, async () => {
    const page = await signedIn('pingtai');
    await scanMenu(page, 'pingtai');
    await page.context().close();
  });
});
