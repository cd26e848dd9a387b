import { afterEach, describe, expect, it } from 'vitest';
import { ids } from '../../src/chat/blocks.js';
import type { SlackCall } from '../support/fake-slack.js';
import { type Harness, people, startHarness, testPolicy } from '../support/harness.js';
import { viewSubmission } from '../support/slack-requests.js';

describe('Escalate now', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it('brings in the next rung at once, from the card or from a direct message, up to the GM', async () => {
    h = await startHarness();
    const c = await h.register();
    await h.press(people.owner, ids.escalate, c);
    const [toManager] = await h.slack.waitFor(
      (call) => call.method === 'chat.postMessage' && call.args.channel === people.manager,
    );
    expect(String(toManager?.args.text)).toBe(`Complaint ${c.number} has been escalated to you.`);
    const [cardUpdate] = await h.slack.waitFor(
      (call) => call.method === 'chat.update' && call.args.ts === c.card.ts,
    );
    expect(JSON.stringify(cardUpdate?.args.blocks)).toContain(`Escalated to*\\n<@${people.manager}>`);

    // The manager escalates from the direct message they got: that message is updated too.
    const dm = { channel: `D${people.manager.slice(1)}`, ts: '1700000000.000100' };
    await h.press(people.manager, ids.escalate, c, dm);
    await h.slack.waitFor(
      (call) => call.method === 'chat.postMessage' && call.args.channel === people.csManager,
    );
    await h.slack.waitFor((call) => call.method === 'chat.update' && call.args.ts === dm.ts);
    await h.press(people.csManager, ids.escalate, c);
    await h.slack.waitFor((call) => call.method === 'chat.postMessage' && call.args.channel === people.gm);
    await h.press(people.gm, ids.escalate, c);
    const [top] = await h.slack.waitFor((call) => call.method === 'chat.postEphemeral');
    expect(top?.args).toMatchObject({
      user: people.gm,
      text: 'This case is already with the general manager.',
    });

    const stored = await h.store.get(c.number);
    expect(stored?.level).toBe(3);
    expect(stored?.timeline.filter((e) => e.type === 'escalated').map((e) => [e.by, e.to])).toEqual([
      [people.owner, people.manager],
      [people.manager, people.csManager],
      [people.csManager, people.gm],
    ]);
  });

  it('reaches the first rung of a new ladder after a handover, although the old ladder’s first rung was reached', async () => {
    const policy = testPolicy();
    policy.departments.push({ id: 'kitchen', name: 'Kitchen', owner: 'U0COOK', manager: 'U0CHEF' });
    h = await startHarness(policy);
    const c = await h.register();
    await h.press(people.owner, ids.escalate, c);
    await h.slack.waitFor(
      (call) => call.method === 'chat.postMessage' && call.args.channel === people.manager,
    );
    const kitchen = {
      type: 'static_select',
      selected_option: { text: { type: 'plain_text', text: 'Kitchen' }, value: 'kitchen' },
    };
    await h.post(
      viewSubmission(people.owner, {
        id: 'VHANDOVER',
        callbackId: ids.reassignView,
        values: {
          department: { value: kitchen },
          owner: { value: { type: 'users_select', selected_user: null } },
        },
        metadata: JSON.stringify({ number: c.number }),
      }),
    );
    await h.slack.waitFor((call) => call.method === 'chat.postMessage' && call.args.channel === 'U0COOK');
    await h.press('U0COOK', ids.escalate, c);
    const [toChef] = await h.slack.waitFor(
      (call) => call.method === 'chat.postMessage' && call.args.channel === 'U0CHEF',
    );
    expect(String(toChef?.args.text)).toBe(`Complaint ${c.number} has been escalated to you.`);
  });
});

describe('the card’s thread', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it('tells of every event, in order, once', async () => {
    h = await startHarness();
    const c = await h.register();
    const inThread = (call: SlackCall) =>
      call.method === 'chat.postMessage' && call.args.thread_ts === c.card.ts;
    await h.press(people.owner, ids.acknowledge, c);
    await h.slack.waitFor(inThread);
    await h.press(people.owner, ids.escalate, c);
    await h.slack.waitFor(inThread, 2);
    // A third event: the case's messages leave in order, so once its news is in the thread, anything the
    // first two sent twice would be there before it.
    await h.press(people.manager, ids.escalate, c);
    const thread = await h.slack.waitFor(inThread, 3);
    expect(thread.map((call) => [call.args.channel, call.args.text])).toEqual([
      [c.card.channel, `<@${people.owner}> acknowledged the case.`],
      [c.card.channel, `<@${people.owner}> escalated the case to <@${people.manager}>.`],
      [c.card.channel, `<@${people.manager}> escalated the case to <@${people.csManager}>.`],
    ]);
  });
});
