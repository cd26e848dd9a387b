import { afterEach, describe, expect, it } from 'vitest';
import { ids } from '../../src/chat/blocks.js';
import { type Harness, type PostedCase, people, startHarness } from '../support/harness.js';
import { buttonPress, validComplaint, viewSubmission } from '../support/slack-requests.js';

const NOT_UNDERSTOOD =
  'Sorry, that request could not be understood, so nothing was changed. If it came from an old message, `/complaint show` gives the case afresh.';

const select = (value: string | null) => ({
  value: {
    type: 'static_select',
    selected_option: value ? { text: { type: 'plain_text', text: value }, value } : null,
  },
});
const text = (value: string) => ({ value: { type: 'plain_text_input', value } });
const resolution = (action: string, amount: string | null) => ({
  action: select(action),
  amount: { value: { type: 'number_input', value: amount } },
  resolution: text('Done as the customer asked.'),
});

/** The same form submission with its `view.state` left out. */
function withoutState(body: string): string {
  const payload = JSON.parse(new URLSearchParams(body).get('payload') ?? '{}');
  delete payload.view.state;
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** Posts a request and reads its answer. */
async function answered(h: Harness, body: string) {
  const response = await h.post(body);
  return { status: response.status, text: await response.text() };
}

describe('a request Redress cannot understand', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it('is answered at once with a short private note, whatever is wrong with it, and changes nothing', async () => {
    h = await startHarness();
    const c = await h.register();
    const before = await h.store.get(c.number);
    const bodies = [
      buttonPress(people.owner, 'case_launch_rockets', c.number, c.card),
      viewSubmission(people.owner, { id: 'V1', callbackId: 'no_such_form', values: {} }),
      viewSubmission(people.owner, {
        id: 'V2',
        callbackId: ids.reopenView,
        values: { reason: text('Customer called again') },
        metadata: '{"number": oops',
      }),
      // A case form without its state.
      withoutState(
        viewSubmission(people.owner, {
          id: 'V3',
          callbackId: ids.reopenView,
          values: {},
          metadata: JSON.stringify({ number: c.number }),
        }),
      ),
    ];
    for (const [i, body] of bodies.entries()) {
      // Acknowledged by Redress: Bolt answers a request nobody acknowledged only after 3 s, and with a 404.
      const answer = await answered(h, body);
      expect([i, answer.status, answer.text]).toEqual([i, 200, '']);
      const told = await h.slack.waitFor((call) => call.method === 'chat.postEphemeral', i + 1);
      expect(told[i]?.args).toMatchObject({ user: people.owner, text: NOT_UNDERSTOOD });
    }
    expect(await h.store.get(c.number)).toEqual(before);
  });
});

describe('a form’s metadata', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it('cannot make Redress rewrite another case’s card: a message the form was not opened from is ignored', async () => {
    h = await startHarness();
    const mine = await h.register();
    const other = await h.register({
      ...validComplaint,
      customerName: '李先生',
      customerPhone: '13900001111',
    });
    const forged = JSON.stringify({ number: mine.number, pressedIn: other.card, seal: 'forged' });
    await h.post(
      viewSubmission(people.owner, {
        id: 'VFORGED',
        callbackId: ids.reopenView,
        values: { reason: text('x') },
        metadata: forged,
      }),
    );
    await h.post(
      viewSubmission(people.owner, {
        id: 'VFORGED2',
        callbackId: ids.resolveView,
        values: resolution('explanation', null),
        metadata: forged,
      }),
    );
    await h.slack.waitFor(
      (call) => call.args.thread_ts === mine.card.ts && /resolved/.test(String(call.args.text)),
    );
    const onOther = h.slack.calls.filter(
      (call) => call.method === 'chat.update' && call.args.ts === other.card.ts,
    );
    expect(onOther.map((call) => JSON.stringify(call.args))).not.toContainEqual(
      expect.stringContaining(mine.number),
    );
    expect(JSON.stringify(h.slack.calls.filter((call) => call.args.ts === other.card.ts))).not.toContain(
      '13812345678',
    );
  });
});

describe('the forms check what they are given', () => {
  let h: Harness;
  let c: PostedCase;
  afterEach(async () => {
    await h.close();
  });

  const submit = (callbackId: string, values: object) =>
    h.post(
      viewSubmission(people.owner, {
        id: `V${callbackId}`,
        callbackId,
        values: values as never,
        metadata: JSON.stringify({ number: c.number }),
      }),
    );

  it('answers on the field: a contact before the case, an unknown department, an amount that is not paid or too large', async () => {
    h = await startHarness();
    c = await h.register();
    const before = await h.store.get(c.number);
    const yesterday = Math.floor(Date.now() / 1000) - 86_400;
    const contact = await submit(ids.contactView, {
      at: { value: { type: 'datetimepicker', selected_date_time: yesterday } },
      how: select('phone'),
      what: text('Called'),
    });
    expect(await contact.json()).toEqual({
      response_action: 'errors',
      errors: { at: 'The case did not exist yet at that time.' },
    });
    const rootCause = await submit(ids.rootCauseView, {
      cause: text('Bags ran out'),
      corrective: text('Restocked'),
      preventive: text('Weekly check'),
      department: select('no_such_department'),
    });
    expect(await rootCause.json()).toEqual({
      response_action: 'errors',
      errors: { department: 'Please fill this in.' },
    });
    for (const [values, error] of [
      [
        resolution('apology', '50'),
        'Only a refund or a compensation has an amount: clear it, or choose one of those.',
      ],
      [resolution('compensation', '1e308'), 'This amount is too large.'],
    ] as const) {
      expect(await (await submit(ids.resolveView, values)).json()).toEqual({
        response_action: 'errors',
        errors: { amount: error },
      });
    }
    expect(await h.store.get(c.number)).toEqual(before);
  });

  it('a refund above the threshold waits for the GM like a compensation', async () => {
    h = await startHarness();
    c = await h.register();
    expect((await submit(ids.resolveView, resolution('refund', '99999'))).status).toBe(200);
    const [ask] = await h.slack.waitFor(
      (call) => call.args.channel === people.gm && /needs your approval/.test(String(call.args.text)),
    );
    expect(String(ask?.args.text)).toContain('99999');
    expect(await h.store.get(c.number)).toMatchObject({
      status: 'registered',
      pendingApproval: { amount: 99999, by: people.owner, action: 'refund' },
    });
    await h.press(people.gm, ids.approve, c);
    await h.slack.waitFor(
      (call) => call.args.thread_ts === c.card.ts && /resolved/.test(String(call.args.text)),
    );
    expect(await h.store.get(c.number)).toMatchObject({
      status: 'resolved',
      resolutionAction: 'refund',
      amount: 99999,
    });
  });
});
