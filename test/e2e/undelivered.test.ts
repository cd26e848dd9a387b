import { afterEach, describe, expect, it } from 'vitest';
import { ids } from '../../src/chat/blocks.js';
import { type Harness, people, startHarness, testPolicy } from '../support/harness.js';

const GONE = 'U0GONE';

describe('a message Slack refuses', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it('is written on the case as undelivered, and the card’s thread says so', async () => {
    const policy = testPolicy();
    policy.departments = [{ id: 'delivery', name: 'Delivery', owner: people.owner, manager: GONE }];
    h = await startHarness(policy);
    h.slack.forget(GONE);
    const c = await h.register();
    await h.press(people.owner, ids.escalate, c);
    const [told] = await h.slack.waitFor(
      (call) => call.args.thread_ts === c.card.ts && /could not be delivered/.test(String(call.args.text)),
    );
    expect(told?.args.text).toBe(
      `A message to <@${GONE}> could not be delivered (the chat answered channel_not_found).`,
    );
    // Slack refused the message to the person it does not know, and nothing else (their profile aside).
    const refusedMessages = h.slack.refused.filter((call) => call.method.startsWith('chat.'));
    expect(refusedMessages.map((call) => call.args.channel)).toEqual([GONE]);
    const stored = await h.store.get(c.number);
    expect(stored?.timeline.filter((e) => e.to === GONE).map((e) => e.type)).toEqual([
      'escalated',
      'undelivered',
    ]);
  });
});
