import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Case } from '../../src/domain/case.js';
import { CHROMIUM } from '../support/chromium.js';
import { freePort } from '../support/redis-server.js';
import { until } from '../support/settle.js';
import { people, startWecom, type WecomHarness } from '../support/wecom-harness.js';

const SCREENSHOTS = tmpdir();

/**
 * The pages of the app as WeCom's browser opens them on a phone: every link goes through WeCom's sign-in (the fake
 * WeCom's, as strict about the app and its trusted domain as the real one), in the language the phone asks for.
 */
describe('the WeCom pages in a browser', { timeout: 60_000 }, () => {
  let h: WecomHarness;
  let browser: Browser;
  let page: Page;
  let url: string;

  beforeAll(async () => {
    // The public address is the app's own, so that sign-in brings the browser back to it.
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    h = await startWecom({ deadlines: { acknowledge: 60_000 }, env: { PORT: port, WECOM_PUBLIC_URL: url } });
    browser = await chromium.launch(CHROMIUM);
    page = await browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, locale: 'zh-CN' });
  });

  afterAll(async () => {
    await browser?.close();
    await h?.close();
    expect(h?.wecom.refused).toEqual([]);
  });

  const signIn = (member: string) => h.wecom.signInBrowser(member, new URL(url).host);
  const stored = async (number: string): Promise<Case> => {
    const c = await h.store.get(number);
    if (!c) throw new Error(`no case ${number}`);
    return c;
  };
  let number = '';

  it('registers from the form on a phone, keeping what was typed when a field is wrong', async () => {
    signIn(people.receiver);
    await page.goto(`${url}/wecom/forms/register`);
    await expect.poll(() => page.textContent('h1')).toBe('登记投诉');
    await page.fill('#customerName', '王女士');
    await page.fill('#customerPhone', '打电话给我');
    await page.fill('#summary', '汤送到时是冷的');
    await page.fill('#demand', '退款');
    await page.selectOption('#category', 'delivery');
    await page.selectOption('#channel', 'phone');
    await page.selectOption('#department', 'delivery');
    await page.check('input[name=compensation]');
    await page.screenshot({ path: join(SCREENSHOTS, 'redress-wecom-register.png'), fullPage: true });
    await page.click('button[type=submit]');

    await page.locator('#customerPhone-error').waitFor();
    expect(await page.textContent('#customerPhone-error')).toMatch(/电话/);
    expect(await page.inputValue('#summary')).toBe('汤送到时是冷的');
    expect(await page.isChecked('input[name=compensation]')).toBe(true);
    await page.fill('#customerPhone', '138 1234 5678');
    await page.click('button[type=submit]');

    const said = await until(
      async () => /已登记，编号 (\d{6}-\d{4,})/.exec(await page.content()),
      'the number',
    );
    number = String(said[1]);
    expect(await stored(number)).toMatchObject({ receiver: people.receiver, compensation: true });
  });

  it('opens Resolve from the owner’s card, resolves, and shows the case’s page with what is left', async () => {
    const card = await until(() => h.cardsTo(people.owner)[0], 'the owner’s card');
    const buttons = (card.card?.button_list ?? []) as { text: string; url?: string }[];
    const resolve = String(buttons.find((b) => b.text === 'Resolve')?.url);
    expect(resolve.startsWith(url)).toBe(true);

    signIn(people.owner);
    await page.goto(resolve);
    await expect.poll(() => page.textContent('h1')).toBe('处理案件');
    expect(await page.textContent('.notice')).toContain(number);
    await page.selectOption('#action', 'refund');
    await page.fill('#amount', '30');
    await page.fill('#resolution', '退款 30 元');
    await page.click('button[type=submit]');
    await expect.poll(() => page.textContent('.notice')).toMatch(new RegExp(`已保存。投诉 ${number}`));
    expect(await stored(number)).toMatchObject({
      status: 'resolved',
      resolutionAction: 'refund',
      amount: 30,
    });

    // Back to the case: signed in again, its page offers what the owner may do now.
    await page.click('a.button');
    await expect.poll(() => page.textContent('h1')).toBe(`投诉案件 ${number}`);
    const offered = await page.locator('a.button, button[name=do]').allTextContents();
    expect(offered).toEqual(['记录回访', '原因分析', '客户意见', '重新打开']);
    await page.screenshot({ path: join(SCREENSHOTS, 'redress-wecom-case.png'), fullPage: true });
  });
});
