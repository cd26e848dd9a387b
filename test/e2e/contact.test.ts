import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { QUEUE_NAME } from '../../jobs/queue.js';
import { ids } from '../../src/chat/blocks.js';
import { type Harness, people, REDIS_URL, startHarness } from '../support/harness.js';
import { validComplaint, viewSubmission } from '../support/slack-requests.js';

const contactValues = (at: number | null, how: string | null, what: string | null) => ({
  at: { value: { type: 'datetimepicker', selected_date_time: at } },
  how: {
    value: {
      type: 'static_select',
      selected_option: how ? { text: { type: 'plain_text', text: how }, value: how } : null,
    },
  },
  what: { value: { type: 'plain_text_input', value: what } },
});

describe('Log contact', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it('records the contact, meets a major case’s callback deadline and stops its timer', async () => {
    h = await startHarness();
    const c = await h.register({ ...validComplaint, compensation: true });
    await h.press(people.owner, ids.contact, c);
    const [open] = await h.slack.waitFor(
      (call) => call.method === 'views.open' && JSON.stringify(call.args.view).includes(ids.contactView),
    );
    const metadata = String((open?.args.view as { private_metadata?: string } | undefined)?.private_metadata);
    const submit = (values: ReturnType<typeof contactValues>) =>
      h.post(viewSubmission(people.owner, { id: 'VCONTACT', callbackId: ids.contactView, values, metadata }));

    const inAnHour = Math.floor(Date.now() / 1000) + 3600;
    const bad = await (await submit(contactValues(inAnHour, null, ' '))).json();
    expect(bad).toEqual({
      response_action: 'errors',
      errors: {
        at: 'This time has not come yet.',
        how: 'Please fill this in.',
        what: 'Please fill this in.',
      },
    });

    // Before the case was registered is refused too.
    const before = await (
      await submit(contactValues(Math.floor(c.createdAt.getTime() / 1000) - 600, 'phone', 'x'))
    ).json();
    expect(before).toEqual({
      response_action: 'errors',
      errors: { at: 'The case did not exist yet at that time.' },
    });

    const aMomentAgo = Math.floor(Date.now() / 1000) - 1;
    const good = await submit(contactValues(aMomentAgo, 'phone', 'Apologised; a refund is on its way.'));
    expect(good.status).toBe(200);
    await h.slack.waitFor(
      (call) =>
        call.method === 'chat.update' &&
        JSON.stringify(call.args.blocks).includes('✓ Call the customer back'),
    );
    const stored = await h.store.get(c.number);
    expect(stored?.timeline.at(-1)).toMatchObject({
      type: 'contacted',
      by: people.owner,
      at: new Date(aMomentAgo * 1000),
      text: 'phone: Apologised; a refund is on its way.',
    });
    expect(stored?.deadlines.find((d) => d.kind === 'callback')?.metAt).toBeInstanceOf(Date);
    const queue = new Queue(QUEUE_NAME, {
      connection: new Redis(REDIS_URL, { maxRetriesPerRequest: null }),
      prefix: h.prefix,
    });
    expect(await queue.getJob(`deadline.${c.number}.callback.v1`)).toBeUndefined();
    expect(await queue.getJob(`deadline.${c.number}.resolve.v1`)).toBeDefined();
    await queue.close();
  });

  it('is for the owner and managers only', async () => {
    h = await startHarness();
    const c = await h.register();
    await h.press(people.receiver, ids.contact, c);
    const [refusal] = await h.slack.waitFor((call) => call.method === 'chat.postEphemeral');
    expect(refusal?.args.text).toBe('Only the owner of this case or a manager on its ladder can do this.');
  });
});
