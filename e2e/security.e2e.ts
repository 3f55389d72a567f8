import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { TOTP, Secret } from 'otpauth';
import { baseUrl, DEMO_PASSWORD, field, goto, launchBrowser, loginAs, newPage, pick, screenshot, settle, expectNoSidewaysScroll } from './helpers.js';

// Sign-in and 三员分立 in the browser: the 「演示环境」 banner, enrolling an authenticator in 我的账号
// and signing in with its code, and the two-person rule from the 安全管理员's request through the
// 系统管理员's approval to the 审计管理员's alert list. Accounts used nowhere else (wy09, e2e_staff),
// so that the other files see the demo as it was.

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** The server's clock (it runs on the demo's day): TOTP codes are computed against it. */
async function serverNow(page: Page): Promise<Date> {
  const res = await page.request.get(`${baseUrl()}/api/health`);
  return new Date(res.headers()['x-duban-now']!);
}
const codeAt = (secret: string, at: Date) => TOTP.generate({ secret: Secret.fromBase32(secret), timestamp: at.getTime() });

describe('sign-in', () => {
  let secret = '';
  let recovery: string[] = [];

  it('shows 「演示环境」 on every page of the demo, the sign-in page included', async () => {
    const page = await newPage(browser);
    await goto(page, '/login');
    await expect.poll(() => page.getByTestId('demo-banner').innerText()).toContain('演示环境');
    await goto(page, '/public');
    await expect.poll(() => page.getByTestId('demo-banner').isVisible()).toBe(true);
    await loginAs(page, 'wy09');
    await expect.poll(() => page.getByTestId('demo-banner').isVisible()).toBe(true);
    await page.context().close();
  });

  it('enrols an authenticator in 我的账号 and shows the recovery codes once', async () => {
    const page = await newPage(browser);
    await loginAs(page, 'wy09');
    await goto(page, '/account');
    const card = page.getByTestId('second-factor-card');
    await expect.poll(() => card.innerText()).toContain('未启用');
    await card.getByRole('button', { name: '启用双重验证' }).click();
    const form = page.getByTestId('enrol-form');
    await form.waitFor();
    await expect.poll(() => form.locator('img').getAttribute('src')).toMatch(/^data:image\/png;base64,/);
    secret = (await page.getByTestId('totp-secret').innerText()).trim();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await settle(page);
    await screenshot(page, 'account-enrol');
    await field(form, '验证码').locator('input').fill(codeAt(secret, await serverNow(page)));
    await form.getByRole('button', { name: '确认启用' }).click();
    const codes = page.getByTestId('recovery-codes');
    await codes.waitFor();
    recovery = (await codes.innerText()).trim().split(/\s+/);
    expect(recovery).toHaveLength(10);
    await screenshot(page, 'account-recovery-codes');
    await page.getByRole('button', { name: '我已保存' }).click();
    await expect.poll(() => card.innerText()).toContain('剩余恢复码 10 个');
    await expect.poll(() => page.getByTestId('sessions-card').innerText()).toContain('当前会话');
    await settle(page);
    await screenshot(page, 'account', true);
    await page.context().close();
  });

  it('asks for the authenticator’s code after the password', async () => {
    const page = await newPage(browser);
    await goto(page, '/login');
    await page.getByLabel('用户名').fill('wy09');
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    const step = page.getByTestId('second-factor-step');
    await step.waitFor();
    await settle(page);
    await screenshot(page, 'login-second-factor');
    // The code of the next 30-second step: accepted (one step either side) and never used before.
    const next = new Date((await serverNow(page)).getTime() + 30_000);
    await field(step, '验证码').locator('input').fill(codeAt(secret, next));
    await step.getByRole('button', { name: '验证并登录' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await settle(page);
    expect(new URL(page.url()).pathname).toBe('/my');
    await page.context().close();
  });

  it('fits 我的账号 on a 375 px phone', async () => {
    const page = await newPage(browser, 375, 740);
    await goto(page, '/login');
    await page.getByLabel('用户名').fill('wy09');
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    const step = page.getByTestId('second-factor-step');
    await step.waitFor();
    await expectNoSidewaysScroll(page, 375);
    await step.getByRole('button', { name: '使用恢复码' }).click();
    await field(step, '恢复码').locator('input').fill(recovery[0]!);
    await step.getByRole('button', { name: '验证并登录' }).click();
    await page.waitForURL((u) => !u.pathname.startsWith('/login'));
    await goto(page, '/account');
    await expect.poll(() => page.getByTestId('second-factor-card').innerText()).toContain('剩余恢复码 9 个');
    await expectNoSidewaysScroll(page, 375);
    await screenshot(page, 'account-375', true);
    await page.context().close();
  });
});

describe('三员分立', () => {
  it('files a new staff account for approval, which the 系统管理员 approves and the auditor sees', async () => {
    const anquan = await newPage(browser);
    await loginAs(anquan, 'anquan');
    await goto(anquan, '/admin/users');
    await anquan.getByRole('button', { name: '新建用户' }).click();
    const dialog = anquan.locator('.ant-modal').filter({ hasText: '新建用户' });
    await dialog.waitFor();
    await field(dialog, '用户名').locator('input').fill('e2e_staff');
    await field(dialog, '姓名').locator('input').fill('沈晓燕');
    await field(dialog, '初始密码').locator('input').fill('Tiwei#Start2026');
    await pick(anquan, dialog, '角色', '提案委');
    // A committee staff account belongs to one organ: it sees only that organ's items.
    await pick(anquan, dialog, '所属机关', '政协提案委');
    await dialog.getByRole('button', { name: '创建用户' }).click();
    const filed = anquan.locator('.ant-modal-confirm').filter({ hasText: '已提交双人审批' });
    await filed.waitFor();
    expect(await filed.innerText()).toContain('e2e_staff');
    await filed.getByRole('button', { name: '知道了' }).click();
    await anquan.context().close();

    const xitong = await newPage(browser);
    await loginAs(xitong, 'xitong');
    await goto(xitong, '/admin/approvals');
    const row = xitong.locator('tr').filter({ hasText: 'e2e_staff' });
    await row.waitFor();
    await screenshot(xitong, 'approvals');
    await row.getByRole('button', { name: '批准' }).click();
    const decide = xitong.locator('.ant-modal').filter({ hasText: '批准申请' });
    await decide.waitFor();
    await field(decide, '说明（可选）').locator('textarea').fill('经核实为提案委新任工作人员');
    await decide.getByRole('button', { name: /批\s*准/ }).click();
    await decide.waitFor({ state: 'detached' });
    await goto(xitong, '/admin/approvals?status=approved');
    await expect.poll(() => xitong.locator('tr').filter({ hasText: 'e2e_staff' }).innerText()).toContain('已批准');
    await xitong.context().close();

    const shenji = await newPage(browser);
    await loginAs(shenji, 'shenji');
    await goto(shenji, '/audit/alerts');
    await expect.poll(() => shenji.locator('main').innerText()).toContain('e2e_staff');
    await expect.poll(() => shenji.locator('main').innerText()).toContain('申请已批准');
    await screenshot(shenji, 'security-alerts');
    await shenji.context().close();
  });

  it('shows the 安全管理员 the tenant’s sign-in rules', async () => {
    const page = await newPage(browser);
    await loginAs(page, 'anquan');
    await goto(page, '/admin/security');
    await expect.poll(() => field(page, '每个账号同时在线的会话数').locator('input').inputValue()).toBe('3');
    await screenshot(page, 'security-settings');
    await page.context().close();
  });
});
