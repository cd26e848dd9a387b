import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { QUEUE_NAME } from '../../jobs/queue.js';
import { scripts } from '../../jobs/scripts.js';
import { ids } from '../../src/chat/blocks.js';
import type { SlackCall } from '../support/fake-slack.js';
import {
  CASES_CHANNEL,
  type Harness,
  people,
  REDIS_URL,
  startHarness,
  testPolicy,
} from '../support/harness.js';
import { settled, until } from '../support/settle.js';
import { validComplaint } from '../support/slack-requests.js';

/** What each case said, in the order Slack took it. */
function messagesPerCase(calls: SlackCall[]): Map<string, string[]> {
  const perCase = new Map<string, string[]>();
  for (const call of calls) {
    const number = /\d{6}-\d{4}/.exec(String(call.args.text))?.[0];
    if (!number || call.method !== 'chat.postMessage') continue;
    const what =
      call.args.channel === CASES_CHANNEL
        ? 'card'
        : `${String(call.args.channel)}: ${String(call.args.text).replace(/<!date[^>]+>/, 'DATE')}`;
    perCase.set(number, [...(perCase.get(number) ?? []), what]);
  }
  return perCase;
}

describe('the outbox', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it('waits out Slack’s 429s and delivers every message, in order per case', async () => {
    h = await startHarness(testPolicy({ acknowledge: 2000, warnAt: 0.5, grace: 1000 }));
    h.slack.rateLimit('chat.postMessage', 4, 1);
    const cases = await Promise.all([1, 2, 3].map(() => h.register()));
    await h.slack.waitFor((c) => c.args.channel === people.gm, 3, 20_000);
    await settled(h); // the chains are over and all they queued has left
    expect(h.slack.refused).toHaveLength(4);
    const perCase = messagesPerCase(h.slack.calls);
    for (const c of cases) {
      expect(perCase.get(c.number)).toEqual([
        'card',
        `${people.owner}: New complaint ${c.number} for you. Please acknowledge it.`,
        `${people.owner}: Reminder: Acknowledge for ${c.number} is due DATE.`,
        `${people.owner}: Acknowledge for ${c.number} is due now.`,
        `${people.manager}: Complaint ${c.number} has been escalated to you.`,
        `${people.csManager}: Complaint ${c.number} has been escalated to you.`,
        `${people.gm}: Complaint ${c.number} has been escalated to you.`,
      ]);
    }
  });

  it('paces messages to one channel at the configured rate', async () => {
    const perSecond = 2;
    const burst = 2;
    h = await startHarness(testPolicy(), { OUTBOX_PER_SECOND: perSecond, OUTBOX_BURST: burst });
    await Promise.all([1, 2, 3, 4, 5, 6].map(() => h.register()));
    const dms = await h.slack.waitFor(
      (c) => c.method === 'chat.postMessage' && c.args.channel === people.owner,
      6,
    );
    const at = dms.map((c) => c.at).sort((x, y) => x - y);
    // However a loaded machine spread them, no stretch of time holds more than the burst and the rate allow.
    // A call reaches Slack a little after its token, so a stretch may look up to one period shorter than it was.
    const period = 1000 / perSecond;
    for (const [i, from] of at.entries()) {
      for (const [j, to] of at.entries()) {
        if (j > i) expect(to - from).toBeGreaterThanOrEqual((j - i + 1 - burst) * period - period);
      }
    }
  });

  it('sends the first of 300 breaches that reach the GM at once, and gathers the rest into one digest; owners still get their nudges', async () => {
    // A window longer than any machine takes to register 300 cases and breach them all; the test closes it
    // once every breach is in, instead of waiting it out.
    const window = 600_000;
    const policy = testPolicy({ acknowledge: 1500, warnAt: 0.5, grace: 500, digestWindow: window });
    policy.departments = [{ id: 'delivery', name: 'Delivery', owner: people.owner, manager: people.gm }];
    policy.csManager = people.gm; // the ladder is owner → GM
    h = await startHarness(policy, { OUTBOX_PER_SECOND: 2000, OUTBOX_BURST: 2000 });
    const answers = await Promise.all(
      Array.from({ length: 300 }, (_, i) => h.submit({ ...validComplaint, customerName: `Customer ${i}` })),
    );
    expect(answers.every((a) => a.status === 200)).toBe(true);
    const redis = new Redis(REDIS_URL);
    await until(
      async () => (await redis.llen(`${h.prefix}:gathered:${people.gm}`)) === 299,
      '299 breaches after the first',
      90_000,
    );
    redis.disconnect();
    const queue = new Queue(QUEUE_NAME, { connection: { url: REDIS_URL }, prefix: h.prefix });
    const windows = (await queue.getDelayed()).filter((job) => job.name === 'digest');
    expect(windows.map((job) => job.opts.delay)).toEqual([window]); // one window, opened by the first breach
    await windows[0]?.promote();
    await queue.close();
    const [first, digest] = await h.slack.waitFor((c) => c.args.channel === people.gm, 2, 30_000);
    expect(String(first?.args.text)).toMatch(/^Complaint \d{6}-\d{4} has been escalated to you\.$/);
    await h.slack.waitFor((c) => /due now/.test(String(c.args.text)), 300, 60_000);
    await settled(h); // a second digest, or single pings, would have arrived by now
    const toGm = h.slack.calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === people.gm);
    expect(toGm).toHaveLength(2);
    expect(String(digest?.args.text)).toBe(
      '299 complaints have been escalated to you in the last few minutes.',
    );
    const buttons = JSON.stringify(digest?.args.blocks).match(/"value":"\d{6}-\d{4}"/g) ?? [];
    expect(new Set(buttons).size).toBe(299);
    expect(h.slack.calls.filter((c) => /due now/.test(String(c.args.text)))).toHaveLength(300);

    // A button in the digest shows that case, privately, with its buttons.
    const number = /\d{6}-\d{4}/.exec(buttons[0] ?? '')?.[0] ?? '';
    const c = await h.store.get(number);
    if (!c) throw new Error(`no case ${number}`);
    await h.press(people.gm, `${ids.show}.${number}`, c, { channel: 'D0GM', ts: '1.000001' });
    const [shown] = await h.slack.waitFor(
      (call) => call.method === 'chat.postEphemeral' && call.args.user === people.gm,
    );
    expect(JSON.stringify(shown?.args.blocks)).toContain(`Complaint ${number}`);
    expect(JSON.stringify(shown?.args.blocks)).toContain(ids.resolve);
  }, 180_000);
});

describe('the pace of a channel', () => {
  it('takes a burst at once, then one message per period, and a whole burst again after a quiet while', async () => {
    const redis = new Redis(REDIS_URL);
    const bucket = `redress-test-${randomUUID()}:pace:${people.owner}`;
    // Two a second, bursts of two; the time is given, so nothing here depends on the machine's speed.
    const take = async (now: number) => Number(await redis.eval(scripts.takeToken, 1, bucket, now, 2, 2));
    const t0 = 1_000_000;
    expect([await take(t0), await take(t0), await take(t0)]).toEqual([0, 0, 500]);
    expect(await take(t0 + 250)).toBe(250);
    expect([await take(t0 + 500), await take(t0 + 500)]).toEqual([0, 500]);
    expect([await take(t0 + 5000), await take(t0 + 5000), await take(t0 + 5000)]).toEqual([0, 0, 500]);
    await redis.del(bucket);
    redis.disconnect();
  });
});
