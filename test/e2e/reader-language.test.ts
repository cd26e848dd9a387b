import { afterEach, describe, expect, it } from 'vitest';
import { ids } from '../../src/chat/blocks.js';
import type { SlackCall } from '../support/fake-slack.js';
import { type Harness, people, startHarness, testPolicy } from '../support/harness.js';
import { until } from '../support/settle.js';
import { slashCommand, validComplaint } from '../support/slack-requests.js';

/** A time as the fallback of Slack's date token shows it, in a time zone. */
const fallback = (at: Date, timeZone: string) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone, dateStyle: 'short', timeStyle: 'short' }).format(at);

describe('each reader’s language and time zone', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  const toOwner = (call: SlackCall) =>
    call.method === 'chat.postMessage' && call.args.channel === people.owner;

  it('speaks to each person in their Slack language (else the policy’s), with times in their time zone; the channel’s card in the policy’s', async () => {
    h = await startHarness({ ...testPolicy(), locale: 'zh-CN' });
    h.slack.person(people.owner, { locale: 'en-US', tz: 'America/Los_Angeles' });
    // Redress speaks no Japanese: the receiver reads the policy's language.
    h.slack.person(people.receiver, { locale: 'ja-JP', tz: 'Asia/Tokyo' });

    await h.post(slashCommand(people.receiver));
    const [form] = await h.slack.waitFor((call) => call.method === 'views.open');
    expect((form?.args.view as { title: { text: string } } | undefined)?.title.text).toBe('登记投诉');
    const errors = await (await h.submit({})).json();
    expect(errors).toMatchObject({ response_action: 'errors', errors: { summary: '请填写此项。' } });

    const c = await h.register(validComplaint);
    const acknowledge = c.deadlines.find((d) => d.kind === 'acknowledge')?.dueAt ?? new Date();
    const [assigned] = await h.slack.waitFor(toOwner);
    expect(assigned?.args.text).toBe(`New complaint ${c.number} for you. Please acknowledge it.`);
    expect(JSON.stringify(assigned?.args.blocks)).toContain(
      `|${fallback(acknowledge, 'America/Los_Angeles')}>`,
    );
    const [card] = await h.slack.waitFor(
      (call) => call.method === 'chat.postMessage' && call.args.channel === c.card.channel,
    );
    expect(card?.args.text).toBe(`投诉案件 ${c.number}`);
    expect(JSON.stringify(card?.args.blocks)).toContain(`|${fallback(acknowledge, 'Asia/Shanghai')}>`);

    // The direct message a button was pressed in is shown again in its reader's language.
    await h.press(people.owner, ids.acknowledge, c, {
      channel: `D${people.owner.slice(1)}`,
      ts: String(assigned?.args.ts ?? ''),
    });
    const [updated] = await h.slack.waitFor(
      (call) => call.method === 'chat.update' && call.args.channel === `D${people.owner.slice(1)}`,
    );
    expect(updated?.args.text).toBe(`Complaint ${c.number}`);
    expect(JSON.stringify(updated?.args.blocks)).toContain('Acknowledged, in progress');
    await h.slack.waitFor(
      (call) =>
        call.method === 'chat.update' &&
        call.args.channel === c.card.channel &&
        JSON.stringify(call.args.blocks).includes('已确认受理'),
    );

    // A private answer to a request is in its sender's language.
    await h.post(slashCommand(people.owner, 'list'));
    const [list] = await h.slack.waitFor(
      (call) => call.method === 'chat.postEphemeral' && call.args.user === people.owner,
    );
    expect(list?.args.text).toBe('Open complaints you can act on');

    // Slack is asked once per person, whatever Redress says to them meanwhile.
    const asked = h.slack.callsTo('users.info').filter((call) => call.args.user === people.owner);
    expect(asked).toHaveLength(1);
    expect(asked[0]?.args.include_locale).toBe('true');
  });

  it('reads the policy’s language and time zone for someone Slack does not know', async () => {
    h = await startHarness();
    h.slack.forget(people.gm);
    h.slack.person(people.owner, { locale: 'zh-CN', tz: 'Asia/Shanghai' });
    const c = await h.register({ ...validComplaint, class: '2' });
    const [assigned] = await h.slack.waitFor(toOwner);
    expect(assigned?.args.text).toBe(`您有新的投诉案件 ${c.number}，请确认受理。`);
    // The GM is unknown to Slack: what is said to them is in the policy's English (and refused, as Slack does).
    const told = await until(
      () =>
        h.slack.refused.find((call) => call.method === 'chat.postMessage' && call.args.channel === people.gm),
      'the message to the GM',
    );
    expect(told.args.text).toBe(`Major complaint ${c.number}: for your information.`);
  });
});
