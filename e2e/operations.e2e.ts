import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { field, goto, launchBrowser, loginAs, newPage, screenshot, settle } from './helpers.js';

// The screens of the notification channels: a person's settings (channels, address, quiet hours,
// with the server's messages next to the fields) and the administrator's failed notifications.
// The browser suite's server has an e-mail and a work-notice gateway configured (e2e/global-setup.ts,
// addresses on loopback where nothing listens), so those channels are offered.

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('notification channels', () => {
  it('a unit sets its channels and quiet hours; mistakes are shown next to the fields', async () => {
    const page = await newPage(browser);
    await loginAs(page, 'nongye');
    await goto(page, '/notifications');
    const card = page.getByTestId('notification-settings');
    await card.waitFor();
    await card.getByRole('checkbox', { name: '电子邮件' }).check();
    await field(card, '免打扰开始').locator('input').fill('22:00');
    await card.getByRole('button', { name: /保\s*存/ }).click();
    await settle(page);
    // The server's field messages, in Chinese, next to their fields.
    await expect.poll(() => card.locator('.ant-form-item-explain-error').allInnerTexts()).toEqual(
      expect.arrayContaining(['选择电子邮件时须填写邮箱', '免打扰时段须同时填写开始和结束时间']),
    );
    await field(card, '电子邮箱').locator('input').fill('nongye@pinghu.example.gov.cn');
    await field(card, '免打扰结束').locator('input').fill('07:00');
    await card.getByRole('button', { name: /保\s*存/ }).click();
    await settle(page);
    await expect.poll(() => page.locator('.ant-message').innerText()).toContain('消息设置已保存');
    // SMS is not set up on this server: greyed out.
    expect(await card.getByRole('checkbox', { name: '短信' }).isDisabled()).toBe(true);
    await page.reload();
    await settle(page);
    await expect.poll(() => field(page.getByTestId('notification-settings'), '电子邮箱').locator('input').inputValue()).toBe('nongye@pinghu.example.gov.cn');
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'notification-settings', true);
    await page.context().close();
  });

  it('the system administrator sees the failed notifications', async () => {
    const page = await newPage(browser);
    await loginAs(page, 'xitong');
    await goto(page, '/admin/dead-letters');
    await expect.poll(async () => page.locator('main').innerText()).toContain('发送失败的消息');
    await screenshot(page, 'dead-letters');
    await page.context().close();
  });
});
