import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { apiGet, confirmDialog, field, goto, launchBrowser, loginAs, newPage, pick, screenshot, settle } from './helpers.js';

// The journey of one NPC deputy's suggestion (人大代表建议) through the browser, with the NPC's own
// staff account: the deputy (db01) writes and submits it, 选联工委 (xuanlian) files and assigns it,
// 农业农村局 signs and replies, the deputy evaluates it. Every screen speaks the NPC's words (代表建议,
// 领衔代表, 答复代表建议, 代表满意度), and 提案委 (tiweiban) cannot open it: the organs are apart.

let browser: Browser;
const pages: Record<string, Page> = {};
const TITLE = `关于加快农村公路安全生命防护工程建设的建议（${Date.now().toString(36)}）`;
let id = 0;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  for (const [name, page] of Object.entries(pages)) {
    await page.screenshot({ path: path.join(os.tmpdir(), `journey-npc-fail-${name}.png`), fullPage: true }).catch(() => undefined);
  }
});

interface Detail {
  id: number;
  kind: string;
  status: string;
  number: number | null;
  sessionId: number;
}

async function as(username: string): Promise<Page> {
  if (!pages[username]) {
    pages[username] = await newPage(browser);
    await loginAs(pages[username]!, username);
  }
  return pages[username]!;
}

const detail = (page: Page) => apiGet<Detail>(page, `/proposals/${id}`);
const waitForStatus = (page: Page, status: string) => expect.poll(async () => (await detail(page)).status, { timeout: 15_000 }).toBe(status);

async function action(page: Page, label: string) {
  const button = page.getByTestId('actions').getByRole('button', { name: new RegExp(`^${[...label].join('\\s*')}$`) });
  await button.waitFor();
  await button.click();
}

async function open(page: Page) {
  await goto(page, `/proposals/${id}`);
  await expect.poll(() => page.getByTestId('proposal-title').innerText()).toBe(TITLE);
}

describe('journey of one NPC suggestion', () => {
  it('the deputy writes a suggestion in the NPC’s words and submits it', async () => {
    const deputy = await as('db01');
    expect(new URL(deputy.url()).pathname).toBe('/my');
    // The deputy's menu speaks of 建议, not 提案.
    const menu = await deputy.locator('.ant-menu').first().innerText();
    expect(menu).toContain('我的建议');
    expect(menu).not.toContain('提案');
    await deputy.getByRole('menuitem', { name: '提出建议' }).first().click();
    await deputy.waitForURL((u) => u.pathname === '/proposals/new');
    await settle(deputy);
    // Seconding deputies (附议代表), not 联名人.
    expect(await field(deputy, '附议代表').count()).toBe(1);
    expect(await field(deputy, '联名人').count()).toBe(0);
    await field(deputy, '案由').locator('input').fill(TITLE);
    await pick(deputy, deputy, '类别', '城乡建设');
    await deputy.locator('.ProseMirror').click();
    await deputy.keyboard.type('我市部分农村公路临水临崖路段缺少护栏和警示标志，夜间事故多发。建议分年度实施安全生命防护工程，优先整治急弯陡坡路段。');
    await deputy.getByRole('button', { name: /保存草稿/ }).click();
    await deputy.waitForURL((u) => /\/proposals\/\d+\/edit$/.test(u.pathname));
    id = Number(new URL(deputy.url()).pathname.split('/')[2]);
    // The address moves before the save has finished: wait until no request is in flight.
    await settle(deputy);
    await deputy.getByRole('button', { name: /^提\s*交$/ }).click();
    await confirmDialog(deputy, /确认提交/);
    await deputy.waitForURL((u) => u.pathname === `/proposals/${id}`);
    await waitForStatus(deputy, 'submitted');
    expect((await detail(deputy)).kind).toBe('suggestion');
  });

  it('选联工委 finds it in its own review queue and files it as number of the NPC session', async () => {
    const staff = await as('xuanlian');
    await goto(staff, '/review');
    await expect.poll(() => staff.locator('main').getByText(TITLE).first().isVisible()).toBe(true);
    // Its queue holds the NPC's suggestions only.
    const sessions = await apiGet<{ kind: string }[]>(staff, '/sessions');
    expect(new Set(sessions.map((s) => s.kind))).toEqual(new Set(['suggestion']));
    await open(staff);
    const main = staff.locator('main');
    await expect.poll(() => main.getByTestId('kind-tag').first().innerText()).toBe('人大代表建议');
    expect(await main.innerText()).toContain('领衔代表、附议代表');
    await action(staff, '立案');
    await staff.getByRole('button', { name: /确认立案/ }).click();
    await confirmDialog(staff);
    await waitForStatus(staff, 'filed');
    const d = await detail(staff);
    const filed = await apiGet<{ items: { number: number | null; kind: string }[] }>(staff, `/proposals?sessionId=${d.sessionId}&pageSize=100&sort=number:desc`);
    // Numbered within the NPC session (its own sequence from 1), not after the CPPCC's numbers.
    expect(d.number).toBe(Math.max(...filed.items.map((i) => i.number ?? 0)));
    expect(filed.items.every((i) => i.kind === 'suggestion')).toBe(true);
  });

  it('选联工委 assigns it to 农业农村局', async () => {
    const staff = await as('xuanlian');
    await open(staff);
    await action(staff, '交办');
    const modal = staff.locator('.ant-modal').filter({ hasText: '交办方式' }).last();
    await pick(staff, modal, '主办单位', '农业农村局');
    await modal.getByRole('button', { name: /^交\s*办$|确认交办/ }).click();
    await confirmDialog(staff);
    await waitForStatus(staff, 'assigned');
  });

  it('the unit sees the kind in its inbox, signs and replies to the deputy’s suggestion', async () => {
    const unit = await as('nongye');
    await goto(unit, '/inbox');
    const row = unit.locator('main tr').filter({ hasText: TITLE }).first();
    await expect.poll(() => row.isVisible()).toBe(true);
    expect(await row.getByTestId('kind-tag').innerText()).toBe('人大代表建议');
    await screenshot(unit, 'journey-npc-inbox');
    await open(unit);
    await action(unit, '签收');
    await unit.locator('.ant-modal').getByRole('button', { name: /确认签收/ }).click();
    await waitForStatus(unit, 'handling');
    await action(unit, '答复');
    const drawer = unit.locator('.ant-drawer').last();
    await expect.poll(() => drawer.locator('.ant-drawer-title').innerText()).toBe('答复代表建议');
    await drawer.locator('.ant-radio-wrapper').filter({ has: unit.getByRole('radio', { name: /^A类/ }) }).click();
    await field(drawer, '答复内容').locator('.ProseMirror').fill('已将全市42公里临水临崖路段列入明年农村公路安全生命防护工程，春节前完成急弯陡坡路段整治。');
    await field(drawer, '签发人').locator('input').fill('沈国良');
    await drawer.getByRole('button', { name: /提交答复|答\s*复/ }).first().click();
    await confirmDialog(unit, /提交答复/);
    await waitForStatus(unit, 'replied');
  });

  it('the deputy evaluates: 代表满意度, and it is closed', async () => {
    const deputy = await as('db01');
    await open(deputy);
    await action(deputy, '测评');
    const modal = deputy.locator('.ant-modal').filter({ hasText: '办理态度' }).last();
    expect(await modal.locator('.ant-modal-title').innerText()).toBe('代表满意度测评');
    await field(modal, '办理态度').getByText('满意', { exact: true }).click();
    await field(modal, '办理结果').getByText('满意', { exact: true }).click();
    await modal.getByRole('button', { name: /提交测评/ }).click();
    await confirmDialog(deputy, /提交测评/);
    await waitForStatus(deputy, 'closed');
    await open(deputy);
    await deputy.getByRole('tab', { name: /答复/ }).click();
    await expect.poll(() => deputy.locator('main').innerText()).toContain('代表满意度');
    await screenshot(deputy, 'journey-npc-closed', true);
  });

  it('提案委 cannot open the NPC suggestion: the not-found page', async () => {
    const cppcc = await as('tiweiban');
    await goto(cppcc, `/proposals/${id}`);
    await expect.poll(() => cppcc.locator('.ant-result-404').isVisible()).toBe(true);
    expect(await cppcc.locator('main').innerText()).not.toContain(TITLE);
    const list = await apiGet<{ items: { kind: string }[] }>(cppcc, '/proposals?pageSize=100');
    expect(list.items.every((i) => i.kind === 'proposal')).toBe(true);
    await screenshot(cppcc, 'organ-not-found');
  });
});
