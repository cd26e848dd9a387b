import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { QUEUE_NAME } from '../../jobs/queue.js';
import { ids } from '../../src/chat/blocks.js';
import { contactValues } from '../support/forms.js';
import { type Harness, people, REDIS_URL, startHarness } from '../support/harness.js';
import { validComplaint } from '../support/slack-requests.js';

const text = (value: string | null) => ({ value: { type: 'plain_text_input', value } });

describe('root cause, close and reopen', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  const lastEphemeral = async (count: number) =>
    (await h.slack.waitFor((c) => c.method === 'chat.postEphemeral', count)).at(-1)?.args.text;

  it('refuses to close a major case without its root cause, closes it with one, and reopens it with fresh deadlines', async () => {
    h = await startHarness();
    const c = await h.register({ ...validComplaint, compensation: true });
    await h.fill(c, ids.resolve, ids.resolveView, { resolution: text('Compensated 50 yuan.') });
    await h.slack.waitFor(
      (call) => call.method === 'chat.update' && JSON.stringify(call.args.blocks).includes(ids.close),
    );

    await h.press(people.owner, ids.close, c);
    expect(await lastEphemeral(1)).toBe(
      'Before this case closes, record its root cause and corrective action, and tell the customer the result (log a contact after resolving, or record the customer’s verdict).',
    );
    expect((await h.store.get(c.number))?.status).toBe('resolved');

    const missing = await h.fill(c, ids.rootCause, ids.rootCauseView, {
      cause: text('Lid not checked at packing'),
      corrective: text(''),
      preventive: text('Lid check on the packing list'),
      department: {
        value: {
          type: 'static_select',
          selected_option: { text: { type: 'plain_text', text: 'Delivery' }, value: 'delivery' },
        },
      },
    });
    expect(await missing.json()).toEqual({
      response_action: 'errors',
      errors: { corrective: 'Please fill this in.' },
    });
    await h.fill(c, ids.rootCause, ids.rootCauseView, {
      cause: text('Lid not checked at packing'),
      corrective: text('Retrained the packing team'),
      preventive: text('Lid check on the packing list'),
      department: {
        value: {
          type: 'static_select',
          selected_option: { text: { type: 'plain_text', text: 'Delivery' }, value: 'delivery' },
        },
      },
    });
    await h.slack.waitFor(
      (call) =>
        call.method === 'chat.update' &&
        JSON.stringify(call.args.blocks).includes('Retrained the packing team'),
    );

    // The customer is told the result (001 4.4.5): a contact after resolving.
    await h.fill(c, ids.contact, ids.contactView, contactValues('Told her the compensation is on its way.'));
    await h.slack.waitFor((call) => String(call.args.text ?? '').includes('contacted the customer'));
    // The corrective action is verified by a manager before the case closes (改善验证有效后方可关闭).
    await h.press(people.manager, ids.verifyFix, c);
    await h.slack.waitFor(
      (call) => call.method === 'chat.update' && JSON.stringify(call.args.blocks).includes('Fix verified by'),
    );
    await h.press(people.owner, ids.close, c);
    await h.slack.waitFor(
      (call) => call.method === 'chat.update' && JSON.stringify(call.args.blocks).includes('Closed'),
    );
    const closed = await h.store.get(c.number);
    expect(closed).toMatchObject({
      status: 'closed',
      rootCause: { corrective: 'Retrained the packing team', department: 'delivery' },
    });

    await h.fill(c, ids.reopen, ids.reopenView, {
      reason: text('The customer called: the refund never arrived.'),
    });
    await h.slack.waitFor(
      (call) =>
        call.method === 'chat.update' &&
        JSON.stringify(call.args.blocks).includes('Acknowledged, in progress'),
    );
    const reopened = await h.store.get(c.number);
    expect(reopened?.status).toBe('accepted');
    expect(reopened?.timeline.at(-1)).toMatchObject({
      type: 'reopened',
      text: 'The customer called: the refund never arrived.',
    });
    const versions = Object.fromEntries(
      reopened?.deadlines.map((d) => [d.kind, [d.version, Boolean(d.metAt)]]) ?? [],
    );
    expect(versions).toEqual({ acknowledge: [1, true], callback: [2, false], resolve: [2, false] });
    const queue = new Queue(QUEUE_NAME, {
      connection: new Redis(REDIS_URL, { maxRetriesPerRequest: null }),
      prefix: h.prefix,
    });
    expect(await queue.getJob(`deadline.${c.number}.resolve.v2`)).toBeDefined();
    expect(await queue.getJob(`deadline.${c.number}.callback.v2`)).toBeDefined();
    await queue.close();
  });
});
