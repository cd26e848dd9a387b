import type { Job } from 'bullmq';
import { z } from 'zod';
import type { openQueuedCase } from '../src/app/open-queued-case.js';
import { complaintSchema } from '../src/domain/complaint.js';
import type { Policy } from '../src/domain/policy.js';

/** Processes `intake`: a submission parked while the store was away is stored, and its reporter told. */
export const intakeJob = (openQueued: ReturnType<typeof openQueuedCase>, policy: Policy) => {
  const payload = z.object({
    complaint: complaintSchema(policy),
    receiver: z.string(),
    submissionKey: z.string(),
  });
  return async (job: Job) => {
    await openQueued(payload.parse(job.data));
  };
};
