import type { Redis } from 'ioredis';

/**
 * Who has opened their App Home lately: only their Home is published again when one of their cases changes, so
 * that a change costs no Slack call for people who never look there.
 */
export interface HomeReaders {
  opened(user: string): Promise<void>;
  /** Those of these people who opened their Home lately. */
  among(people: string[]): Promise<string[]>;
}

/** Someone who has not opened their Home for this long gets it afresh when they next open it. */
const REMEMBER_MS = 30 * 86_400_000;

/** Home readers remembered in Redis, shared by the web processes that see them open it and the workers. */
export function redisHomeReaders(redis: Redis, prefix: string): HomeReaders {
  const key = (user: string) => `${prefix}:home-opened:${user}`;
  return {
    async opened(user) {
      await redis.set(key(user), '1', 'PX', REMEMBER_MS);
    },
    async among(people) {
      if (people.length === 0) return [];
      const seen = await redis.mget(...people.map(key));
      return people.filter((_, i) => seen[i] !== null);
    },
  };
}
