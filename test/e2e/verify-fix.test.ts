import { afterEach, describe, expect, it } from 'vitest';
import { ids } from '../../src/chat/blocks.js';
import { CASES_CHANNEL, type Harness, people, startHarness, testPolicy } from '../support/harness.js';
import { validComplaint } from '../support/slack-requests.js';

const text = (value: string) => ({ value: { type: 'plain_text_input', value } });
const delivery = {
  value: {
    type: 'static_select',
    selected_option: { text: { type: 'plain_text', text: 'Delivery' }, value: 'delivery' },
  },
};
const select = (value: string) => ({
  value: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: value }, value } },
});
/** The customer is told the result and accepts it (回访), as before any closing. */
const accepted = { verdict: select('accepted'), satisfaction: select('4'), comment: text('') };
const rootCause = (person: string | null) => ({
  cause: text('The driver skipped the insulated bag'),
  corrective: text('Insulated bags checked at every pick-up'),
  preventive: text('Bag check on the pick-up list'),
  department: delivery,
  person: { value: { type: 'users_select', selected_user: person } },
});

describe('root cause (原因分析): the responsible person, and the fix verified before closing', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  const cardShows = (words: string) =>
    h.slack.waitFor(
      (call) =>
        call.method === 'chat.update' &&
        call.args.channel === CASES_CHANNEL &&
        JSON.stringify(call.args.blocks).includes(words),
    );
  const ephemeral = async (count: number) =>
    (await h.slack.waitFor((c) => c.method === 'chat.postEphemeral', count)).at(-1)?.args.text;

  it('asks for the responsible person, and closes only once a manager verified the corrective action', async () => {
    h = await startHarness();
    const c = await h.register({ ...validComplaint, compensation: true });
    await h.fill(c, ids.resolve, ids.resolveView, { resolution: text('Compensated 50 yuan.') });
    await cardShows(ids.close);
    await h.fill(c, ids.verdict, ids.verdictView, accepted);
    await cardShows('★★★★');

    const opened = h.slack.callsTo('views.open').length;
    await h.fill(c, ids.rootCause, ids.rootCauseView, rootCause('U0DRIVER'));
    const form = (await h.slack.waitFor((call) => call.method === 'views.open', opened + 1)).at(-1);
    const view = form?.args.view as { blocks: { block_id: string }[] };
    const person = view.blocks.find((b) => b.block_id === 'person');
    expect(person).toMatchObject({ optional: true, element: { type: 'users_select' } });
    await cardShows('Waiting for a manager to verify that the fix works');
    expect((await h.store.get(c.number))?.rootCause).toMatchObject({
      department: 'delivery',
      person: 'U0DRIVER',
    });
    // The card offers Fix verified, with Slack's confirmation dialog.
    const card = (await h.slack.waitFor((call) => call.method === 'chat.update')).at(-1);
    expect(JSON.stringify(card?.args.blocks)).toContain(ids.verifyFix);

    await h.press(people.owner, ids.close, c);
    expect(await ephemeral(1)).toBe(
      'A manager must verify that the corrective action works (Fix verified) before the case closes.',
    );
    // Who carried the fix out does not verify it.
    await h.press(people.owner, ids.verifyFix, c);
    expect(await ephemeral(2)).toBe('Only a manager on this case’s ladder can verify the fix.');
    expect((await h.store.get(c.number))?.status).toBe('resolved');

    await h.press(people.manager, ids.verifyFix, c);
    await cardShows(`Fix verified by <@${people.manager}>`);
    const verified = await h.store.get(c.number);
    expect(verified?.fixVerified).toMatchObject({ by: people.manager });
    expect(verified?.timeline.at(-1)).toMatchObject({ type: 'fix-verified', by: people.manager });
    await h.slack.waitFor(
      (call) =>
        call.args.thread_ts === c.card.ts &&
        call.args.text === `<@${people.manager}> verified that the fix works.`,
    );

    await h.press(people.owner, ids.close, c);
    await cardShows('Closed');
    expect((await h.store.get(c.number))?.status).toBe('closed');
  });

  it('asks for the fix to be verified again when the corrective action changes', async () => {
    h = await startHarness();
    const c = await h.register({ ...validComplaint, compensation: true });
    await h.fill(c, ids.rootCause, ids.rootCauseView, rootCause(null));
    await cardShows('Waiting for a manager');
    expect((await h.store.get(c.number))?.rootCause).not.toHaveProperty('person');
    await h.press(people.manager, ids.verifyFix, c);
    await cardShows('Fix verified by');
    await h.fill(c, ids.rootCause, ids.rootCauseView, {
      ...rootCause(null),
      corrective: text('A new supplier of bags'),
    });
    await cardShows('A new supplier of bags');
    expect((await h.store.get(c.number))?.fixVerified).toBeNull();
  });

  it('closes without a verification when the policy does not ask for one', async () => {
    h = await startHarness({ ...testPolicy(), verifyFix: false });
    const c = await h.register({ ...validComplaint, compensation: true });
    await h.fill(c, ids.rootCause, ids.rootCauseView, rootCause(null));
    await h.fill(c, ids.resolve, ids.resolveView, { resolution: text('Compensated 50 yuan.') });
    await cardShows(ids.close);
    await h.fill(c, ids.verdict, ids.verdictView, accepted);
    await cardShows('★★★★');
    expect((await h.store.get(c.number))?.fixVerified).toBeUndefined();
    await h.press(people.owner, ids.close, c);
    await cardShows('Closed');
  });
});
