import type { Job } from 'bullmq';
import type { announceCase } from '../src/app/announce-case.js';
import { announcePayload } from './queue.js';

/** Processes `announce`: the card, the owner's message, the GM's for a major case, and the timers. */
export const announceCaseJob = (announce: ReturnType<typeof announceCase>) => async (job: Job) => {
  await announce(announcePayload.parse(job.data).number);
};

/** Processes `follow-rejection`: the new major case that follows a rejected one, opened and linked once. */
export const followRejectionJob = (follow: (number: string) => Promise<void>) => async (job: Job) => {
  await follow(announcePayload.parse(job.data).number);
};
