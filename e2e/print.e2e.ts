import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { apiGet, goto, launchBrowser, loginAs, newPage, screenshot, settle } from './helpers.js';

// The print views (提案, 交办单, 催办通知单, 承办单位办理情况表): reached from the pages where the work
// is, an A4 sheet with the key fields, and on paper (print media) nothing of the app's shell.

let browser: Browser;
const pages: Record<string, Page> = {};
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function as(username: string): Promise<Page> {
  if (!pages[username]) {
    pages[username] = await newPage(browser);
    await loginAs(pages[username]!, username);
  }
  return pages[username]!;
}

interface Detail {
  id: number;
  number: number | null;
  title: string;
  deadline: string | null;
  session: { name: string };
  proposers: { name: string; confirmation: string }[];
  assignments: { unitName: string; role: string; status: string }[];
}
interface Item {
  id: number;
}

const chineseDay = (iso: string) => {
  const [y, m, d] = iso.slice(0, 10).split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

/** On paper: the menu, the header and the buttons are gone, the sheet stays. Back to the screen after. */
async function expectPrintedAlone(page: Page, sheet: string) {
  await expect.poll(() => page.locator('.ant-layout-header').isVisible()).toBe(true);
  await page.emulateMedia({ media: 'print' });
  try {
    await expect.poll(() => page.locator('.ant-layout-header').isVisible()).toBe(false);
    expect(await page.locator('.ant-layout-sider').isVisible()).toBe(false);
    expect(await page.getByTestId('print-button').isVisible()).toBe(false);
    expect(await page.getByTestId(sheet).isVisible()).toBe(true);
    // Black on white.
    const colours = await page.getByTestId(sheet).evaluate((el) => [getComputedStyle(el).color, getComputedStyle(el).backgroundColor]);
    expect(colours[0]).toBe('rgb(0, 0, 0)');
    // The picture at the width of an A4 page (96 dpi).
    await page.setViewportSize({ width: 794, height: 1123 });
    await settle(page);
    await screenshot(page, sheet, true);
  } finally {
    await page.emulateMedia({ media: 'screen' });
    await page.setViewportSize({ width: 1366, height: 860 });
  }
}

describe('print views', () => {
  it('the proposal as filed, from its page', async () => {
    const staff = await as('tiweiban');
    const list = await apiGet<{ items: Item[] }>(staff, '/proposals?status=handling&kind=proposal&pageSize=1');
    const p = await apiGet<Detail>(staff, `/proposals/${list.items[0]!.id}`);
    await goto(staff, `/proposals/${p.id}`);
    // On a desk the 办理流程图 runs across: a proposal in handling is at 答复, its earlier steps dated.
    const flow = staff.getByTestId('lifecycle-flow');
    await expect.poll(() => flow.locator('[aria-current="step"]').innerText()).toContain('答复');
    expect((await flow.innerText()).match(/\d{4}年\d{1,2}月\d{1,2}日/g)?.length).toBeGreaterThanOrEqual(4);
    await screenshot(staff, 'lifecycle-flow');
    await staff.getByTestId('print-links').getByRole('link', { name: /打印提案/ }).click();
    await staff.waitForURL((u) => u.pathname === `/proposals/${p.id}/print`);
    await settle(staff);
    const text = await staff.getByTestId('print-proposal').innerText();
    expect(text).toContain(p.title);
    expect(text).toContain(`第${p.number}号`);
    expect(text).toContain(p.session.name);
    expect(text).toContain(p.proposers[0]!.name);
    expect(text).toMatch(/\d{4}年\d{1,2}月\d{1,2}日/);
    await expectPrintedAlone(staff, 'print-proposal');
  });

  it('the 交办单 names the units, the deadline and has signature lines', async () => {
    const staff = await as('tiweiban');
    const list = await apiGet<{ items: Item[] }>(staff, '/proposals?status=handling&kind=proposal&pageSize=1');
    const p = await apiGet<Detail>(staff, `/proposals/${list.items[0]!.id}`);
    await goto(staff, `/proposals/${p.id}`);
    await staff.getByTestId('print-links').getByRole('link', { name: /打印交办单/ }).click();
    await staff.waitForURL((u) => u.pathname === `/proposals/${p.id}/print/assignment`);
    await settle(staff);
    const text = await staff.getByTestId('print-assignment').innerText();
    expect(text).toContain('提案交办单');
    expect(text).toContain(p.title);
    expect(text).toContain(p.assignments.find((a) => a.role === 'lead' || a.role === 'separate')!.unitName);
    expect(text).toContain(chineseDay(p.deadline!));
    expect(text).toContain('承办单位签收人');
    await expectPrintedAlone(staff, 'print-assignment');
  });

  it('the 催办通知单 of an overdue proposal, from the deadline board', async () => {
    const office = await as('ducha');
    await goto(office, '/deadlines?tab=overdue');
    const link = office.getByRole('link', { name: /^打印催办通知单/ }).first();
    await link.waitFor();
    await link.click();
    await office.waitForURL((u) => /^\/proposals\/\d+\/print\/reminder$/.test(u.pathname));
    await settle(office);
    const id = Number(new URL(office.url()).pathname.split('/')[2]);
    const p = await apiGet<Detail>(office, `/proposals/${id}`);
    const text = await office.getByTestId('print-reminder').innerText();
    expect(text).toContain('催办通知单');
    expect(text).toContain(p.title);
    expect(text).toContain(`${p.assignments.find((a) => a.role !== 'co' && a.status !== 'removed')!.unitName}：`);
    expect(text).toContain('已超过办理期限');
    expect(text).toContain('政府办督查室');
    await expectPrintedAlone(office, 'print-reminder');
  });

  it('a unit prints its 办理情况表 from its inbox', async () => {
    const unit = await as('nongye');
    await goto(unit, '/inbox');
    await unit.getByTestId('print-handling').click();
    await unit.waitForURL((u) => /^\/units\/\d+\/print\/handling$/.test(u.pathname));
    await settle(unit);
    const sheet = unit.getByTestId('print-handling');
    await expect.poll(() => sheet.locator('tbody tr').count()).toBeGreaterThan(3);
    const text = await sheet.innerText();
    expect(text).toContain('农业农村局');
    expect(text).toMatch(/A类|B类|C类/);
    expect(text).toMatch(/态度(满意|基本满意|不满意)/);
    await expectPrintedAlone(unit, 'print-handling');
    // Another unit's table is not this unit's to print.
    const own = Number(new URL(unit.url()).pathname.split('/')[2]);
    await goto(unit, `/units/${own + 1}/print/handling`);
    await expect.poll(() => unit.locator('main, .ant-layout-content').first().innerText()).toContain('403');
  });

  it('an NPC suggestion prints in the NPC words; a member may not print a 催办通知单', async () => {
    const npc = await as('xuanlian');
    const list = await apiGet<{ items: Item[] }>(npc, '/proposals?status=handling&pageSize=1');
    await goto(npc, `/proposals/${list.items[0]!.id}/print`);
    const text = await npc.getByTestId('print-proposal').innerText();
    expect(text).toContain('代表建议');
    expect(text).toContain('领衔代表');
    expect(text).not.toContain('提案人');

    const member = await as('weiyuan');
    const mine = await apiGet<{ items: Item[] }>(member, '/proposals?status=handling&pageSize=1');
    await goto(member, `/proposals/${mine.items[0]!.id}`);
    await expect.poll(() => member.getByTestId('print-links').innerText()).toContain('打印提案');
    expect(await member.getByTestId('print-links').innerText()).not.toContain('催办');
    await goto(member, `/proposals/${mine.items[0]!.id}/print/reminder`);
    await expect.poll(() => member.locator('.ant-layout-content').first().innerText()).toContain('403');
  });
});
