import type { Redis } from 'ioredis';
import type { Log } from '../src/log.js';

/** Warns when Redis may evict keys: an evicted key is a lost deadline. */
export async function checkRedisSettings(redis: Redis, log: Log): Promise<void> {
  try {
    const [, policy] = (await redis.config('GET', 'maxmemory-policy')) as [string, string];
    if (policy !== 'noeviction') {
      log.warn(
        { policy },
        'Redis maxmemory-policy is "%s": set it to noeviction, or timers can be evicted',
        policy,
      );
    }
  } catch (error) {
    log.warn({ err: error }, 'could not read Redis maxmemory-policy; make sure it is noeviction');
  }
}
