import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { QUEUE_NAME } from '../../jobs/queue.js';
import { ids } from '../../src/chat/blocks.js';
import { resolveValues } from '../support/forms.js';
import { type Harness, people, REDIS_URL, startHarness } from '../support/harness.js';

const WEEK = 7 * 86_400_000;

describe('the weekly statistics, judged at the time of the report', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it('keep the acknowledgement apart from the documents’ deadlines, and list every case overdue then', async () => {
    h = await startHarness();
    const kept = await h.register();
    const late = await h.register();
    await h.press(people.owner, ids.acknowledge, kept);
    await h.slack.waitFor((c) => c.method === 'chat.update');
    await h.fill(kept, ids.resolve, ids.resolveView, resolveValues('refund', 'Refunded.', '20'));
    await h.slack.waitFor(
      (c) => c.method === 'chat.update' && JSON.stringify(c.args.blocks).includes('Refunded.'),
    );

    const queue = new Queue(QUEUE_NAME, {
      connection: new Redis(REDIS_URL, { maxRetriesPerRequest: null }),
      prefix: h.prefix,
    });
    const report = async (at: number, count: number) => {
      await queue.add('weekly-report', { at });
      const reports = await h.slack.waitFor(
        (c) => c.args.channel === people.gm && /Weekly complaint statistics/.test(String(c.args.text)),
        count,
      );
      return JSON.stringify(reports.at(-1)?.args.blocks);
    };

    // This week, reported next week: each case has one acknowledgement and one resolve deadline, judged apart.
    const thisWeek = await report(Date.now() + WEEK, 1);
    expect(thisWeek).toContain('Complaints registered: *2*');
    expect(thisWeek).toContain('Deadlines kept as first promised: *50%* (1 of 2)');
    expect(thisWeek).toContain('Acknowledged in time: *50%* (1 of 2)');
    expect(thisWeek).toContain(`Overdue now (1)*\\n${late.number}`);

    // The week after registered nothing, yet the case of this week is overdue still when it is reported.
    const weekAfter = await report(Date.now() + 2 * WEEK, 2);
    expect(weekAfter).toContain('Complaints registered: *0*');
    expect(weekAfter).toContain('Deadlines kept as first promised: none due yet');
    expect(weekAfter).toContain(`Overdue now (1)*\\n${late.number}`);
    await queue.close();
  });
});
