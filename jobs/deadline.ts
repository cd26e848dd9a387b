import { DelayedError, type Job } from 'bullmq';
import type { fireDeadline } from '../src/app/fire-deadline.js';
import { deadlinePayload } from './queue.js';

/**
 * Processes `deadline`: sends what is due, then puts the same job back to sleep until the next step, so one
 * job id follows a deadline from warning to the top of the ladder.
 */
export const deadlineJob = (fire: ReturnType<typeof fireDeadline>) => async (job: Job, token?: string) => {
  const next = await fire(deadlinePayload.parse(job.data));
  if (!next) return;
  await job.moveToDelayed(next.getTime(), token);
  throw new DelayedError();
};
