import type { Redis } from 'ioredis';
import type { Requests } from '../src/app/ports.js';

/** Slack retries a request for at most a few minutes; an hour is long past its last retry. */
const REMEMBER_MS = 3_600_000;

/** Requests acted on, remembered in Redis so that every web process recognises a retry of one. */
export function redisRequests(redis: Redis, prefix: string): Requests {
  return {
    async firstTime(id) {
      return (await redis.set(`${prefix}:requests:${id}`, '1', 'PX', REMEMBER_MS, 'NX')) === 'OK';
    },
  };
}
