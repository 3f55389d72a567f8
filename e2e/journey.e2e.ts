import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { goto, launchBrowser, loginAs, newPage } from './helpers.js';

// The whole journey of one proposal through the browser: member → staff → office → unit → member.
// Started with the sign-in and the member's first steps; the remaining steps (submit, file, assign,
// sign, contact, reply, evaluate, publish) are added once every screen exists.

let browser: Browser;
let member: Page;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('journey of one proposal', () => {
  it('a member signs in and lands on their proposals', async () => {
    member = await newPage(browser);
    await loginAs(member, 'weiyuan');
    // Stays signed in after the in-app navigation (no bounce back to /login) and sees the menu.
    await member.waitForTimeout(500);
    expect(new URL(member.url()).pathname).toBe('/my');
    await expect.poll(() => member.getByRole('menuitem', { name: '我的提案' }).isVisible()).toBe(true);
  });

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

  it('the member opens the new-proposal form from the menu', async () => {
    await member.getByRole('menuitem', { name: '写提案' }).first().click();
    await member.waitForURL((u) => u.pathname === '/proposals/new');
    await expect.poll(() => member.getByLabel(/案由/).first().isVisible()).toBe(true);
  });

  // TODO(lead): fill and submit the proposal, then staff files it (/review), assigns it (/assign),
  // the unit signs, records a contact and replies (/inbox → /proposals/:id), the member evaluates.
});
