import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../src/chat/i18n.js';
import { loadSandboxEnv } from '../../src/config.js';
import { createLog } from '../../src/log.js';
import { STAFF_ID } from '../../src/sandbox/people.js';
import { type Sandbox, startSandbox } from '../../src/sandbox/start-sandbox.js';
import { CHROMIUM } from '../support/chromium.js';
import { REDIS_URL } from '../support/harness.js';

const t = translator('en');
/** Messages to one channel leave at Slack's pace, about one a second: what the page shows comes in seconds. */
const eventually = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: 25_000, interval: 100 });
const SCREENSHOT = join(tmpdir(), 'redress-sandbox.png');

describe('the sandbox in a browser', { timeout: 60_000 }, () => {
  let sandbox: Sandbox;
  let browser: Browser;
  let page: Page;
  let url: string;

  beforeAll(async () => {
    const env = loadSandboxEnv({
      PORT: '0',
      REDIS_URL,
      REDIS_PREFIX: `redress-test-${randomUUID()}`,
      SANDBOX_LOCALE: 'en',
      LOG_LEVEL: 'silent',
    });
    // Seconds instead of minutes: a warning at 4.5 s, the nudge at 6 s, the manager at 9 s, digests of 8 s.
    const deadlines = { acknowledge: 6000, grace: 3000, digestWindow: 8000 };
    sandbox = await startSandbox(env, { log: createLog('silent'), deadlines });
    url = `http://127.0.0.1:${sandbox.port}/`;
    browser = await chromium.launch(CHROMIUM);
    page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  });

  afterAll(async () => {
    await browser?.close();
    await sandbox?.stop();
  });

  const departments = () => sandbox.policy.departments;
  const gm = () => sandbox.policy.gm;
  const person = (id: string) => page.click(`[data-person="${id}"]`);
  const openDirect = () => page.click('#direct [data-conversation]');
  const openChannel = () => page.click('#channels [data-conversation]');
  const messages = () => page.locator('#messages');
  const modal = () => page.locator('.modal');

  async function register(name: string, phone: string, summary: string): Promise<string> {
    await page.fill('#composer-input', `/complaint ${summary}`);
    await page.press('#composer-input', 'Enter');
    await modal().waitFor();
    expect(await page.inputValue('#in-summary')).toBe(summary);
    await page.fill('#in-customerName', name);
    await page.fill('#in-customerPhone', phone);
    await page.fill('#in-demand', 'A refund');
    await page.selectOption('#in-category', 'delivery');
    await page.selectOption('#in-channel', 'phone');
    await page.selectOption('#in-department', 'delivery');
    await page.click('.modal button[type=submit]');
    await eventually(() => modal().textContent()).toContain('Registered as');
    const number = /\d{6}-\d{4}/.exec((await modal().textContent()) ?? '')?.[0] ?? '';
    await page.click('.modal footer [data-close-modal]');
    return number;
  }

  it('registers complaints through the form the bot opens, with its field errors', async () => {
    await page.goto(url);
    await person(STAFF_ID);
    await eventually(() => page.locator('#banner').textContent()).toContain('acknowledge 6 s');

    await page.click('#new-complaint');
    await modal().waitFor();
    expect(await modal().locator('h2').textContent()).toBe(t('modal.complaint.title'));
    await page.click('.modal button[type=submit]');
    await eventually(() => page.locator('.field[data-block="customerName"] .error').textContent()).toBe(
      t('error.required'),
    );
    await page.fill('#in-customerPhone', '12');
    await page.click('.modal button[type=submit]');
    await eventually(() => page.locator('.field[data-block="customerPhone"] .error').textContent()).toBe(
      t('error.phone_invalid'),
    );
    await page.click('.modal header [data-close-modal]');

    const first = await register('Ms Wang', '138 1234 5678', 'The soup arrived cold.');
    const second = await register('Mr Li', '139 8765 4321', 'The rice was missing.');
    expect(first).not.toBe(second);
    await openChannel();
    await eventually(() => messages().locator('.bk-header').allInnerTexts()).toEqual([
      t('card.title', { number: first }),
      t('card.title', { number: second }),
    ]);
    // The channel shows the phone masked.
    expect(await messages().textContent()).toContain('138****5678');
  });

  it('warns and nudges the owner, then brings both cases to the manager, live', async () => {
    const [delivery] = departments();
    if (!delivery) throw new Error('the example policy has no department');
    await person(delivery.owner);
    await openDirect();
    await eventually(() => messages().textContent()).toContain('Please acknowledge it.');
    await eventually(() => messages().textContent()).toContain('Reminder:');
    await eventually(() => messages().textContent()).toContain('is due now');

    // The first escalation leaves at once; the second, within the digest window, when the window closes.
    await person(delivery.manager);
    await openDirect();
    const escalated = async () =>
      ((await messages().textContent()) ?? '').split('has been escalated to you').length - 1;
    await eventually(escalated).toBe(2);
  });

  it('updates the card in place and tells its thread when the owner acts, forms included', async () => {
    const [delivery] = departments();
    if (!delivery) throw new Error('the example policy has no department');
    await person(delivery.owner);
    await openChannel();
    const firstCard = messages().locator('article').first();
    await firstCard.locator(`button[data-action="case_acknowledge"]`).click();
    await eventually(() => firstCard.textContent()).toContain(t('status.accepted'));
    expect(await messages().locator('article').count()).toBe(2);

    await firstCard.locator('button[data-action="case_contact"]').click();
    await modal().waitFor();
    // Now, in the browser's time zone, as a person filling the form in would.
    const now = await page.evaluate(() =>
      new Date(Date.now() - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 16),
    );
    await page.fill('#in-at', now);
    await page.selectOption('#in-how', 'phone');
    await page.fill('#in-what', 'Apologised and offered a new delivery.');
    await page.click('.modal button[type=submit]');
    await eventually(() => page.locator('#modal').isHidden()).toBe(true);

    await eventually(() => firstCard.locator('.replies').count()).toBe(1);
    await firstCard.locator('.replies').click();
    await eventually(() => page.locator('#thread').textContent()).toContain('acknowledged the case');
    await eventually(() => page.locator('#thread').textContent()).toContain('contacted the customer');
    await page.screenshot({ path: SCREENSHOT });
  });

  it('sends the GM the weekly report and a manager the month’s register', async () => {
    await person(gm());
    await openDirect();
    await page.click('#weekly');
    await eventually(() => messages().textContent()).toContain('Weekly complaint statistics');
    await eventually(() => messages().textContent()).toContain('Complaints registered: 2');

    // The report's chart comes as a picture after it.
    await messages().locator('a.file', { hasText: '.png' }).waitFor();
    await page.click('#export');
    const file = messages().locator('a.file', { hasText: '.csv' });
    await file.waitFor();
    const href = (await file.getAttribute('href')) ?? '';
    const csv = await (await fetch(new URL(href, url))).text();
    expect(csv).toContain('Ms Wang');
    expect(sandbox.refusals).toEqual([]);
  });
});
