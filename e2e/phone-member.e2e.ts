import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { apiGet, baseUrl, confirmDialog, expectNoSidewaysScroll, field, goto, launchBrowser, loginAs, newPage, pick, screenshot, settle } from './helpers.js';

// A member does the whole job on a phone (375 × 740): writes a joint proposal, the co-proposer
// confirms it on their phone, reads the reply once the units have answered (the office's and the
// units' steps go through the API: they work at desks), evaluates the lead unit and the co-unit on
// their own cards, and follows the lifecycle diagram. Every page: no sideways scroll, and each
// control the member needs lies whole within the screen's width (not cut, not hidden behind 「…」).

const WIDTH = 375;
const HEIGHT = 740;
const TITLE = `关于在乡镇卫生院推广远程会诊服务的建议（${Date.now().toString(36)}）`;
let browser: Browser;
const pages: Record<string, Page> = {};
let proposalId = 0;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  for (const [name, page] of Object.entries(pages)) {
    await page.screenshot({ path: path.join(os.tmpdir(), `phone-member-fail-${name}.png`), fullPage: true }).catch(() => undefined);
  }
});

async function as(username: string, width = WIDTH): Promise<Page> {
  if (!pages[username]) {
    pages[username] = await newPage(browser, width, width === WIDTH ? HEIGHT : 860);
    await loginAs(pages[username]!, username);
  }
  return pages[username]!;
}

interface Detail {
  id: number;
  status: string;
  version: number;
  proposers: { name: string; confirmation: string }[];
  assignments: { unitId: number; unitName: string; role: string; status: string }[];
  replies: { id: number; unitName: string; status: string }[];
  evaluations: { unitName: string | null; attitude: string }[];
}
const detail = (page: Page) => apiGet<Detail>(page, `/proposals/${proposalId}`);

/** A POST as the signed-in user of `page`, with the CSRF header and an idempotency key as the app sends them. */
async function apiPost(page: Page, pathname: string, body: unknown) {
  const me = await apiGet<{ csrfToken: string }>(page, '/auth/me');
  const res = await page.request.post(`${baseUrl()}/api/v1${pathname}`, {
    data: body,
    headers: { 'x-csrf-token': me.csrfToken, 'idempotency-key': `${pathname}-${Date.now()}-${Math.random()}` },
  });
  if (!res.ok()) throw new Error(`POST ${pathname} → ${res.status()} ${await res.text()}`);
  return res.json();
}

/** The element lies whole within the phone's width, and its text is not cut off (no ellipsis, no clipping). */
async function expectWhollyVisible(el: Locator) {
  // A dialog is on screen already (scrolling waits for it to be still, which an open dialog may never report).
  await el.scrollIntoViewIfNeeded({ timeout: 5_000 }).catch(() => undefined);
  const box = await el.boundingBox();
  expect(box, 'the element is rendered').not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(WIDTH + 0.5);
  const clipped = await el.evaluate((node) => node.scrollWidth > node.clientWidth + 1);
  expect(clipped, `「${(await el.innerText()).slice(0, 40)}」 is cut off`).toBe(false);
  // And it is what a finger lands on there: not hidden, clipped by a scrolling strip or covered.
  const reachable = await el.evaluate((node) => {
    const r = node.getBoundingClientRect();
    const top = document.elementFromPoint(r.left + r.width / 2, r.top + Math.min(r.height / 2, 12));
    return top !== null && (top === node || node.contains(top));
  });
  expect(reachable, `「${(await el.innerText()).slice(0, 40)}」 is not reachable on screen`).toBe(true);
}

async function action(page: Page, label: string) {
  const button = page.getByTestId('actions').getByRole('button', { name: new RegExp(`^${[...label].join('\\s*')}$`) });
  await button.waitFor();
  await expectWhollyVisible(button);
  await button.click();
}

async function openProposal(page: Page) {
  await goto(page, `/proposals/${proposalId}`);
  await expect.poll(() => page.getByTestId('proposal-title').innerText()).toBe(TITLE);
  await expectNoSidewaysScroll(page, WIDTH);
}

describe('a member does the whole job at 375 px', () => {
  it('writes a joint proposal from the drawer menu and submits it', async () => {
    const co = await as('wy02');
    const coName = (await apiGet<{ displayName: string }>(co, '/auth/me')).displayName;
    const member = await as('weiyuan');
    await member.getByRole('button', { name: /菜单/ }).click();
    await member.getByRole('menuitem', { name: '写提案' }).first().click();
    await member.waitForURL((u) => u.pathname === '/proposals/new');
    await settle(member);
    await field(member, '案由').locator('input').fill(TITLE);
    await pick(member, member, '类别', '医疗卫生');
    await member.locator('.ProseMirror').click();
    await member.keyboard.type('乡镇卫生院缺少专科医生，群众看病要往城里跑。建议依托县域医共体建设远程会诊平台，每个卫生院配备会诊终端。');
    await pick(member, member, '联名人', coName);
    await expectNoSidewaysScroll(member, WIDTH);
    await expectWhollyVisible(member.getByRole('button', { name: /保存草稿/ }));
    await member.getByRole('button', { name: /保存草稿/ }).click();
    await member.waitForURL((u) => /\/proposals\/\d+\/edit$/.test(u.pathname));
    proposalId = Number(new URL(member.url()).pathname.split('/')[2]);
    await settle(member);
    const submit = member.getByRole('button', { name: /^提\s*交$/ });
    await expectWhollyVisible(submit);
    await submit.click();
    await confirmDialog(member, /确认提交/);
    await member.waitForURL((u) => u.pathname === `/proposals/${proposalId}`);
    await expect.poll(async () => (await detail(member)).status).toBe('pending_cosign');
  }, 300_000);

  it('the second member co-signs it on their phone', async () => {
    const co = await as('wy02');
    await openProposal(co);
    await action(co, '确认联名');
    const modal = co.locator('.ant-modal').filter({ hasText: '确认联名' }).last();
    await modal.waitFor();
    await expectWhollyVisible(modal.locator('.ant-modal-container').first());
    await modal.getByRole('button', { name: /确认联名/ }).click();
    await expect.poll(async () => (await detail(co)).status).toBe('submitted');
  });

  it('the office files and assigns it, the co-unit gives its opinion and the lead unit replies (at desks)', async () => {
    const staff = await as('tiweiban', 1366);
    let d = await detail(staff);
    await apiPost(staff, `/proposals/${proposalId}/review`, { decision: 'file', version: d.version });
    const units = await apiGet<{ id: number; name: string }[]>(staff, '/units');
    const lead = units.find((u) => u.name === '农业农村局')!;
    const co = units.find((u) => u.name === '教育局')!;
    d = await detail(staff);
    await apiPost(staff, `/proposals/${proposalId}/assign`, { mode: 'joint', leadUnitId: lead.id, coUnitIds: [co.id], version: d.version });
    const coUnit = await as('jiaoyu', 1366);
    await apiPost(coUnit, `/proposals/${proposalId}/sign`, {});
    await apiPost(coUnit, `/proposals/${proposalId}/co-opinions`, { body: '教育局同意在中小学健康教育中宣传远程会诊服务，配合做好乡村医生培训。' });
    const leadUnit = await as('nongye', 1366);
    await apiPost(leadUnit, `/proposals/${proposalId}/sign`, {});
    d = await detail(leadUnit);
    await apiPost(leadUnit, `/proposals/${proposalId}/replies`, {
      resultClass: 'A',
      body: '经研究，远程会诊平台已列入明年县域医共体建设计划，年内完成全部乡镇卫生院会诊终端配备。',
      disclosure: 'public',
      signerName: '李建华',
      version: d.version,
    });
    d = await detail(staff);
    if (d.status === 'reply_review') await apiPost(staff, `/proposals/${proposalId}/reply-review/approve`, { version: d.version });
    await expect.poll(async () => (await detail(staff)).status).toBe('replied');
  }, 300_000);

  it('reads the reply: the card header shows the whole unit name, every tab is reachable', async () => {
    const member = await as('weiyuan');
    await openProposal(member);
    // Every tab stays on screen (wrapped or scrolled into view), none folded behind 「…」.
    for (const name of ['基本信息', '交办情况', '答复', '办理过程']) await expectWhollyVisible(member.getByRole('tab', { name: new RegExp(`^${name}`) }));
    await member.getByRole('tab', { name: /^答复/ }).click();
    const panel = member.getByRole('tabpanel').filter({ visible: true }).first();
    await expect.poll(() => panel.innerText()).toContain('远程会诊平台已列入');
    const title = panel.locator('.ant-card-head-title').filter({ hasText: '农业农村局' }).first();
    await expect.poll(() => title.innerText()).toContain('答复 · 农业农村局');
    await expectWhollyVisible(title);
    await expectWhollyVisible(panel.locator('.ant-card').filter({ hasText: '农业农村局' }).first());
    await expectNoSidewaysScroll(member, WIDTH);
    await settle(member);
    await screenshot(member, 'reply-375', true);
  });

  it('evaluates the lead unit and the co-unit, each on its own card, in a dialog that fits', async () => {
    const member = await as('weiyuan');
    await openProposal(member);
    const d = await detail(member);
    await action(member, '测评');
    const modal = member.locator('.ant-modal').filter({ hasText: '办理态度' }).last();
    await modal.waitFor();
    // The dialog leaves 8 px either side (min(…, 100vw - 16px)) and nothing inside it overflows.
    const box = await modal.boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(8 - 0.5);
    expect(box!.x + box!.width).toBeLessThanOrEqual(WIDTH - 8 + 0.5);
    await expectWhollyVisible(modal.locator('.ant-modal-container').first());
    await expect.poll(() => modal.locator('[data-testid^="rate-unit-"]').count()).toBe(2);
    for (const unit of ['农业农村局', '教育局']) {
      const unitId = d.assignments.find((a) => a.unitName === unit)!.unitId;
      const card = modal.getByTestId(`rate-unit-${unitId}`);
      await expectWhollyVisible(card);
      await field(card, '办理态度').getByText('满意', { exact: true }).click();
      await field(card, '办理结果').getByText('满意', { exact: true }).click();
      await expectWhollyVisible(field(card, '办理结果'));
    }
    await expectWhollyVisible(modal.getByRole('button', { name: /提交测评/ }));
    await modal.getByRole('button', { name: /提交测评/ }).click();
    await confirmDialog(member, /提交测评/);
    await expect.poll(async () => (await detail(member)).evaluations.map((e) => e.unitName).sort()).toEqual(['农业农村局', '教育局'].sort());
  });

  it('sees the lifecycle diagram with the current step and its dates, and the timeline', async () => {
    const member = await as('weiyuan');
    await openProposal(member);
    const flow = member.getByTestId('lifecycle-flow');
    await flow.waitFor();
    await expectWhollyVisible(flow);
    const current = flow.locator('[aria-current="step"]');
    await expect.poll(() => current.count()).toBe(1);
    await expectWhollyVisible(current);
    // Past steps carry their dates, in Chinese (2026年11月23日).
    await expect.poll(async () => ((await flow.innerText()).match(/\d{4}年\d{1,2}月\d{1,2}日/g) ?? []).length).toBeGreaterThanOrEqual(4);
    for (const step of ['提交', '立案', '交办', '签收', '答复', '测评']) await expect.poll(() => flow.innerText()).toContain(step);
    await settle(member);
    await screenshot(member, 'lifecycle-flow-375', true);
    await member.getByRole('tab', { name: /^办理过程/ }).click();
    await expect.poll(() => member.getByRole('tabpanel').filter({ visible: true }).first().innerText()).toMatch(/测评/);
    await expectNoSidewaysScroll(member, WIDTH);
  });
});
