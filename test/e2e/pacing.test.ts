import { afterEach, describe, expect, it } from 'vitest';
import { ids } from '../../src/chat/blocks.js';
import { CASES_CHANNEL, type Harness, people, startHarness } from '../support/harness.js';

describe('the pace of one channel', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it('counts Slack calls, not outbox messages: a card update and its thread news each take their turn', async () => {
    const perSecond = 4;
    h = await startHarness(undefined, { OUTBOX_PER_SECOND: perSecond, OUTBOX_BURST: 1 });
    const c = await h.register();
    await h.press(people.owner, ids.acknowledge, c);
    await h.press(people.owner, ids.escalate, c);
    const inThread = (text: string) => (call: { args: Record<string, unknown> }) =>
      call.args.thread_ts === c.card.ts && String(call.args.text).includes(text);
    await h.slack.waitFor(inThread('acknowledged'));
    await h.slack.waitFor(inThread('escalated the case to'));
    await h.slack.waitFor((call) => call.method === 'chat.update' && call.args.channel === CASES_CHANNEL, 2);
    const toChannel = h.slack.calls.filter((call) => call.args.channel === CASES_CHANNEL);
    // The card, two updates and two thread messages at least: each waits for its own token.
    expect(toChannel.length).toBeGreaterThanOrEqual(5);
    const span = (toChannel.at(-1)?.at ?? 0) - (toChannel[0]?.at ?? 0);
    // Tokens come every 250 ms; a call may reach Slack a little after its token, hence the margin.
    expect(span).toBeGreaterThanOrEqual(((toChannel.length - 1) * 1000) / perSecond - 150);
  });
});
