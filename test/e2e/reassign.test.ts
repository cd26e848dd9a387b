import { afterEach, describe, expect, it } from 'vitest';
import { ids } from '../../src/chat/blocks.js';
import type { SlackCall } from '../support/fake-slack.js';
import { type Harness, people, startHarness, testPolicy } from '../support/harness.js';
import { validComplaint, viewSubmission } from '../support/slack-requests.js';

const COOK = 'U0COOK';
const reassignForm = (department: string, owner: string | null) => ({
  department: {
    value: {
      type: 'static_select',
      selected_option: { text: { type: 'plain_text', text: department }, value: department },
    },
  },
  owner: { value: { type: 'users_select', selected_user: owner } },
});

describe('reassigning a case', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it('hands it to the new owner, who must acknowledge it; the one who handed it over stays accountable until then', async () => {
    const policy = testPolicy({ acknowledge: 2000, warnAt: 0.5, grace: 60_000 });
    policy.departments.push({ id: 'kitchen', name: 'Kitchen', owner: COOK, manager: 'U0CHEF' });
    h = await startHarness(policy);
    const c = await h.register({ ...validComplaint, respondent: people.stranger });
    await h.press(people.owner, ids.acknowledge, c);
    // Its work goes on after the button's answer: the card shows when it is done.
    await h.slack.waitFor((call) => call.method === 'chat.update' && call.args.ts === c.card.ts);
    const submit = (user: string, values: ReturnType<typeof reassignForm>) =>
      h.post(
        viewSubmission(user, {
          id: `VREASSIGN${user}`,
          callbackId: ids.reassignView,
          values,
          metadata: JSON.stringify({ number: c.number }),
        }),
      );

    await submit(people.owner, reassignForm('kitchen', people.stranger));
    const [refused] = await h.slack.waitFor((call) => call.method === 'chat.postEphemeral');
    expect(refused?.args.text).toBe('The person complained about may not own the case.');

    await submit(people.owner, reassignForm('kitchen', null)); // the kitchen's duty owner
    const [told] = await h.slack.waitFor(
      (call) => call.method === 'chat.postMessage' && call.args.channel === COOK,
    );
    expect(String(told?.args.text)).toBe(`New complaint ${c.number} for you. Please acknowledge it.`);
    const handed = await h.store.get(c.number);
    expect(handed).toMatchObject({
      owner: COOK,
      department: 'kitchen',
      status: 'registered',
      handoverFrom: people.owner,
    });
    expect(handed?.ladder).toEqual([COOK, 'U0CHEF', people.csManager, people.gm]);
    expect(handed?.deadlines.find((d) => d.kind === 'acknowledge')).toMatchObject({ version: 2 });

    // Unacknowledged, the handover warns the new owner like any deadline.
    await h.slack.waitFor(
      (call) => call.args.channel === COOK && /Reminder: Acknowledge/.test(String(call.args.text)),
    );

    // Until then the previous owner may still act: Log contact opens for them.
    await h.press(people.owner, ids.contact, c);
    await h.slack.waitFor(
      (call) => call.method === 'views.open' && JSON.stringify(call.args.view).includes(ids.contactView),
    );

    // The card without the handover line: the one from before the handover counts too, so wait for one more.
    const handedBack = (call: SlackCall) =>
      call.method === 'chat.update' &&
      call.args.ts === c.card.ts &&
      !JSON.stringify(call.args.blocks).includes('Accountable until acknowledged');
    const before = h.slack.calls.filter(handedBack).length;
    await h.press(COOK, ids.acknowledge, c);
    await h.slack.waitFor(handedBack, before + 1);
    expect((await h.store.get(c.number))?.handoverFrom).toBeNull();
    await h.press(people.owner, ids.contact, c);
    const refusals = await h.slack.waitFor((call) => call.method === 'chat.postEphemeral', 2);
    expect(refusals.at(-1)?.args.text).toBe(
      'Only the owner of this case or a manager on its ladder can do this.',
    );
  });
});
