import { Queue } from 'bullmq';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkRedisSettings } from '../../jobs/redis-settings.js';
import { promoteOverdue } from '../../jobs/watchdog.js';
import type { SlackCall } from '../support/fake-slack.js';
import { type Harness, people, startHarness, testPolicy } from '../support/harness.js';
import { type OwnRedis, startOwnRedis } from '../support/redis-server.js';
import { settled } from '../support/settle.js';

const isPing = (c: SlackCall) =>
  c.method === 'chat.postMessage' && /Reminder|due now|escalated to you/.test(String(c.args.text));
const pingOf = (c: SlackCall) =>
  `${String(c.args.channel)} ${String(c.args.text).replace(/<!date[^>]+>/, 'DATE')}`;

describe('timers survive Redis losing them', () => {
  let h: Harness;
  let redis: OwnRedis;
  afterEach(async () => {
    await h.close();
    await redis.stop();
  });

  it('puts every timer back within one reconcile period after FLUSHALL, and doubles no ping', async () => {
    redis = await startOwnRedis();
    const period = 2000;
    // Warned at 1.5 s, nudged at 3 s, then manager, CS manager and GM at 4, 5 and 6 s.
    h = await startHarness(testPolicy({ acknowledge: 3000, warnAt: 0.5, grace: 1000 }), {
      REDIS_URL: redis.url,
      RECONCILE_EVERY: period,
    });
    const cases = await Promise.all([1, 2, 3, 4, 5].map(() => h.register()));
    await h.slack.waitFor((c) => /Reminder/.test(String(c.args.text)), cases.length);

    await redis.admin.flushall();
    const flushedAt = Date.now();
    const [firstAfter] = await h.slack.waitFor((c) => isPing(c) && c.at > flushedAt, 1, 15_000);
    // Put back by the first check after the flush, at most a period later; what that check starts (the
    // reconcile, the timers due by then, their messages) may take a loaded machine up to another period.
    expect((firstAfter?.at ?? Infinity) - flushedAt).toBeLessThan(2 * period);

    await h.slack.waitFor((c) => isPing(c) && c.args.channel === people.gm, cases.length, 15_000);
    await settled(h); // every chain is over and all it queued has left: a ping sent twice would be here
    const expected = cases.flatMap((c) => [
      `${people.owner} Reminder: Acknowledge for ${c.number} is due DATE.`,
      `${people.owner} Acknowledge for ${c.number} is due now.`,
      `${people.manager} Complaint ${c.number} has been escalated to you.`,
      `${people.csManager} Complaint ${c.number} has been escalated to you.`,
      `${people.gm} Complaint ${c.number} has been escalated to you.`,
    ]);
    expect(h.slack.calls.filter(isPing).map(pingOf).sort()).toEqual(expected.sort());
  });
});

describe('the watchdog', () => {
  let redis: OwnRedis;
  beforeEach(async () => {
    redis = await startOwnRedis();
  });
  afterEach(async () => {
    await redis.stop();
  });

  it('finds delayed jobs stuck past their time, counts them and runs them', async () => {
    const queue = new Queue('watchdog-test', { connection: redis.admin, prefix: 'wd' });
    await queue.add('late', {}, { jobId: 'late', delay: 3600_000 });
    await queue.add('on-time', {}, { jobId: 'on-time', delay: 3600_000 });
    // Make `late` look due two minutes ago, as a stuck delayed job would.
    await redis.admin.zadd('wd:watchdog-test:delayed', (Date.now() - 120_000) * 0x1000, 'late');
    const overdue = await promoteOverdue(queue, redis.admin, Date.now(), 60_000);
    expect(overdue).toEqual({ ids: ['late'], total: 1 });
    expect(await (await queue.getJob('late'))?.getState()).toBe('waiting');
    expect(await (await queue.getJob('on-time'))?.getState()).toBe('delayed');
    expect((await promoteOverdue(queue, redis.admin, Date.now(), 60_000)).total).toBe(1);
    await queue.close();
  });
});

describe('Redis settings at start-up', () => {
  it('warns when Redis may evict keys, and not when it may not', async () => {
    const redis = await startOwnRedis();
    const lines: string[] = [];
    const log = pino({ level: 'warn' }, { write: (line: string) => lines.push(line) });
    await redis.admin.config('SET', 'maxmemory-policy', 'allkeys-lru');
    await checkRedisSettings(redis.admin, log);
    await redis.admin.config('SET', 'maxmemory-policy', 'noeviction');
    await checkRedisSettings(redis.admin, log);
    await redis.stop();
    expect(lines.map((line) => JSON.parse(line).msg)).toEqual([
      'Redis maxmemory-policy is "allkeys-lru": set it to noeviction, or timers can be evicted',
    ]);
  });
});
