import { Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { QUEUE_NAME } from '../../jobs/queue.js';
import { ids } from '../../src/chat/blocks.js';
import type { SlackCall } from '../support/fake-slack.js';
import { type Harness, people, REDIS_URL, startHarness, testPolicy } from '../support/harness.js';
import { until } from '../support/settle.js';
import { validComplaint, viewSubmission } from '../support/slack-requests.js';

describe('the weekly statistics', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it('go to the GM on Monday at 09:00 in the policy timezone, with last week’s numbers', async () => {
    h = await startHarness();
    const kept = await h.register();
    const late = await h.register();
    // The first case: acknowledged and resolved at once, both deadlines kept.
    await h.press(people.owner, ids.acknowledge, kept);
    await h.slack.waitFor((c) => c.method === 'chat.update');
    const values = { resolution: { value: { type: 'plain_text_input', value: 'Refunded.' } } };
    const metadata = JSON.stringify({ number: kept.number });
    await h.post(
      viewSubmission(people.owner, { id: 'VREPORT', callbackId: ids.resolveView, values, metadata }),
    );
    await h.slack.waitFor(
      (c) => c.method === 'chat.update' && JSON.stringify(c.args.blocks).includes('Refunded.'),
    );

    const queue = new Queue(QUEUE_NAME, {
      connection: new Redis(REDIS_URL, { maxRetriesPerRequest: null }),
      prefix: h.prefix,
    });
    const scheduler = await until(() => queue.getJobScheduler('weekly-report'), 'the weekly scheduler');
    expect(scheduler).toMatchObject({ pattern: '0 9 * * 1', tz: 'Asia/Shanghai' });
    // Run the report as next week's Monday run would: the week reported is this one.
    const nextWeek = Date.now() + 7 * 86_400_000;
    await queue.add('weekly-report', { at: nextWeek });
    const [report] = await h.slack.waitFor(
      (c) => c.args.channel === people.gm && /Weekly complaint statistics/.test(String(c.args.text)),
    );
    const text = JSON.stringify(report?.args.blocks);
    expect(text).toContain('Complaints registered: *2*');
    // Each case's resolve and acknowledgement are due by then, judged apart: the kept case's were kept.
    expect(text).toContain('Deadlines kept as first promised: *50%* (1 of 2)');
    expect(text).toContain('Acknowledged in time: *50%* (1 of 2)');
    expect(text).toContain('• Delivery / logistics: 2');
    expect(text).toContain('• Class 1 · first complaint: 2');
    expect(text).toContain(`Overdue now (1)*\\n${late.number}`);
    expect(text).toContain('Repeat complaints (0)*\\nnone');
    expect(text).toContain('Batch complaints (0)*\\nnone');
    await queue.close();
  });
});

describe('the daily list', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it('gives each department manager their cases unresolved for more than a day, with full phones', async () => {
    const policy = testPolicy();
    policy.departments.push({ id: 'kitchen', name: 'Kitchen', owner: 'U0COOK', manager: 'U0CHEF' });
    h = await startHarness(policy);
    const delivery = await h.register();
    const kitchen = await h.register({ ...validComplaint, department: 'kitchen' });
    const queue = new Queue(QUEUE_NAME, {
      connection: new Redis(REDIS_URL, { maxRetriesPerRequest: null }),
      prefix: h.prefix,
    });
    expect(await until(() => queue.getJobScheduler('daily-report'), 'the daily scheduler')).toMatchObject({
      pattern: '0 9 * * *',
      tz: 'Asia/Shanghai',
    });

    const listTo = (manager: string) => (c: SlackCall) =>
      c.args.channel === manager && /more than a day/.test(String(c.args.text));
    await queue.add('daily-report', { at: Date.now() + 2 * 86_400_000 });
    const [toManager] = await h.slack.waitFor(listTo(people.manager));
    const [toChef] = await h.slack.waitFor(listTo('U0CHEF'));
    expect(String(toManager?.args.text)).toBe('Your complaints unresolved for more than a day (1)');
    expect(JSON.stringify(toManager?.args.blocks)).toContain(delivery.number);
    expect(JSON.stringify(toManager?.args.blocks)).toContain('13812345678');
    expect(JSON.stringify(toChef?.args.blocks)).toContain(kitchen.number);
    expect(JSON.stringify(toChef?.args.blocks)).not.toContain(delivery.number);

    // Nothing is a day old yet: nobody is bothered. A later run's lists leave each manager's mailbox after
    // anything this run put there, so once they arrive, all this run sent has arrived.
    const events = new QueueEvents(QUEUE_NAME, { connection: { url: REDIS_URL }, prefix: h.prefix });
    await events.waitUntilReady();
    await (await queue.add('daily-report', { at: Date.now() })).waitUntilFinished(events);
    await queue.add('daily-report', { at: Date.now() + 3 * 86_400_000 });
    for (const manager of [people.manager, 'U0CHEF']) await h.slack.waitFor(listTo(manager), 2);
    expect(h.slack.calls.filter((c) => /more than a day/.test(String(c.args.text)))).toHaveLength(4);
    await events.close();
    await queue.close();
  });
});
