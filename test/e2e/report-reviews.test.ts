import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { DateTime } from 'luxon';
import { afterEach, describe, expect, it } from 'vitest';
import { QUEUE_NAME } from '../../jobs/queue.js';
import { ids } from '../../src/chat/blocks.js';
import type { SlackCall } from '../support/fake-slack.js';
import { type Harness, people, REDIS_URL, startHarness } from '../support/harness.js';
import { until } from '../support/settle.js';

const TZ = 'Asia/Shanghai';
const text = (value: string) => ({ value: { type: 'plain_text_input', value } });
const select = (value: string) => ({
  value: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: value }, value } },
});
const day = (at: DateTime) => at.toFormat('yyyy-MM-dd');

describe('reviews to the GM: the monthly summary’s assessment, the half-year and the annual report', () => {
  let h: Harness;
  let queue: Queue;
  afterEach(async () => {
    await queue.close();
    await h.close();
  });

  const toGm = (title: RegExp) => (c: SlackCall) =>
    c.method === 'chat.postMessage' && c.args.channel === people.gm && title.test(String(c.args.text));
  /** A report leaves after the chart of the one before it, drawn in the worker: seconds on a loaded machine. */
  const report = (title: RegExp) => h.slack.waitFor(toGm(title), 1, 30_000);

  /** Two cases this month: the first resolved at once and scored 4 by its customer, the second left open. */
  async function twoCases() {
    const kept = await h.register();
    await h.register();
    await h.press(people.owner, ids.acknowledge, kept);
    await h.fill(kept, ids.resolve, ids.resolveView, { resolution: text('Refunded.') });
    await h.slack.waitFor(
      (c) => c.method === 'chat.update' && JSON.stringify(c.args.blocks).includes(ids.verdict),
    );
    await h.fill(kept, ids.verdict, ids.verdictView, {
      verdict: select('accepted'),
      satisfaction: select('4'),
      comment: text(''),
    });
    await until(async () => (await h.store.get(kept.number))?.verdict, 'the verdict');
  }

  it('run on job schedulers in June and December, and on 1 January, in the policy timezone', async () => {
    h = await startHarness();
    queue = new Queue(QUEUE_NAME, {
      connection: new Redis(REDIS_URL, { maxRetriesPerRequest: null }),
      prefix: h.prefix,
    });
    const halfYear = await until(() => queue.getJobScheduler('halfYear-report'), 'the half-year scheduler');
    expect(halfYear).toMatchObject({ pattern: '0 9 1 6,12 *', tz: TZ });
    const annual = await until(() => queue.getJobScheduler('annual-report'), 'the annual scheduler');
    expect(annual).toMatchObject({ pattern: '0 9 1 1 *', tz: TZ });
  });

  it('assess the month by responsible department and by owner in the monthly summary, not in the weekly one', async () => {
    h = await startHarness();
    queue = new Queue(QUEUE_NAME, {
      connection: new Redis(REDIS_URL, { maxRetriesPerRequest: null }),
      prefix: h.prefix,
    });
    await twoCases();
    // Run as next month's run would: this month is reported, the open case's resolve missed by then.
    const nextMonth = DateTime.now().setZone(TZ).plus({ months: 1 }).startOf('month').set({ hour: 9 });
    await queue.add('monthly-report', { at: nextMonth.toMillis() });
    const [monthly] = await report(/Monthly complaint summary/);
    const blocks = JSON.stringify(monthly?.args.blocks);
    expect(blocks).toContain('*By responsible department*');
    expect(blocks).toContain(
      '• Delivery: cases 2 · deadlines missed 1 · satisfaction 4 · reopened 0 · rejected 0',
    );
    expect(blocks).toContain(
      `*By owner*\\n• <@${people.owner}>: cases 2 · deadlines missed 1 · satisfaction 4`,
    );

    await queue.add('weekly-report', { at: DateTime.now().plus({ weeks: 1 }).toMillis() });
    const [weekly] = await report(/Weekly complaint statistics/);
    expect(JSON.stringify(weekly?.args.blocks)).not.toContain('By owner');
  });

  it('review the last six whole months, and the calendar year, with the assessment', async () => {
    h = await startHarness();
    queue = new Queue(QUEUE_NAME, {
      connection: new Redis(REDIS_URL, { maxRetriesPerRequest: null }),
      prefix: h.prefix,
    });
    await twoCases();
    const now = DateTime.now().setZone(TZ);
    // A run at the start of next month reviews the six months up to it, this one included.
    const run = now.plus({ months: 1 }).startOf('month').set({ hour: 9 });
    await queue.add('halfYear-report', { at: run.toMillis() });
    const from = run.startOf('month').minus({ months: 6 });
    const [half] = await report(/Half-year complaint review/);
    expect(half?.args.text).toBe(
      `Half-year complaint review, ${day(from)} to ${day(run.startOf('month').minus({ days: 1 }))}`,
    );
    expect(JSON.stringify(half?.args.blocks)).toContain('Complaints registered: *2*');
    expect(JSON.stringify(half?.args.blocks)).toContain('• Delivery: cases 2');

    const newYear = now.plus({ years: 1 }).startOf('year').set({ hour: 9 });
    await queue.add('annual-report', { at: newYear.toMillis() });
    const [annual] = await report(/Annual complaint report/);
    expect(annual?.args.text).toBe(`Annual complaint report, ${now.year}-01-01 to ${now.year}-12-31`);
    expect(JSON.stringify(annual?.args.blocks)).toContain(`<@${people.owner}>: cases 2`);
  });
});
