import { afterEach, describe, expect, it } from 'vitest';
import { ids } from '../../src/chat/blocks.js';
import { type Harness, type PostedCase, people, startHarness } from '../support/harness.js';
import { validComplaint, viewSubmission } from '../support/slack-requests.js';

const resolution = (action: string, amount: string | null, text: string) => ({
  action: {
    value: {
      type: 'static_select',
      selected_option: { text: { type: 'plain_text', text: action }, value: action },
    },
  },
  amount: { value: { type: 'number_input', value: amount } },
  resolution: { value: { type: 'plain_text_input', value: text } },
});

describe('compensation above the threshold', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });
  const submit = (c: PostedCase, values: ReturnType<typeof resolution>) =>
    h.post(
      viewSubmission(people.owner, {
        id: 'VAPPROVAL',
        callbackId: ids.resolveView,
        values,
        metadata: JSON.stringify({ number: c.number }),
      }),
    );

  it('waits for the GM: approved, the case is resolved; only the GM decides', async () => {
    h = await startHarness();
    const c = await h.register({ ...validComplaint, compensation: true });
    const missing = await submit(c, resolution('compensation', null, 'Paid for the dry cleaning.'));
    expect(await missing.json()).toEqual({
      response_action: 'errors',
      errors: { amount: 'Give the amount of the compensation.' },
    });

    await submit(c, resolution('compensation', '800', 'Paid for the dry cleaning.'));
    const [ask] = await h.slack.waitFor(
      (call) => call.args.channel === people.gm && /needs your approval/.test(String(call.args.text)),
    );
    expect(String(ask?.args.text)).toBe(`Compensation of 800 in ${c.number} needs your approval.`);
    expect(JSON.stringify(ask?.args.blocks)).toContain(ids.approve);
    expect(await h.store.get(c.number)).toMatchObject({
      status: 'registered',
      pendingApproval: { amount: 800, by: people.owner },
    });

    await h.press(people.owner, ids.approve, c);
    const [refused] = await h.slack.waitFor((call) => call.method === 'chat.postEphemeral');
    expect(refused?.args.text).toBe('Only the general manager can decide on this compensation.');

    await h.press(people.gm, ids.approve, c);
    await h.slack.waitFor(
      (call) =>
        call.method === 'chat.update' &&
        JSON.stringify(call.args.blocks).includes('Paid for the dry cleaning.'),
    );
    expect(await h.store.get(c.number)).toMatchObject({
      status: 'resolved',
      resolutionAction: 'compensation',
      amount: 800,
      pendingApproval: null,
    });
  });

  it('rejected, goes back to the owner; a small compensation needs no approval', async () => {
    h = await startHarness();
    const c = await h.register({ ...validComplaint, compensation: true });
    await submit(c, resolution('compensation', '800', 'Paid for the dry cleaning.'));
    await h.slack.waitFor(
      (call) => call.args.channel === people.gm && /needs your approval/.test(String(call.args.text)),
    );
    await h.press(people.gm, ids.reject, c);
    const [told] = await h.slack.waitFor(
      (call) =>
        call.args.channel === people.owner && /rejected the compensation/.test(String(call.args.text)),
    );
    expect(String(told?.args.text)).toBe(
      `The general manager rejected the compensation in ${c.number}: resolve it another way.`,
    );
    expect(await h.store.get(c.number)).toMatchObject({ status: 'registered', pendingApproval: null });

    await submit(c, resolution('compensation', '200', 'A voucher of 200.'));
    await h.slack.waitFor(
      (call) =>
        call.method === 'chat.update' && JSON.stringify(call.args.blocks).includes('A voucher of 200.'),
    );
    expect(await h.store.get(c.number)).toMatchObject({ status: 'resolved', amount: 200 });
  });
});
