import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { QUEUE_NAME } from '../../jobs/queue.js';

/** Polls until `condition` gives something truthy and returns it; fails naming what it waited for. */
export async function until<T>(
  condition: () => T | Promise<T>,
  what: string,
  timeoutMs = 10_000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for ${what}`);
    await sleep(25);
  }
}

/** Job ids of what waits for its time by design: deadline timers and the job schedulers' next runs. */
const TIMER = /^(deadline\.|repeat:)/;

/**
 * Work the queue has now, read in one transaction: jobs waiting, running, or due, delayed jobs that are not
 * timers (a delivery waiting out the pace or a 429, a retry), and messages waiting in an outbox or a digest.
 */
async function workLeft(redis: Redis, prefix: string): Promise<string[]> {
  const q = `${prefix}:${QUEUE_NAME}`;
  const replies = await redis
    .multi()
    .llen(`${q}:wait`)
    .llen(`${q}:paused`)
    .llen(`${q}:active`)
    .zcard(`${q}:prioritized`)
    .zrange(`${q}:delayed`, '0', '-1', 'WITHSCORES')
    .keys(`${prefix}:outbox:*`)
    .keys(`${prefix}:gathered:*`)
    .exec();
  if (!replies) throw new Error('the transaction was aborted');
  const [wait, paused, active, prioritized, delayed, mailboxes, gathered] = replies.map(([error, reply]) => {
    if (error) throw error;
    return reply;
  }) as [number, number, number, number, string[], string[], string[]];
  const now = Date.now();
  const due: string[] = [];
  for (let i = 0; i < delayed.length; i += 2) {
    const id = delayed[i] ?? '';
    // BullMQ scores a delayed job by its due time × 0x1000.
    if (!TIMER.test(id) || Number(delayed[i + 1]) / 0x1000 <= now) due.push(id);
  }
  const counts = { wait, paused, active, prioritized };
  return [
    ...Object.entries(counts)
      .filter(([, n]) => n > 0)
      .map(([state, n]) => `${n} ${state}`),
    ...due.map((id) => `delayed ${id}`),
    ...[...mailboxes, ...gathered].map((key) => key.slice(prefix.length + 1)),
  ];
}

/**
 * Waits until the worker has nothing left to do now, so that a test can say nothing more is coming: every
 * job run, every message delivered. Timers due later do not count, so use it when no timer is due meanwhile;
 * and only once what the test did has shown an effect (a button's work starts after its answer).
 */
export async function settled(h: { env: { REDIS_URL: string; REDIS_PREFIX: string } }, timeoutMs = 20_000) {
  const redis = new Redis(h.env.REDIS_URL, { maxRetriesPerRequest: null });
  try {
    let left: string[] = [];
    await until(
      async () => {
        left = await workLeft(redis, h.env.REDIS_PREFIX);
        return left.length === 0;
      },
      'the worker to settle',
      timeoutMs,
    ).catch((error: Error) => {
      throw new Error(`${error.message}; left: ${left.join(', ')}`);
    });
  } finally {
    redis.disconnect();
  }
}
