import { type Job, UnrecoverableError, Worker } from 'bullmq';
import { ZodError } from 'zod';
import { QUEUE_NAME, type QueueSettings } from './queue.js';

export type Processor = (job: Job, token?: string) => Promise<void>;

/** The worker: one processor per job name. */
export function startWorker(
  settings: QueueSettings,
  processors: Record<string, Processor>,
  lockMs: number,
  concurrency = 16,
): Worker {
  return new Worker(
    QUEUE_NAME,
    async (job, token) => {
      const process = processors[job.name];
      if (!process) throw new UnrecoverableError(`no processor for job ${job.name}`);
      try {
        await process(job, token);
      } catch (error) {
        // A payload that does not parse will not parse on a retry either.
        if (error instanceof ZodError)
          throw new UnrecoverableError(`bad ${job.name} payload: ${error.message}`);
        throw error;
      }
    },
    // A worker that dies holding jobs is noticed one lock period later, and its jobs run again.
    { ...settings, concurrency, lockDuration: lockMs, stalledInterval: lockMs },
  );
}
