import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { ids } from '../../src/chat/blocks.js';
import type { SlackCall } from '../support/fake-slack.js';
import { CASES_CHANNEL, type Harness, people, startHarness, testPolicy } from '../support/harness.js';

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
    await sleep(1500);
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

  it('paces messages to one channel at the configured rate, bursts allowed', async () => {
    h = await startHarness(testPolicy(), { OUTBOX_PER_SECOND: 2, OUTBOX_BURST: 2 });
    await Promise.all([1, 2, 3, 4, 5, 6].map(() => h.register()));
    const dms = await h.slack.waitFor(
      (c) => c.method === 'chat.postMessage' && c.args.channel === people.owner,
      6,
    );
    const gaps = dms.slice(1).map((c, i) => c.at - (dms[i]?.at ?? 0));
    // Two leave at once (the burst), then one every half second.
    expect(gaps.filter((g) => g >= 400)).toHaveLength(4);
    expect((dms.at(-1)?.at ?? 0) - (dms[0]?.at ?? 0)).toBeGreaterThanOrEqual(1800);
  });

  it('gathers 300 breaches that reach the GM within the window into one digest; owners still get their nudges', async () => {
    const policy = testPolicy({ acknowledge: 1500, warnAt: 0.5, grace: 500, digestWindow: 3000 });
    policy.departments = [{ id: 'delivery', name: 'Delivery', owner: people.owner, manager: people.gm }];
    policy.csManager = people.gm; // the ladder is owner → GM
    h = await startHarness(policy, { OUTBOX_PER_SECOND: 2000, OUTBOX_BURST: 2000 });
    const answers = await Promise.all(
      Array.from({ length: 300 }, (_, i) => h.submit({ ...validForm, customerName: `Customer ${i}` })),
    );
    expect(answers.every((a) => a.status === 200)).toBe(true);
    const [digest] = await h.slack.waitFor((c) => c.args.channel === people.gm, 1, 30_000);
    await h.slack.waitFor((c) => /due now/.test(String(c.args.text)), 300, 30_000);
    await sleep(4000); // a second digest, or single pings, would arrive by now
    const toGm = h.slack.calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === people.gm);
    expect(toGm).toHaveLength(1);
    expect(String(digest?.args.text)).toBe(
      '300 complaints have been escalated to you in the last few minutes.',
    );
    const buttons = JSON.stringify(digest?.args.blocks).match(/"value":"\d{6}-\d{4}"/g) ?? [];
    expect(new Set(buttons).size).toBe(300);
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
  });
});

const validForm = {
  customerPhone: '13812345678',
  summary: 'Cold soup',
  category: 'delivery',
  channel: 'phone',
  department: 'delivery',
} as const;
