import { randomUUID } from 'node:crypto';
import { type Job, Queue, QueueEvents, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { QUEUE_NAME } from '../../jobs/queue.js';
import { scheduledTime } from '../../jobs/report.js';
import { type Harness, people, REDIS_URL, startHarness } from '../support/harness.js';

const connection = { url: REDIS_URL };

describe('a scheduled report', () => {
  let prefix: string;
  afterEach(async () => {
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it('covers the period before its scheduled time, not before the run that created its job', async () => {
    prefix = `redress-test-${randomUUID()}`;
    const queue = new Queue('schedule', { connection, prefix });
    // Every second: the second run's job was created by the first run, a second before it was due.
    await queue.upsertJobScheduler('weekly-report', { pattern: '* * * * * *' }, { name: 'weekly-report' });
    const runs: Job[] = [];
    const second = new Promise<void>((resolve) => {
      const worker = new Worker(
        'schedule',
        async (job) => {
          runs.push(job);
          if (runs.length === 2) void worker.close().then(resolve);
        },
        { connection, prefix },
      );
    });
    await second;
    await queue.close();
    const job = runs[1] as Job;
    const scheduledFor = Number(String(job.id).split(':').at(-1));
    expect(scheduledTime(job).getTime()).toBe(scheduledFor);
    expect(job.timestamp).toBeLessThan(scheduledFor);
  });
});

describe('a report job that runs twice', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it('sends its report once', async () => {
    h = await startHarness();
    const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    const queue = new Queue(QUEUE_NAME, { connection: redis, prefix: h.prefix });
    const events = new QueueEvents(QUEUE_NAME, { connection, prefix: h.prefix });
    await events.waitUntilReady();
    const isReport = (text: unknown) => /Weekly complaint statistics/.test(String(text));
    const run = async (at: number) => (await queue.add('weekly-report', { at })).waitUntilFinished(events);

    const monday = Date.parse('2026-11-23T09:00:00+08:00');
    await run(monday);
    await run(monday); // the same run again, as a retry after a crash would
    await run(monday + 7 * 86_400_000); // the week after: its report leaves after any of the first week's
    await h.slack.waitFor((c) => c.args.channel === people.gm && isReport(c.args.text), 2);
    const reports = h.slack.calls.filter((c) => c.args.channel === people.gm && isReport(c.args.text));
    // Each report carries its chart, uploaded once, as a PNG, to the GM.
    await h.slack.waitFor((c) => c.method === 'files.completeUploadExternal', 2);
    expect(h.slack.callsTo('files.completeUploadExternal')).toHaveLength(2);
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(h.slack.uploads.map((u) => u.body.includes(png))).toEqual([true, true]);
    expect(JSON.stringify(h.slack.callsTo('files.completeUploadExternal')[0]?.args)).toContain(
      `D${people.gm.slice(1)}`,
    );
    expect(reports.map((c) => String(c.args.text))).toEqual([
      'Weekly complaint statistics, 2026-11-16 to 2026-11-22',
      'Weekly complaint statistics, 2026-11-23 to 2026-11-29',
    ]);
    await events.close();
    await queue.close();
  });
});
