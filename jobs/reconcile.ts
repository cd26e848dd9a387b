import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { reconcileTimers } from '../src/app/reconcile-timers.js';
import type { Log } from '../src/log.js';
import { promoteOverdue } from './watchdog.js';

/** Processes `reconcile`: timers in Redis made to match the deadlines in the store. */
export const reconcileJob = (reconcile: ReturnType<typeof reconcileTimers>, log: Log) => async () => {
  const { skipped, ...counts } = await reconcile();
  if (skipped.length > 0)
    log.error({ cases: skipped }, 'deadlines that cannot be planned; these cases were skipped');
  if (counts.created + counts.removed + counts.announced > 0)
    log.warn(counts, 'reconciled timers with the store');
};

/** Processes `watchdog`: delayed jobs stuck past their time are logged, counted and run. */
export const watchdogJob = (queue: Queue, redis: Redis, lateMs: number, log: Log) => async () => {
  const overdue = await promoteOverdue(queue, redis, Date.now(), lateMs);
  if (overdue.ids.length > 0) {
    log.warn({ jobs: overdue.ids, total: overdue.total }, 'delayed jobs overdue by more than %d ms', lateMs);
  }
};
