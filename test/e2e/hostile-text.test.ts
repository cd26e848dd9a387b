import { afterEach, describe, expect, it } from 'vitest';
import { ids } from '../../src/chat/blocks.js';
import { type Harness, people, startHarness, testPolicy } from '../support/harness.js';
import { slashCommand, validComplaint } from '../support/slack-requests.js';

const PING = '<!channel>';
const HERE = '<!here>';
const SOMEONE = '<@U0EVIL>';
const PHISH = '<https://evil.example|Re-verify your session>';
const HOSTILE = [PING, HERE, SOMEONE, PHISH];
const all = HOSTILE.join(' ');

const text = (value: string) => ({ value: { type: 'plain_text_input', value } });
const select = (value: string) => ({
  value: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: value }, value } },
});

describe('text a person typed', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it('reaches Slack escaped in cards, notices, the batch notice, digests, thread lines and answers', async () => {
    // Deadlines of a second, so that the three cases of the batch reach the manager as one digest.
    h = await startHarness(testPolicy({ acknowledge: 1000, warnAt: 0.5, grace: 500, digestWindow: 1500 }));
    const hostile = {
      ...validComplaint,
      customerName: `${PING} ${SOMEONE}`,
      summary: `Cold soup ${all}`,
      item: `${HERE} ${PHISH}`,
      category: 'food_safety',
    };
    const [first] = await Promise.all(
      ['13800000001', '13800000002', '13800000003'].map((customerPhone) =>
        h.register({ ...hostile, customerPhone }),
      ),
    );
    if (!first) throw new Error('no case');
    await h.slack.waitFor((c) => c.args.channel === people.gm && /Batch complaint/.test(String(c.args.text)));
    await h.slack.waitFor(
      (c) => c.args.channel === people.manager && /complaints have been escalated/.test(String(c.args.text)),
      1,
      15_000,
    );

    const minuteAgo = Math.floor(Date.now() / 1000) - 1;
    await h.fill(first, ids.contact, ids.contactView, {
      at: { value: { type: 'datetimepicker', selected_date_time: minuteAgo } },
      how: select('phone'),
      what: text(`Called back ${all}`),
    });
    await h.fill(first, ids.resolve, ids.resolveView, {
      action: select('explanation'),
      amount: { value: { type: 'number_input', value: null } },
      resolution: text(`Explained ${all}`),
    });
    await h.slack.waitFor((c) => c.args.thread_ts === first.card.ts && /resolved/.test(String(c.args.text)));
    await h.post(slashCommand(people.manager, `find ${PING}`));
    await h.post(slashCommand(people.manager, `show ${HERE}`));
    await h.slack.waitFor((c) => c.method === 'chat.postEphemeral', 2);

    const thread = h.slack.calls.filter((c) => c.args.thread_ts === first.card.ts).map((c) => c.args.text);
    expect(thread).toContain(
      `<@${people.owner}> contacted the customer (phone: Called back &lt;!channel&gt; &lt;!here&gt; &lt;@U0EVIL&gt; &lt;https://evil.example|Re-verify your session&gt;).`,
    );
    // Messages only: a form's plain-text field shows what was typed as it was typed, and Slack parses nothing there.
    const sent = JSON.stringify(h.slack.calls.filter((c) => c.method.startsWith('chat.')));
    for (const words of HOSTILE) expect(sent).not.toContain(words);
  });
});
