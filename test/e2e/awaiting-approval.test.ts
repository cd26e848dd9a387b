import { afterEach, describe, expect, it } from 'vitest';
import { ids } from '../../src/chat/blocks.js';
import { contactValues, extendValues, resolveValues } from '../support/forms.js';
import { CASES_CHANNEL, type Harness, people, startHarness } from '../support/harness.js';
import { validComplaint } from '../support/slack-requests.js';

describe('while a compensation waits for the GM', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it('the card says so, and the owner still logs contacts and asks for more time, as the clocks run on', async () => {
    h = await startHarness();
    const c = await h.register({ ...validComplaint, compensation: true });
    await h.fill(
      c,
      ids.resolve,
      ids.resolveView,
      resolveValues('compensation', 'Pay for the dry cleaning.', '800'),
    );
    const [card] = await h.slack.waitFor(
      (call) =>
        call.method === 'chat.update' &&
        call.args.channel === CASES_CHANNEL &&
        JSON.stringify(call.args.blocks).includes(ids.approve),
    );
    const blocks = JSON.stringify(card?.args.blocks);
    expect(blocks).toContain('Waiting for the general manager');
    const buttons = ((card?.args.blocks ?? []) as { type: string; elements?: { action_id: string }[] }[])
      .filter((b) => b.type === 'actions')
      .flatMap((b) => b.elements?.map((e) => e.action_id) ?? []);
    expect(buttons).toEqual(expect.arrayContaining([ids.approve, ids.reject, ids.contact, ids.extend]));
    expect(buttons).not.toContain(ids.resolve);

    await h.fill(c, ids.contact, ids.contactView, contactValues('Told her the GM decides today.'));
    await h.slack.waitFor(
      (call) =>
        call.method === 'chat.update' &&
        JSON.stringify(call.args.blocks).includes('Call the customer back: done'),
    );
    const promised = new Date(Date.now() + 3 * 86_400_000);
    await h.fill(c, ids.extend, ids.extendView, extendValues(promised, 'The GM is away until Friday.'));
    await h.slack.waitFor(
      (call) => call.method === 'chat.update' && JSON.stringify(call.args.blocks).includes('promised anew'),
    );
    const stored = await h.store.get(c.number);
    expect(stored?.pendingApproval).toMatchObject({ amount: 800 });
    expect(stored?.timeline.map((e) => e.type)).toEqual(expect.arrayContaining(['contacted', 'extended']));
    expect(stored?.deadlines.find((d) => d.kind === 'resolve')?.dueAt).toEqual(
      new Date(Math.floor(promised.getTime() / 1000) * 1000),
    );
    expect(h.slack.calls.filter((call) => call.method === 'chat.postEphemeral')).toEqual([]);

    // Only the GM decides, as before.
    await h.press(people.owner, ids.approve, c);
    const [refused] = await h.slack.waitFor((call) => call.method === 'chat.postEphemeral');
    expect(refused?.args.text).toBe('Only the general manager can decide on this compensation.');
  });
});
