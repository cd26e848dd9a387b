import { afterEach, describe, expect, it } from 'vitest';
import { ids } from '../../src/chat/blocks.js';
import { type Harness, people, startHarness } from '../support/harness.js';
import {
  complaintValues,
  messageShortcut,
  validComplaint,
  viewSubmission,
} from '../support/slack-requests.js';

interface OpenedView {
  title: { text: string };
  private_metadata?: string;
  blocks: { block_id?: string; label?: { text: string }; element?: { initial_value?: string } }[];
}

const MESSAGE = {
  channel: 'C0GENERAL',
  ts: '1763960000.000100',
  text: 'Customer <@U0CUSTOMERDESK> says: the soup was cold &amp; the lid broken, see <https://shop.example.com/o/8812|order 8812>',
};
const PERMALINK = 'https://fake.slack.com/archives/C0GENERAL/p1763960000000100';

describe('Report as complaint, a message shortcut', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  /** Runs the shortcut as this person on the message; returns the form it opened. */
  async function report(user: string, message = MESSAGE): Promise<OpenedView> {
    const opened = h.slack.callsTo('views.open').length;
    const response = await h.post(messageShortcut(user, ids.reportMessage, message));
    expect(response.status).toBe(200);
    const calls = await h.slack.waitFor((c) => c.method === 'views.open', opened + 1);
    return calls.at(-1)?.args.view as OpenedView;
  }

  it('opens the registration form in the reporter’s language with the message as the summary; the card links to it', async () => {
    h = await startHarness();
    h.slack.person(people.receiver, { locale: 'zh-CN', tz: 'Asia/Shanghai' });

    const form = await report(people.receiver);
    expect(h.slack.callsTo('chat.getPermalink')[0]?.args).toMatchObject({
      channel: MESSAGE.channel,
      message_ts: MESSAGE.ts,
    });
    expect(form.title.text).toBe('登记投诉');
    const summary = form.blocks.find((b) => b.block_id === 'summary');
    expect(summary?.label?.text).toBe('投诉内容');
    expect(summary?.element?.initial_value).toBe(
      'Customer @U0CUSTOMERDESK says: the soup was cold & the lid broken, see order 8812',
    );
    expect(JSON.parse(form.private_metadata ?? '{}')).toEqual({ permalink: PERMALINK });

    // The link survives the form's round trip in its metadata, and stays with the case.
    const answer = await h.post(
      viewSubmission(people.receiver, {
        id: 'VREPORTED',
        callbackId: ids.complaintView,
        values: complaintValues({ ...validComplaint, summary: summary?.element?.initial_value }),
        metadata: form.private_metadata,
      }),
    );
    const { view } = (await answer.json()) as {
      view: { title: { text: string }; blocks: { text: { text: string } }[] };
    };
    expect(view.title.text).toBe('投诉已登记');
    const number = /\d{6}-\d{4}/.exec(view.blocks[0]?.text.text ?? '')?.[0] ?? '';
    const c = await h.cardOf(number);
    expect(c.permalink).toBe(PERMALINK);
    // The channel's card is in the policy's language (English here), whoever reported it.
    const [card] = h.slack.calls.filter(
      (call) => call.method === 'chat.postMessage' && call.args.channel === c.card.channel,
    );
    expect(JSON.stringify(card?.args.blocks)).toContain(`<${PERMALINK}|Reported from this Slack message>`);
  });

  it('speaks English to a reporter whose Slack is in English; a link that is not a plain https address is dropped', async () => {
    h = await startHarness();
    h.slack.person(people.receiver, { locale: 'en-GB', tz: 'Europe/London' });
    const form = await report(people.receiver, { ...MESSAGE, text: '' });
    expect(form.title.text).toBe('Register a complaint');
    expect(form.blocks.find((b) => b.block_id === 'summary')?.element?.initial_value).toBeUndefined();

    const forged = JSON.stringify({ permalink: 'https://evil.example.com/|<!channel>' });
    const answer = await h.post(
      viewSubmission(people.receiver, {
        id: 'VFORGED',
        callbackId: ids.complaintView,
        values: complaintValues(validComplaint),
        metadata: forged,
      }),
    );
    const { view } = (await answer.json()) as { view: { blocks: { text: { text: string } }[] } };
    const number = /\d{6}-\d{4}/.exec(view.blocks[0]?.text.text ?? '')?.[0] ?? '';
    const c = await h.cardOf(number);
    expect(c.permalink).toBeUndefined();
  });
});
