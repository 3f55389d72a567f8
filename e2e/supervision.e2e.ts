import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { apiGet, field, goto, launchBrowser, loginAs, newPage, pick, screenshot, settle } from './helpers.js';

// 两级联合督办 in the browser (issue 15): 平湖市 (a county of 嘉兴市) invites its city on a key
// proposal, 嘉兴's committee accepts and names its mayor, the mayor records a 专题协商会 on it, the
// staff of both levels see the meeting, and 海盐县 (the other county) sees nothing of it.

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

interface KeyItem {
  id: number;
  title: string;
  number: number | null;
  leaders: { id: number }[];
}
interface JointItem {
  id: number;
  status: string;
  proposal: { id: number; title: string };
}

const MINUTES = '市县两级领导共同听取汇报，议定十二月底前完成方案报批。';

async function jointRow(page: Page, title: string) {
  const row = page.locator('.ant-list-item').filter({ hasText: title }).first();
  await row.waitFor();
  return row;
}

describe('two-level joint supervision', () => {
  it('the county invites, the city accepts, the city’s leader records a meeting, both staff see it, a third tenant nothing', async () => {
    // 平湖's committee invites 嘉兴 on one of its key proposals.
    const county = await newPage(browser);
    await loginAs(county, 'tiweiban');
    const keys = (await apiGet<{ items: KeyItem[] }>(county, '/key-proposals')).items;
    // This year's, led by a 平湖 leader (last year's imported ones have none).
    const target = keys.filter((k) => k.leaders.length > 0).at(-1)!;
    await goto(county, '/key-proposals');
    const row = county.locator('tr').filter({ hasText: target.title }).first();
    await row.getByRole('button', { name: '邀请上级联合督办' }).click();
    const invite = county.locator('.ant-modal').filter({ hasText: '邀请上级联合督办' }).last();
    await invite.locator('textarea').fill('请市政协提案委联合督办');
    await invite.getByRole('button', { name: '邀请上级联合督办' }).click();
    await invite.waitFor({ state: 'detached' });
    await goto(county, '/joint-supervisions');
    await expect.poll(async () => (await jointRow(county, target.title)).innerText()).toContain('待上级确认');

    // 嘉兴's committee accepts and names the mayor.
    const city = await newPage(browser);
    await loginAs(city, 'jx_tiweiban');
    await goto(city, '/joint-supervisions');
    await (await jointRow(city, target.title)).getByRole('button', { name: '确认联合督办' }).click();
    await expect.poll(async () => (await jointRow(city, target.title)).innerText()).toContain('联合督办中');
    await settle(city);
    await (await jointRow(city, target.title)).getByRole('link', { name: '查看' }).click();
    await settle(city);
    await city.getByRole('button', { name: '指定本级督办领导' }).click();
    const naming = city.locator('.ant-modal').filter({ hasText: '指定本级督办领导' }).last();
    await naming.locator('.ant-select').click();
    await city.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: '王海东' }).first().click();
    await city.keyboard.press('Escape');
    await naming.getByRole('button', { name: /保\s*存/ }).click();
    await naming.waitFor({ state: 'detached' });
    await expect.poll(() => city.locator('main').innerText()).toContain('市政府领导王海东');
    const jointId = Number(new URL(city.url()).pathname.split('/').pop());

    // The mayor records a 专题协商会 from the joint view.
    const leader = await newPage(browser);
    await loginAs(leader, 'jx_lingdao');
    await goto(leader, `/joint-supervisions/${jointId}`);
    await leader.getByRole('button', { name: '登记督办会议' }).click();
    const form = leader.locator('.ant-modal').filter({ hasText: '登记督办会议' }).last();
    await field(form, '地点').locator('input').fill('平湖市行政中心第二会议室');
    await pick(leader, form, '主持领导', '王海东');
    await field(form, '会议议程').locator('textarea').fill('听取承办单位汇报，委员发言，两级领导讲话');
    await field(form, '承办单位汇报').locator('textarea').fill('方案已编制，正在征求意见。');
    await field(form, '委员意见').locator('textarea').fill('建议加快进度。');
    await field(form, '会议纪要').locator('textarea').fill(MINUTES);
    await form.getByRole('button', { name: '保存督办会议' }).click();
    await form.waitFor({ state: 'detached' });
    await expect.poll(() => leader.locator('main').innerText()).toContain(MINUTES);
    await screenshot(leader, 'joint-supervision-meeting');

    // Both levels' staff see it.
    for (const page of [city, county]) {
      await goto(page, `/joint-supervisions/${jointId}`);
      await expect.poll(() => page.locator('main').innerText()).toContain(MINUTES);
    }
    await goto(county, `/proposals/${target.id}`);
    // The county's own key-proposal page lists it under the proposal too.
    await goto(county, '/key-proposals');
    await county.locator('tr').filter({ hasText: target.title }).first().locator('.ant-table-row-expand-icon').click();
    await expect.poll(() => county.locator('main').innerText()).toContain(MINUTES);

    // 海盐县 (the other county) sees nothing: not in its list, 404 by URL.
    const third = await newPage(browser);
    await loginAs(third, 'hy_tiweiban');
    await goto(third, '/joint-supervisions');
    expect(await third.locator('main').innerText()).not.toContain(target.title);
    await goto(third, `/joint-supervisions/${jointId}`);
    await expect.poll(() => third.locator('.ant-result-404').isVisible()).toBe(true);
    expect(await third.locator('main').innerText()).not.toContain(MINUTES);
    const res = await third.request.get(`${new URL(third.url()).origin}/api/v1/supervision-meetings?proposalId=${target.id}`);
    expect(res.status()).toBe(404);
    const joints = await apiGet<{ items: JointItem[] }>(third, '/joint-supervisions');
    expect(joints.items.map((j) => j.proposal.id)).not.toContain(target.id);

    for (const p of [county, city, leader, third]) await p.context().close();
  });

  it('the leader’s page, the parent’s overview and the platform’s tenants render at phone width', async () => {
    const leader = await newPage(browser, 375, 800);
    await loginAs(leader, 'jx_lingdao');
    await goto(leader, '/my-supervision');
    await settle(leader);
    await expect.poll(() => leader.locator('main').innerText()).toContain('领衔督办的重点提案');
    const wide = async (p: Page) => p.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
    expect(await wide(leader)).toBe(false);
    await screenshot(leader, 'leader-supervision-phone');

    const city = await newPage(browser, 375, 800);
    await loginAs(city, 'jx_tiweiban');
    await goto(city, '/oversight');
    await expect.poll(() => city.locator('main').innerText()).toContain('海盐县');
    expect(await wide(city)).toBe(false);

    const platform = await newPage(browser);
    await loginAs(platform, 'pingtai');
    await expect.poll(() => platform.url()).toContain('/platform/tenants');
    await settle(platform);
    await expect.poll(() => platform.locator('main').innerText()).toContain('海盐县');
    await screenshot(platform, 'platform-tenants');
    for (const p of [leader, city, platform]) await p.context().close();
  });
});
