import { randomUUID } from 'node:crypto';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../src/chat/i18n.js';
import { loadSandboxEnv } from '../../src/config.js';
import { createLog } from '../../src/log.js';
import { startWecomSandbox, type WecomSandbox } from '../../src/sandbox/wecom/start-wecom-sandbox.js';
import { CHROMIUM } from '../support/chromium.js';
import { REDIS_URL } from '../support/harness.js';

const t = translator('en');
/** The page polls every second and messages leave at the outbox's pace: what it shows comes in seconds. */
const eventually = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 25_000, interval: 100 });
const SCREENSHOT = '/tmp/redress-wecom-sandbox.png';

describe('the WeCom sandbox in a browser', { timeout: 90_000 }, () => {
  let sandbox: WecomSandbox;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const env = loadSandboxEnv({
      PORT: '0',
      REDIS_URL,
      REDIS_PREFIX: `redress-test-${randomUUID()}`,
      SANDBOX_LOCALE: 'en',
      SANDBOX_CHAT: 'wecom',
      LOG_LEVEL: 'silent',
    });
    // Seconds instead of minutes: acknowledged in time, then the resolve deadline warns at 7.5 s and nudges at 10 s.
    const deadlines = { acknowledge: 60_000, resolve: 10_000, grace: 3000, digestWindow: 8000 };
    sandbox = await startWecomSandbox(env, { log: createLog('silent'), deadlines });
    browser = await chromium.launch(CHROMIUM);
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'en' });
  });

  afterAll(async () => {
    await browser?.close();
    await sandbox?.stop();
    // The stand-in is as strict as WeCom: nothing the app sent broke one of its limits.
    expect(sandbox?.wecom.refused).toEqual([]);
  });

  const people = () => Object.fromEntries(sandbox.policy.departments.map((d) => [d.id, d]));
  const be = (member: string) => page.click(`[data-member="${member}"]`);
  const messages = () => page.locator('#messages');
  const cardOf = (number: string) => messages().locator('.card', { hasText: number });
  let number = '';

  it('registers a complaint as the receiver, through WeCom’s sign-in, from the page’s link', async () => {
    await page.goto(`http://localhost:${sandbox.port}/`);
    await eventually(() => page.locator('#banner').textContent()).toContain('resolve 10 s');
    await be('zhangsan');
    const [form] = await Promise.all([page.context().waitForEvent('page'), page.click('#register')]);
    await form.locator('#customerName').waitFor();
    await form.fill('#customerName', 'Ms Wang');
    await form.fill('#customerPhone', '138 1234 5678');
    await form.fill('#summary', 'The soup arrived cold');
    await form.fill('#demand', 'A refund');
    await form.selectOption('#category', 'delivery');
    await form.selectOption('#channel', 'phone');
    await form.selectOption('#department', 'delivery');
    await form.click('button[type=submit]');
    await eventually(() => form.content()).toMatch(/Registered as \d{6}-\d{4}/);
    number = /Registered as (\d{6}-\d{4})/.exec(await form.content())?.[1] ?? '';
    await form.close();

    await eventually(() => page.locator('#chat').textContent()).toContain(number);
  });

  it('shows the owner the card, acknowledges it with a click, and shows the card updated', async () => {
    const owner = people().delivery?.owner ?? '';
    await eventually(() => page.locator(`[data-member="${owner}"] .badge`).count()).toBe(1);
    await be(owner);
    await cardOf(number).first().waitFor();
    await cardOf(number)
      .first()
      .locator('button', { hasText: t('button.acknowledge') })
      .click();

    await eventually(() => cardOf(number).first().locator('.updated').count()).toBe(1);
    expect(
      await cardOf(number)
        .first()
        .locator('button', { hasText: t('button.acknowledge') })
        .count(),
    ).toBe(0);
    await eventually(() => page.locator('#chat').textContent()).toContain(
      `${number} · ${t('thread.acknowledged', { by: 'Li Si' })}`,
    );
  });

  it('brings the warning, then the nudge, without reloading', async () => {
    await eventually(() => messages().textContent()).toContain('Reminder:');
    await eventually(() => messages().textContent()).toContain('is due now');
  });

  it('takes a click on a button the updated card brought', async () => {
    const escalate = cardOf(number)
      .first()
      .locator('button', { hasText: t('button.escalate') });
    const [answer] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/sandbox/wecom/click')),
      escalate.click(),
    ]);
    expect(await answer.json()).toEqual({ ok: true });
  });

  it('answers what the member writes to the app', async () => {
    await page.fill('#composer-input', `show ${number}`);
    await page.press('#composer-input', 'Enter');
    await eventually(() => messages().locator('.bubble').last().textContent()).toContain(number);
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    // On a phone: one pane at a time, the group chat behind its tab.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.click('[data-tab="chat"]');
    await eventually(() => page.locator('#chat').isVisible()).toBe(true);
    expect(await messages().isVisible()).toBe(false);
    await page.screenshot({ path: SCREENSHOT.replace('.png', '-phone.png'), fullPage: true });
  });

  it('sends the GM this week’s report and its chart when the button is pressed', async () => {
    // Back from the phone: the app's pane again, then the desktop's width.
    await page.click('[data-tab="app"]');
    await page.setViewportSize({ width: 1280, height: 900 });
    await be(sandbox.policy.gm);
    await page.click('#weekly');

    const report = messages().locator('.bubble', { hasText: 'Weekly complaint statistics' });
    await eventually(() => report.count()).toBe(1);
    expect(await report.textContent()).toContain(number);
    // The chart comes as an image message, a link on the page to the picture itself.
    const chart = messages().locator('a.media').last();
    await eventually(() => chart.textContent()).toMatch(/^Image: complaints-weekly-.+\.png$/);
    const png = await page.request.get(new URL((await chart.getAttribute('href')) ?? '', page.url()).href);
    expect(png.headers()['content-type']).toBe('image/png');
    await page.screenshot({ path: SCREENSHOT.replace('.png', '-report.png'), fullPage: true });
  });
});
