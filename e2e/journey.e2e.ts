import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { apiGet, baseUrl, confirmDialog, field, goto, launchBrowser, loginAs, newPage, pick, pickOption, screenshot, settle } from './helpers.js';

// The whole journey of one proposal through the browser, each role in its own browser context:
// a member writes a joint proposal, the co-proposer confirms, staff files it and merges another into
// it, assigns it to a lead unit with a co-unit, the unit signs and records a contact; its reply
// waits for the co-unit's opinion (the reply drawer names it), which the co-unit then sends; the
// lead replies B (staff approve it when the session reviews replies), the member rates the lead
// unit 不满意 and the co-unit 满意 on separate cards, the lead re-handles and replies A, the member
// rates it 满意, staff publish it and it shows on the public portal. Only the UI is used to act;
// the API is only read to find names and to check the outcome.

let browser: Browser;
const pages: Record<string, Page> = {};
const TITLE = `关于建立农村学校课后托管与研学实践基地的建议（${Date.now().toString(36)}）`;
let proposalId = 0;
let coProposerName = '';
let mergedTitle = '';
let visitorPage: Page | undefined;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});
// A failed step leaves a picture of every open page in the system's temp folder, to see why.
afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  for (const [name, page] of [...Object.entries(pages), ...(visitorPage ? [['visitor', visitorPage] as const] : [])]) {
    await page.screenshot({ path: path.join(os.tmpdir(), `journey-fail-${name}.png`), fullPage: true }).catch(() => undefined);
  }
});

interface Detail {
  id: number;
  status: string;
  number: number | null;
  title: string;
  proposers: { name: string; confirmation: string }[];
  replies: { resultClass: string; sequence: number }[];
  assignments: { unitId: number; unitName: string; role: string; status: string; round: number }[];
  coOpinions: { unitName: string }[];
  evaluations: { unitName: string | null; sequence: number; result: string }[];
  mergeGroup: { secondaries: { id: number; title: string }[] } | null;
  published: boolean;
}

async function as(username: string, width?: number): Promise<Page> {
  if (!pages[username]) {
    pages[username] = await newPage(browser, width);
    await loginAs(pages[username]!, username);
  }
  return pages[username]!;
}

const detail = (page: Page) => apiGet<Detail>(page, `/proposals/${proposalId}`);

/** Clicks a lifecycle action button on the proposal page (labels from ACTION_LABELS). */
async function action(page: Page, label: string) {
  const re = new RegExp(`^${[...label].join('\\s*')}$`);
  const button = page.getByTestId('actions').getByRole('button', { name: re });
  await button.waitFor();
  await button.click();
}

async function openProposal(page: Page) {
  await goto(page, `/proposals/${proposalId}`);
  await expect.poll(() => page.getByTestId('proposal-title').innerText()).toBe(TITLE);
}

async function waitForStatus(page: Page, status: string) {
  await expect.poll(async () => (await detail(page)).status, { timeout: 15_000 }).toBe(status);
}

describe('journey of one proposal', () => {
  it('a wrong password is refused in Chinese, on the login page', async () => {
    const page = await newPage(browser);
    await goto(page, '/login');
    await page.getByLabel('用户名').fill('weiyuan');
    await page.getByLabel('密码').fill('wrong-password-1');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await expect.poll(() => page.getByRole('alert').innerText()).toMatch(/[\u4e00-\u9fff]/);
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.context().close();
  });

  it('the member writes a joint proposal with a co-proposer and submits it', async () => {
    const co = await as('wy02');
    coProposerName = (await apiGet<{ displayName: string }>(co, '/auth/me')).displayName;
    const member = await as('weiyuan');
    expect(new URL(member.url()).pathname).toBe('/my');
    await member.getByRole('menuitem', { name: '写提案' }).first().click();
    await member.waitForURL((u) => u.pathname === '/proposals/new');
    await settle(member);

    await field(member, '案由').locator('input').fill(TITLE);
    await pick(member, member, '类别', '教育科技');
    await member.locator('.ProseMirror').click();
    await member.keyboard.type('我市农村学校放学时间早，家长务工不能按时接送。建议整合乡镇文化站、农业园区资源，建设课后托管和研学实践基地。');
    await pick(member, member, '联名人', coProposerName);
    await member.getByRole('button', { name: /保存草稿/ }).click();
    await member.waitForURL((u) => /\/proposals\/\d+\/edit$/.test(u.pathname));
    proposalId = Number(new URL(member.url()).pathname.split('/')[2]);
    expect(proposalId).toBeGreaterThan(0);
    // The draft's own edit screen replaces the new-proposal form: click 提交 on that one, once it has loaded.
    await settle(member);

    await member.getByRole('button', { name: /^提\s*交$/ }).click();
    await confirmDialog(member, /确认提交/);
    await member.waitForURL((u) => u.pathname === `/proposals/${proposalId}`);
    await waitForStatus(member, 'pending_cosign');
    const d = await detail(member);
    expect(d.proposers.map((p) => p.name)).toContain(coProposerName);
  });

  it('the co-proposer confirms the invitation', async () => {
    const co = await as('wy02');
    await openProposal(co);
    await action(co, '确认联名');
    const modal = co.locator('.ant-modal').filter({ hasText: '确认联名' }).last();
    await modal.getByRole('button', { name: /确认联名/ }).click();
    await waitForStatus(co, 'submitted');
    expect((await detail(co)).proposers.find((p) => p.name === coProposerName)?.confirmation).toBe('confirmed');
  });

  it('staff files it from the review form and it gets a number', async () => {
    const staff = await as('tiweiban');
    await goto(staff, '/review');
    await expect.poll(() => staff.locator('main').getByText(TITLE).first().isVisible()).toBe(true);
    await openProposal(staff);
    await action(staff, '立案');
    await staff.getByRole('button', { name: /确认立案/ }).click();
    await confirmDialog(staff);
    await waitForStatus(staff, 'filed');
    expect((await detail(staff)).number).toBeGreaterThan(0);
  });

  it('staff merges another filed proposal into it, keeping both proposers and numbers', async () => {
    const staff = await as('tiweiban');
    await openProposal(staff);
    await action(staff, '并案');
    await staff.waitForURL((u) => u.pathname === '/merge');
    await settle(staff);
    // Any other filed proposal of the session: the first 并入 button that is not our own.
    const mergeButtons = staff.getByRole('button', { name: /^并入 / });
    await mergeButtons.first().waitFor();
    const own = (await detail(staff)).number;
    const names = await mergeButtons.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
    const index = names.findIndex((n) => n !== `并入 第${own}号`);
    expect(index, `a candidate to merge among ${names.join(',')}`).toBeGreaterThanOrEqual(0);
    await mergeButtons.nth(index).click();
    await staff.getByRole('button', { name: /确认并案/ }).click();
    // An unrelated candidate (similarity below the threshold) asks for an explicit confirmation.
    await staff.locator('.ant-modal-confirm, [data-testid=confirm-low-similarity]').first().waitFor();
    if (await staff.getByTestId('confirm-low-similarity').isVisible()) {
      await staff.getByTestId('confirm-low-similarity').click();
      await staff.locator('.ant-modal').filter({ hasText: '确认这些提案属于同一事项' }).getByRole('button', { name: /确认并案/ }).click();
    } else {
      await confirmDialog(staff);
    }
    await expect.poll(() => staff.getByText('并案成功').first().isVisible()).toBe(true);
    await screenshot(staff, 'merge');
    const d = await detail(staff);
    expect(d.status).toBe('filed');
    expect(d.mergeGroup?.secondaries).toHaveLength(1);
    mergedTitle = d.mergeGroup!.secondaries[0]!.title;
    expect(mergedTitle).not.toBe(TITLE);
  });

  it('staff assigns it to 农业农村局 with 教育局 as co-unit', async () => {
    const staff = await as('tiweiban');
    await openProposal(staff);
    await action(staff, '交办');
    const modal = staff.locator('.ant-modal').filter({ hasText: '交办方式' }).last();
    await modal.getByText('主办+会办', { exact: true }).click();
    await pick(staff, modal, '主办单位', '农业农村局');
    await pick(staff, modal, '会办单位', '教育局');
    await modal.getByRole('button', { name: /^交\s*办$|确认交办/ }).click();
    await confirmDialog(staff);
    await waitForStatus(staff, 'assigned');
  });

  it('the lead unit finds it in its inbox, signs it and records a contact', async () => {
    const unit = await as('nongye');
    await goto(unit, '/inbox');
    await expect.poll(() => unit.locator('main').getByText(TITLE).first().isVisible()).toBe(true);
    await screenshot(unit, 'journey-inbox');
    await openProposal(unit);
    await action(unit, '签收');
    await unit.locator('.ant-modal').getByRole('button', { name: /确认签收/ }).click();
    await waitForStatus(unit, 'handling');

    await action(unit, '登记沟通');
    const modal = unit.locator('.ant-modal').filter({ hasText: '沟通方式' }).last();
    await modal.getByText('面商', { exact: true }).click();
    await field(modal, '参加人员').locator('input, textarea').first().fill(`${'农业农村局 王科长'}、提案人`);
    await field(modal, '沟通情况').locator('textarea').fill('当面听取提案人意见，商定先在两个镇试点课后托管。');
    await modal.getByRole('button', { name: /保\s*存|登\s*记|提\s*交|确\s*定/ }).last().click();
    await expect.poll(async () => (await apiGet<{ contacts: unknown[] }>(unit, `/proposals/${proposalId}`)).contacts.length).toBe(1);
  });

  it('the lead unit’s reply waits for the co-unit: the drawer names 教育局 and its window', async () => {
    const unit = await as('nongye');
    await openProposal(unit);
    await action(unit, '答复');
    const drawer = unit.locator('.ant-drawer').last();
    const waiting = drawer.getByTestId('co-opinion-waiting');
    await expect.poll(() => waiting.innerText()).toContain('教育局');
    expect(await waiting.innerText()).toMatch(/会办期限至\d{4}年\d{1,2}月\d{1,2}日/);
    expect(await drawer.getByRole('button', { name: /提交答复/ }).isDisabled()).toBe(true);
    await screenshot(unit, 'reply-waiting-co-opinion');
    await drawer.getByRole('button', { name: /取\s*消/ }).click();
  });

  it('the co-unit signs and sends its 会办意见', async () => {
    const co = await as('jiaoyu');
    await openProposal(co);
    await action(co, '签收');
    await co.locator('.ant-modal').getByRole('button', { name: /确认签收/ }).click();
    await expect.poll(async () => (await detail(co)).assignments.find((a) => a.unitName === '教育局')?.status).toBe('signed');
    await action(co, '提交会办意见');
    const modal = co.locator('.ant-modal').filter({ hasText: '会办意见' }).last();
    await field(modal, '会办意见').locator('textarea').fill('建议将课后托管纳入明年教育专项，由教育局统筹师资和场地安排。');
    await modal.getByRole('button', { name: /提交会办意见/ }).click();
    await expect.poll(async () => (await detail(co)).coOpinions.length).toBe(1);
  });

  let reviewShot = false;
  /** With 答复审核 on (the demo's CPPCC session), staff approve the reply on the 答复审核 screen. */
  async function approveIfReviewed() {
    const unit = await as('nongye');
    await expect.poll(async () => (await detail(unit)).status, { timeout: 15_000 }).toMatch(/^(replied|reply_review)$/);
    if ((await detail(unit)).status !== 'reply_review') return;
    const staff = await as('tiweiban');
    await goto(staff, '/reply-review');
    const review = staff.getByRole('button', { name: `审核 ${TITLE}`, exact: true });
    await review.waitFor();
    if (!reviewShot) await screenshot(staff, 'reply-review');
    await review.click();
    const drawer = staff.locator('.ant-drawer').last();
    await drawer.getByText(TITLE).first().waitFor();
    if (!reviewShot) {
      await settle(staff);
      await screenshot(staff, 'reply-review-drawer');
      reviewShot = true;
    }
    await drawer.locator('.ant-drawer-footer').getByRole('button', { name: /审核通过/ }).click();
    await confirmDialog(staff);
    await waitForStatus(staff, 'replied');
  }

  async function reply(cls: 'A' | 'B', text: string) {
    const unit = await as('nongye');
    await openProposal(unit);
    await action(unit, '答复');
    const drawer = unit.locator('.ant-drawer').last();
    await drawer.locator('.ant-radio-wrapper').filter({ has: unit.getByRole('radio', { name: new RegExp(`^${cls}类`) }) }).click();
    await expect.poll(() => drawer.getByRole('radio', { name: new RegExp(`^${cls}类`) }).isChecked()).toBe(true);
    await field(drawer, '答复内容').locator('.ProseMirror').fill(text);
    await field(drawer, '签发人').locator('input').fill('李建华');
    await drawer.getByRole('button', { name: /提交答复|答\s*复/ }).first().click();
    await confirmDialog(unit, /提交答复/);
  }

  /** One card per unit: each rated on its own (attitude and result alike here), with a comment when given. */
  async function evaluate(verdicts: { unit: string; verdict: '满意' | '不满意'; comment?: string }[], shot?: string) {
    const member = await as('weiyuan');
    await openProposal(member);
    const d = await detail(member);
    await action(member, '测评');
    const modal = member.locator('.ant-modal').filter({ hasText: '办理态度' }).last();
    await expect.poll(() => modal.locator('[data-testid^="rate-unit-"]').count()).toBe(verdicts.length);
    for (const v of verdicts) {
      const unitId = d.assignments.find((a) => a.unitName === v.unit)!.unitId;
      const card = modal.getByTestId(`rate-unit-${unitId}`);
      await field(card, '办理态度').getByText(v.verdict, { exact: true }).click();
      await field(card, '办理结果').getByText(v.verdict, { exact: true }).click();
      if (v.comment) await field(card, '意见').locator('textarea').fill(v.comment);
    }
    if (shot) await screenshot(member, shot);
    await modal.getByRole('button', { name: /提交测评/ }).click();
    await confirmDialog(member, /提交测评/);
  }

  it('the lead unit replies with class B once the opinion is in (and staff approve it)', async () => {
    await reply('B', '经研究，课后托管试点已列入明年教育专项，研学基地建设需统筹用地与资金，目前正在论证，将分步推进。');
    await approveIfReviewed();
    const unit = await as('nongye');
    await waitForStatus(unit, 'replied');
    expect((await detail(unit)).replies.some((r) => r.resultClass === 'B')).toBe(true);
  });

  it('the member rates the lead unit 不满意 and the co-unit 满意; only the lead goes back', async () => {
    await evaluate(
      [
        { unit: '农业农村局', verdict: '不满意', comment: '答复没有明确试点时间和资金来源，希望进一步落实。' },
        { unit: '教育局', verdict: '满意' },
      ],
      'evaluate-units',
    );
    const member = await as('weiyuan');
    await waitForStatus(member, 'rehandling');
    const d = await detail(member);
    expect(d.evaluations.map((e) => [e.unitName, e.result])).toEqual([['农业农村局', 'unsatisfied'], ['教育局', 'satisfied']]);
    expect(d.assignments.map((a) => [a.unitName, a.round])).toEqual([['农业农村局', 2], ['教育局', 1]]);
  });

  it('the unit re-handles and replies with class A', async () => {
    await reply('A', '经再次研究，已安排专项资金120万元，在新埭、林埭两镇建设课后托管点和研学实践基地，明年春季学期投入使用。');
    await approveIfReviewed();
    const unit = await as('nongye');
    await waitForStatus(unit, 'replied');
    const d = await detail(unit);
    expect(d.replies.filter((r) => r.resultClass === 'A' && r.sequence === 2).length).toBeGreaterThan(0);
  });

  it('the member rates the lead unit 满意 and the proposal is closed', async () => {
    await evaluate([{ unit: '农业农村局', verdict: '满意' }]);
    const member = await as('weiyuan');
    await waitForStatus(member, 'closed');
    await openProposal(member);
    await screenshot(member, 'journey-closed', true);
    // The replies with each unit's own evaluation, the co-unit's apart.
    await member.getByRole('tab', { name: /答复/ }).click();
    await expect.poll(() => member.getByRole('tabpanel').filter({ visible: true }).first().innerText()).toContain('会办单位测评');
    await screenshot(member, 'journey-evaluations', true);
  });

  it('staff publishes it and it shows on the public portal, without personal data', async () => {
    const staff = await as('tiweiban');
    await openProposal(staff);
    await action(staff, '公开');
    const modal = staff.locator('.ant-modal').filter({ hasText: '公开状态' }).last();
    await modal.getByRole('button', { name: /确认公开/ }).click();
    await confirmDialog(staff);
    await expect.poll(async () => (await detail(staff)).published).toBe(true);

    const visitor = await newPage(browser);
    visitorPage = visitor;
    await goto(visitor, '/public');
    const region = visitor.locator('.ant-select').filter({ has: visitor.getByLabel('地区') });
    if ((await region.count()) > 0 && !(await visitor.locator('header, body').first().innerText()).includes('平湖市提案建议办理公开')) {
      await pickOption(visitor, region, '平湖市');
      await settle(visitor);
    }
    await expect.poll(() => visitor.getByRole('heading', { name: '平湖市提案建议办理公开' }).isVisible()).toBe(true);
    await screenshot(visitor, 'public-portal', true);
    const search = visitor.getByRole('searchbox', { name: '搜索案由、正文或编号' }).or(visitor.getByLabel('搜索案由、正文或编号')).first();
    await search.fill(TITLE.slice(TITLE.indexOf('（') + 1, -1));
    await search.press('Enter');
    await expect.poll(() => visitor.locator('body').getByText(TITLE).first().isVisible(), { timeout: 15_000 }).toBe(true);
    await visitor.getByText(TITLE).first().click();
    await visitor.waitForURL((u) => u.pathname.startsWith('/public/proposals/'));
    await settle(visitor);
    await expect.poll(() => visitor.locator('body').innerText()).toContain('新埭、林埭两镇');
    const text = await visitor.locator('body').innerText();
    expect(text).toContain(TITLE);
    expect(text).not.toMatch(/1[3-9]\d{9}/);
    await screenshot(visitor, 'journey-public', true);
    await visitor.context().close();
    expect(baseUrl()).toMatch(/^http/);
  });
});
