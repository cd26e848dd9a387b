import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { QUEUE_NAME } from '../../jobs/queue.js';
import { ids } from '../../src/chat/blocks.js';
import type { WorkingCalendar } from '../../src/domain/working-time.js';
import { type Harness, REDIS_URL, startHarness, testPolicy } from '../support/harness.js';
import { until } from '../support/settle.js';

const DAY = 86_400_000;
const extendValues = (at: number) => ({
  promisedAt: { value: { type: 'datetimepicker', selected_date_time: Math.floor(at / 1000) } },
  reason: { value: { type: 'plain_text_input', value: 'The spare part is on its way.' } },
  informed: {
    value: {
      type: 'checkboxes',
      selected_options: [{ text: { type: 'plain_text', text: 'y' }, value: 'yes' }],
    },
  },
});

/** Every hour of every day is working time: deadlines of seconds still pass, through the calendar's code. */
const always: WorkingCalendar = {
  timezone: 'Asia/Shanghai',
  hours: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [[0, 1440]]])),
  holidays: [],
  workdays: [],
  makeUpDay: 'mon',
};

describe('need more time, bounded', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it('refuses a promise further ahead than maxExtension on the form, and changes nothing', async () => {
    h = await startHarness(testPolicy({ calendar: always }));
    const c = await h.register();
    const before = await h.store.get(c.number);
    for (const ahead of [3000 * 365 * DAY, 31 * DAY]) {
      const answer = await h.fill(c, ids.extend, ids.extendView, extendValues(Date.now() + ahead));
      expect(await answer.json()).toEqual({
        response_action: 'errors',
        errors: { promisedAt: 'That is too far ahead: promise a time within 30 days.' },
      });
    }
    expect(await h.store.get(c.number)).toEqual(before);

    const fine = await h.fill(c, ids.extend, ids.extendView, extendValues(Date.now() + 29 * DAY));
    expect(fine.status).toBe(200);
    expect(await fine.text()).toBe('');
    await until(
      async () => (await h.store.get(c.number))?.deadlines.some((d) => d.originalDueAt),
      'the deadlines moved to the promise',
    );
  });

  it('a case whose deadlines cannot be planned is skipped by the reconciler, and every other case’s timers come back', async () => {
    h = await startHarness(testPolicy({ calendar: always }), { RECONCILE_EVERY: 1000 });
    const stuck = await h.register();
    const other = await h.register();
    // As a promise saved before promises were bounded left it: a span no calendar of ten years holds.
    const current = await h.store.get(stuck.number);
    if (!current) throw new Error('no case');
    const unplannable = current.deadlines.map((d) =>
      d.kind === 'resolve' ? { ...d, span: 3000 * 365 * DAY, version: d.version + 1 } : d,
    );
    expect(await h.store.save(current, { ...current, deadlines: unplannable })).toBe(true);

    const queue = new Queue(QUEUE_NAME, {
      connection: new Redis(REDIS_URL, { maxRetriesPerRequest: null }),
      prefix: h.prefix,
    });
    const lost = [`deadline.${other.number}.acknowledge.v1`, `deadline.${other.number}.resolve.v1`];
    await until(
      async () => (await Promise.all(lost.map((id) => queue.getJob(id)))).every(Boolean),
      'the other case’s timers',
    );
    for (const id of lost) await queue.remove(id);
    expect(await queue.getJob(lost[0] ?? '')).toBeUndefined();

    await until(
      async () => (await Promise.all(lost.map((id) => queue.getJob(id)))).every(Boolean),
      'the other case’s timers put back by the reconciler',
    );
    await queue.close();
  });
});
