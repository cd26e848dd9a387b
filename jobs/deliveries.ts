import type { Redis } from 'ioredis';
import type { MessageRef } from '../src/app/ports.js';
import { scripts } from './scripts.js';

/** What the chat adapter delivered of a case: where its card is, and how many timeline entries its thread tells. */
export interface Delivered {
  card?: MessageRef;
  threaded?: number;
}

/**
 * The chat adapter's own record of a case's messages, apart from the case: a delivery never raises the case's
 * revision, so it never makes a person's change to the case fail and try again.
 */
export interface Deliveries {
  of(number: string): Promise<Delivered>;
  /** Remembers where the case's card was posted. */
  setCard(number: string, card: MessageRef): Promise<void>;
  /** Remembers how many timeline entries the card's thread tells; it only grows. */
  setThreaded(number: string, count: number): Promise<void>;
}

/**
 * Deliveries kept in Redis beside the outbox, one hash per case, shared by every worker. They must outlive a
 * restart (Redis with AOF, as the README asks): a card whose place is forgotten is no longer updated.
 */
export function redisDeliveries(redis: Redis, prefix: string): Deliveries {
  const key = (number: string) => `${prefix}:delivered:${number}`;
  return {
    async of(number) {
      const { card, threaded } = await redis.hgetall(key(number));
      return {
        ...(card ? { card: card as MessageRef } : {}),
        ...(threaded ? { threaded: Number(threaded) } : {}),
      };
    },
    async setCard(number, card) {
      await redis.hset(key(number), 'card', card);
    },
    async setThreaded(number, count) {
      await redis.eval(scripts.raiseField, 1, key(number), 'threaded', count);
    },
  };
}
