import { type Job, UnrecoverableError, Worker } from 'bullmq';
import { QUEUE_NAME, type QueueSettings } from './queue.js';

export type Processor = (job: Job, token?: string) => Promise<void>;

/** The worker: one processor per job name. */
export function startWorker(
  settings: QueueSettings,
  processors: Record<string, Processor>,
  concurrency = 16,
): Worker {
  return new Worker(
    QUEUE_NAME,
    async (job, token) => {
      const process = processors[job.name];
      if (!process) throw new UnrecoverableError(`no processor for job ${job.name}`);
      await process(job, token);
    },
    { ...settings, concurrency },
  );
}
