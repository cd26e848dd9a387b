import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MEMBER_LIMITS, paceWait, redisMemberPace } from '../../../src/chat/wecom/pace.js';

const prefix = `redress-test-${randomUUID()}`;
let redis: Redis;

beforeAll(() => {
  redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
});
afterAll(async () => {
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
});

describe('pacing messages to one member', () => {
  it('lets 30 go in a minute, and the 31st when the first leaves the minute', () => {
    const sent = Array.from({ length: 30 }, (_, i) => i * 1000);
    expect(paceWait(sent.slice(0, 29), 29_000)).toBe(0);
    expect(paceWait(sent, 30_000)).toBe(30_000);
    expect(paceWait(sent, 59_999)).toBe(1);
    expect(paceWait(sent, 60_000)).toBe(0);
  });

  it('lets 1000 go in an hour, however evenly they were spread', () => {
    // 1000 sends, 25 a minute: the minute is never full, the hour is.
    const sent = Array.from({ length: 1000 }, (_, i) => Math.floor(i / 25) * 60_000 + (i % 25) * 2000);
    const now = 40 * 60_000;
    expect(paceWait(sent, now)).toBe(3_600_000 - now);
    expect(paceWait(sent.slice(1), now)).toBe(0);
  });

  it('is the same rule in Redis, shared by every worker', async () => {
    const pace = redisMemberPace(redis, prefix);
    const member = `m-${randomUUID()}`;
    for (let i = 0; i < 30; i++) expect(await pace.take(member, 1_000 + i)).toBe(0);
    expect(await pace.take(member, 2_000)).toBe(59_000);
    expect(await pace.take(`${member}-other`, 2_000)).toBe(0);
    expect(await pace.take(member, 61_000)).toBe(0);
    expect(await redis.pttl(`${prefix}:wecom:pace:${member}`)).toBeGreaterThan(3_500_000);
    expect(MEMBER_LIMITS).toEqual([
      { count: 30, windowMs: 60_000 },
      { count: 1000, windowMs: 3_600_000 },
    ]);
  });

  it('decides in Redis as the pure rule does, whatever the attempts', async () => {
    const limits = [
      { count: 3, windowMs: 1_000 },
      { count: 5, windowMs: 10_000 },
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 2_000 }), { minLength: 1, maxLength: 40 }),
        async (gaps) => {
          const pace = redisMemberPace(redis, prefix, limits);
          const member = `p-${randomUUID()}`;
          const sent: number[] = [];
          let now = 0;
          for (const gap of gaps) {
            now += gap;
            const expected = paceWait(sent, now, limits);
            expect(await pace.take(member, now)).toBe(expected);
            if (expected === 0) sent.push(now);
            for (const { count, windowMs } of limits)
              expect(sent.filter((t) => t > now - windowMs).length).toBeLessThanOrEqual(count);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
