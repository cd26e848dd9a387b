import { afterEach, describe, expect, it } from 'vitest';
import { ids } from '../../src/chat/blocks.js';
import { type Harness, people, startHarness } from '../support/harness.js';
import { settled } from '../support/settle.js';
import { buttonPress, signatureHeaders, slashCommand } from '../support/slack-requests.js';

/** Headers of Slack's retry of a request it had no answer to in time. */
const retryOf = (body: string) => ({
  ...signatureHeaders(body),
  'x-slack-retry-num': '1',
  'x-slack-retry-reason': 'http_timeout',
});

describe('a press or a command that must act once', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it('Escalate now pressed twice at once, then retried by Slack, climbs one rung', async () => {
    h = await startHarness();
    const c = await h.register();
    // The button as the card shows it.
    const [card] = h.slack.calls.filter((call) => call.args.channel === c.card.channel && call.args.blocks);
    const buttons = (
      (card?.args.blocks ?? []) as { elements?: { action_id: string; value: string }[] }[]
    ).flatMap((b) => b.elements ?? []);
    const value = buttons.find((b) => b.action_id === ids.escalate)?.value;
    if (!value) throw new Error('no Escalate now button on the card');

    const press = buttonPress(people.owner, ids.escalate, value, c.card);
    const answers = await Promise.all([
      h.post(press),
      h.post(buttonPress(people.owner, ids.escalate, value, c.card)),
    ]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect((await h.post(press, retryOf(press))).status).toBe(200);
    await h.slack.waitFor((call) => call.method === 'chat.postEphemeral');
    await settled(h);

    const stored = await h.store.get(c.number);
    expect(stored?.level).toBe(1);
    expect(stored?.timeline.filter((e) => e.type === 'escalated').map((e) => e.to)).toEqual([people.manager]);
    expect(h.slack.calls.filter((call) => call.args.channel === people.csManager)).toEqual([]);
    const told = h.slack.callsTo('chat.postEphemeral').map((call) => call.args.text);
    expect(told).toEqual([
      'This case has been escalated since this button was shown: nothing more was done.',
    ]);
  });

  it('an export retried by Slack uploads the register once', async () => {
    h = await startHarness();
    await h.register();
    const command = slashCommand(people.manager, 'export');
    await h.post(command);
    expect((await h.post(command, retryOf(command))).status).toBe(200);
    await h.slack.waitFor((call) => call.method === 'files.completeUploadExternal');
    // A later command's answer: the retry, taken before it, has had its turn.
    await h.post(slashCommand(people.manager, 'list'));
    await h.slack.waitFor((call) => call.method === 'chat.postEphemeral');
    expect(h.slack.callsTo('files.completeUploadExternal')).toHaveLength(1);
    expect(h.slack.uploads).toHaveLength(1);
  });
});
