import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';

export interface Overdue {
  ids: string[];
  /** Every overdue job this installation's watchdog has found, since Redis last lost its data. */
  total: number;
}

/**
 * Finds delayed jobs more than `lateMs` past their time, which BullMQ should already have moved on (a known
 * class of stuck-delayed-job bugs), counts them, and promotes them so they run now.
 */
export async function promoteOverdue(
  queue: Queue,
  redis: Redis,
  now: number,
  lateMs: number,
): Promise<Overdue> {
  // BullMQ scores a delayed job by its due time × 0x1000 (its getDelayedScore.lua).
  const ids = await redis.zrangebyscore(queue.toKey('delayed'), 0, (now - lateMs) * 0x1000, 'LIMIT', 0, 1000);
  for (const id of ids) await (await queue.getJob(id))?.promote();
  const total = await redis.incrby(queue.toKey('watchdog-overdue'), ids.length);
  return { ids, total };
}
