import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { QUEUE_NAME } from '../../jobs/queue.js';
import { ids } from '../../src/chat/blocks.js';
import { type Harness, people, REDIS_URL, startHarness } from '../support/harness.js';
import { until } from '../support/settle.js';
import { viewSubmission } from '../support/slack-requests.js';

const extendValues = (at: number | null, reason: string | null, informed: boolean) => ({
  promisedAt: { value: { type: 'datetimepicker', selected_date_time: at } },
  reason: { value: { type: 'plain_text_input', value: reason } },
  informed: {
    value: {
      type: 'checkboxes',
      selected_options: informed ? [{ text: { type: 'plain_text', text: 'yes' }, value: 'yes' }] : [],
    },
  },
});

describe('Need more time', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it('moves the deadlines to the promise, with timers to match, while statistics still count the case late', async () => {
    h = await startHarness();
    const c = await h.register();
    await h.press(people.owner, ids.extend, c);
    const [open] = await h.slack.waitFor(
      (call) => call.method === 'views.open' && JSON.stringify(call.args.view).includes(ids.extendView),
    );
    const metadata = String((open?.args.view as { private_metadata?: string } | undefined)?.private_metadata);
    const submit = (values: ReturnType<typeof extendValues>) =>
      h.post(viewSubmission(people.owner, { id: 'VEXTEND', callbackId: ids.extendView, values, metadata }));

    const anHourAgo = Math.floor(Date.now() / 1000) - 3600;
    expect(await (await submit(extendValues(anHourAgo, '', false))).json()).toEqual({
      response_action: 'errors',
      errors: {
        promisedAt: 'Choose a time still to come.',
        reason: 'Please fill this in.',
        informed: 'Tell the customer the new time and the reason first.',
      },
    });

    const promised = Math.floor(Date.now() / 1000) + 4;
    await submit(extendValues(promised, 'The spare part arrives on Friday.', true));
    // The new plan runs: the warning at 75% of the new span arrives, under the new version.
    const [warning] = await h.slack.waitFor(
      (call) => /Reminder: Resolve/.test(String(call.args.text)),
      1,
      10_000,
    );
    expect(String(warning?.args.channel)).toBe(people.owner);

    const stored = await h.store.get(c.number);
    const resolve = stored?.deadlines.find((d) => d.kind === 'resolve');
    const original = c.deadlines.find((d) => d.kind === 'resolve');
    expect(resolve).toMatchObject({
      version: 2,
      dueAt: new Date(promised * 1000),
      originalDueAt: original?.dueAt,
    });
    expect(stored?.deadlines.find((d) => d.kind === 'acknowledge')?.version).toBe(1);
    expect(stored?.timeline.map((e) => e.key ?? e.type)).toContain('resolve.v2.warn');

    const queue = new Queue(QUEUE_NAME, {
      connection: new Redis(REDIS_URL, { maxRetriesPerRequest: null }),
      prefix: h.prefix,
    });
    expect(await queue.getJob(`deadline.${c.number}.resolve.v1`)).toBeUndefined();
    await queue.close();

    // Resolved well before even the first promise, yet the promise was moved: the GM's report counts it late.
    await h.fill(c, ids.resolve, ids.resolveView, {
      resolution: { value: { type: 'plain_text_input', value: 'Replaced the part.' } },
    });
    const resolved = await until(async () => {
      const latest = await h.store.get(c.number);
      return latest?.status === 'resolved' ? latest : null;
    }, 'the case to be resolved');
    expect(resolved.deadlines.find((d) => d.kind === 'resolve')?.metAt?.getTime()).toBeLessThan(
      original?.dueAt.getTime() ?? 0,
    );
    // Judged a week on, as the weekly report would: the resolve deadline, moved, counts as missed; the
    // acknowledgement, met in time with the resolution, as kept.
    const day = 86_400_000;
    const from = new Date(c.createdAt.getTime() - day);
    const to = new Date(c.createdAt.getTime() + day);
    const stats = await h.store.statistics(from, to, new Date(to.getTime() + 7 * day));
    expect(stats.deadlines).toEqual({ judged: 1, met: 0 });
    expect(stats.acknowledged).toEqual({ judged: 1, met: 1 });
  });
});
