import { type ConnectionOptions, type JobsOptions, Queue } from 'bullmq';
import { z } from 'zod';
import type { Jobs, Timers } from '../src/app/ports.js';
import { type DeadlineTimer, nextWakeUp, timerOf } from '../src/domain/deadlines.js';
import type { Policy } from '../src/domain/policy.js';

/** The one queue of Redress; its jobs are told apart by name. */
export const QUEUE_NAME = 'redress';

export const announcePayload = z.object({ number: z.string() });
export const deadlinePayload = z.object({
  number: z.string(),
  kind: z.enum(['acknowledge', 'callback', 'resolve']),
  version: z.number().int().positive(),
});
export type DeadlinePayload = DeadlineTimer;

/** Job ids are deterministic, so adding the same job twice keeps one. BullMQ forbids `:` in them. */
export const jobIds = {
  announce: (number: string) => `announce.${number}`,
  followRejection: (number: string) => `follow-rejection.${number}`,
  deadline: (t: DeadlineTimer) => `deadline.${t.number}.${t.kind}.v${t.version}`,
};

/** The timer a deadline job id names; null for any other job. */
export function timerOfJob(jobId: string): DeadlineTimer | null {
  const match = /^deadline\.(.+)\.(acknowledge|callback|resolve)\.v(\d+)$/.exec(jobId);
  if (!match) return null;
  const [, number = '', kind, version] = match;
  return { number, kind: kind as DeadlineTimer['kind'], version: Number(version) };
}

/** Job states in which a timer is still going to fire. */
const PENDING_STATES = ['delayed', 'wait', 'active', 'prioritized'] as const;

export interface QueueSettings {
  connection: ConnectionOptions;
  prefix: string;
}

export function createQueue({ connection, prefix }: QueueSettings): Queue {
  return new Queue(QUEUE_NAME, {
    connection,
    prefix,
    defaultJobOptions: {
      attempts: 8,
      backoff: { type: 'exponential', delay: 1000 },
      removeOnComplete: true,
      removeOnFail: { age: 7 * 24 * 3600 },
    },
  });
}

/**
 * Adds a job under its deterministic id. BullMQ keeps a job that used up its attempts in the failed set (for
 * `removeOnFail`) and adds nothing under its id meanwhile; such a job is removed first, so that the work it
 * stands for can be tried again.
 */
export async function addAnew(
  queue: Queue,
  name: string,
  data: object,
  opts: JobsOptions & { jobId: string },
): Promise<void> {
  if ((await queue.getJobState(opts.jobId)) === 'failed') await queue.remove(opts.jobId);
  await queue.add(name, data, opts);
}

/** Durable follow-up work on the queue. */
export function queueJobs(queue: Queue): Jobs {
  return {
    async announce(number) {
      await addAnew(queue, 'announce', { number }, { jobId: jobIds.announce(number) });
    },
    async followRejection(number) {
      await addAnew(queue, 'follow-rejection', { number }, { jobId: jobIds.followRejection(number) });
    },
    async intake(submission) {
      // Tried every 5 s for a day: as long as the store stays away, the submission waits.
      await queue.add('intake', submission, {
        jobId: `intake.${submission.submissionKey}`,
        attempts: 17_280,
        backoff: { type: 'fixed', delay: 5000 },
      });
    },
  };
}

/** Deadline timers as delayed jobs, one per (case, deadline, version). */
export function queueTimers(queue: Queue, policy: Policy, now: () => Date): Timers {
  return {
    async schedule(c, d) {
      const wake = nextWakeUp(c, d, policy.deadlines);
      if (!wake) return;
      const timer = timerOf(c, d);
      await queue.add('deadline', timer, {
        jobId: jobIds.deadline(timer),
        delay: Math.max(0, wake.getTime() - now().getTime()),
      });
    },
    async cancel(timer) {
      // A job that is running right now cannot be removed; it reloads the case and finds nothing to do.
      await queue.remove(jobIds.deadline(timer));
    },
    async pending() {
      const ids = await queue.getRanges([...PENDING_STATES], 0, -1);
      return ids.map(timerOfJob).filter((t) => t !== null);
    },
    async failed() {
      const ids = await queue.getRanges(['failed'], 0, -1);
      return ids.map(timerOfJob).filter((t) => t !== null);
    },
  };
}
