import type { Redis } from 'ioredis';
import type { LookupLimit } from '../src/app/ports.js';

const WINDOW_MS = 60_000;
/** Plenty for a person at work; a script trying numbers one by one is stopped within a minute. */
export const DEFAULT_LOOKUPS_PER_MINUTE = 20;

/**
 * Lookups per person and minute, counted in Redis so that every web process shares the count: enough to work,
 * too few to recover a customer's details by trying number after number.
 */
export function redisLookupLimit(redis: Redis, prefix: string, perMinute: number): LookupLimit {
  return {
    async take(user) {
      const key = `${prefix}:lookups:${user}:${Math.floor(Date.now() / WINDOW_MS)}`;
      const [[, count] = []] = (await redis.multi().incr(key).pexpire(key, WINDOW_MS).exec()) ?? [];
      return Number(count) <= perMinute;
    },
  };
}
