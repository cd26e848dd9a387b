import type { Job } from 'bullmq';
import type { announceCase } from '../src/app/announce-case.js';
import { announcePayload } from './queue.js';

/** Processes `announce`: the card, the owner's message, the GM's for a major case, and the timers. */
export const announceCaseJob = (announce: ReturnType<typeof announceCase>) => async (job: Job) => {
  await announce(announcePayload.parse(job.data).number);
};
