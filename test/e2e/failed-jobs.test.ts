import { randomUUID } from 'node:crypto';
import { type Queue, QueueEvents, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createQueue, jobIds, QUEUE_NAME, queueJobs, queueTimers } from '../../jobs/queue.js';
import { reconcileTimers } from '../../src/app/reconcile-timers.js';
import { timerOf } from '../../src/domain/deadlines.js';
import { aCase } from '../support/cases.js';
import { REDIS_URL, testPolicy } from '../support/harness.js';
import { testStore } from '../support/test-store.js';

const connection = { url: REDIS_URL };

describe('a job that used up its attempts', () => {
  let queue: Queue;
  let prefix: string;
  beforeEach(() => {
    prefix = `redress-test-${randomUUID()}`;
    queue = createQueue({ connection, prefix });
  });
  afterEach(async () => {
    await queue.close();
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  /** Adds a job under this id and lets a worker fail it for good. */
  async function failForGood(name: string, jobId: string, data: object): Promise<void> {
    const events = new QueueEvents(QUEUE_NAME, { connection, prefix });
    await events.waitUntilReady();
    const failed = new Promise<void>((resolve) => events.on('failed', () => resolve()));
    await queue.add(name, data, { jobId, attempts: 1 });
    const worker = new Worker(
      QUEUE_NAME,
      async () => {
        throw new Error('the store was away');
      },
      { connection, prefix },
    );
    await failed;
    await worker.close();
    await events.close();
    expect(await queue.getJobState(jobId)).toBe('failed');
  }

  it('is a deadline timer the next reconcile puts back', async () => {
    const policy = testPolicy();
    const store = testStore();
    const { case: c } = await store.create(aCase(), '202611');
    const acknowledge = c.deadlines.find((d) => d.kind === 'acknowledge');
    if (!acknowledge) throw new Error('a new case has an acknowledge deadline');
    const timer = timerOf(c, acknowledge);
    await failForGood('deadline', jobIds.deadline(timer), timer);

    const timers = queueTimers(queue, policy, () => new Date());
    const reconciled = await reconcileTimers({ store, timers, jobs: queueJobs(queue), policy })();

    expect(reconciled.created).toBe(c.deadlines.length);
    // Long past due, it wakes at once.
    expect(await timers.pending()).toContainEqual(timer);
    expect(await timers.failed()).toEqual([]);
  });

  it('is an announcement that can be owed again', async () => {
    await failForGood('announce', jobIds.announce('202611-0001'), { number: '202611-0001' });
    await queueJobs(queue).announce('202611-0001');
    expect(await queue.getJobState(jobIds.announce('202611-0001'))).toBe('waiting');
  });
});
