import { type ConnectionOptions, Queue } from 'bullmq';
import { z } from 'zod';
import type { Jobs, Timers } from '../src/app/ports.js';
import type { Case, Deadline } from '../src/domain/case.js';
import { firstWakeUp } from '../src/domain/deadlines.js';
import type { Policy } from '../src/domain/policy.js';

/** The one queue of Redress; its jobs are told apart by name. */
export const QUEUE_NAME = 'redress';

export const announcePayload = z.object({ number: z.string() });
export const deadlinePayload = z.object({
  number: z.string(),
  kind: z.enum(['acknowledge', 'callback', 'resolve']),
  version: z.number().int().positive(),
});
export type DeadlinePayload = z.infer<typeof deadlinePayload>;

/** Job ids are deterministic, so adding the same job twice keeps one. BullMQ forbids `:` in them. */
export const jobIds = {
  announce: (number: string) => `announce.${number}`,
  deadline: (p: DeadlinePayload) => `deadline.${p.number}.${p.kind}.v${p.version}`,
};

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

/** Durable follow-up work on the queue. */
export function queueJobs(queue: Queue): Jobs {
  return {
    async announce(number) {
      await queue.add('announce', { number }, { jobId: jobIds.announce(number) });
    },
  };
}

/** Deadline timers as delayed jobs, one per (case, deadline, version). */
export function queueTimers(queue: Queue, policy: Policy, now: () => Date): Timers {
  const payload = (c: Case, d: Deadline): DeadlinePayload => ({
    number: c.number,
    kind: d.kind,
    version: d.version,
  });
  return {
    async schedule(c, d) {
      const data = payload(c, d);
      const delay = Math.max(0, firstWakeUp(d, c.ladder, policy.deadlines).getTime() - now().getTime());
      await queue.add('deadline', data, { jobId: jobIds.deadline(data), delay });
    },
    async cancel(c, d) {
      // A job that is running right now cannot be removed; it reloads the case and finds nothing to do.
      await queue.remove(jobIds.deadline(payload(c, d)));
    },
  };
}
