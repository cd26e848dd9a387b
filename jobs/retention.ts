import type { Job } from 'bullmq';
import type { CaseStore } from '../src/app/ports.js';
import type { Policy } from '../src/domain/policy.js';
import type { Log } from '../src/log.js';
import { scheduledTime } from './report.js';

/**
 * Processes `retention`: the customer's name and phone of every case closed longer ago than the policy's
 * `retention` are forgotten (003: records are kept for a time, personal data not for ever).
 */
export const retentionJob =
  ({ store, policy, log }: { store: CaseStore; policy: Policy; log: Log }) =>
  async (job: Job) => {
    const now = scheduledTime(job);
    const count = await store.anonymiseClosedBefore(new Date(now.getTime() - policy.retention), now);
    if (count > 0) log.info({ count }, 'anonymised closed cases past their retention time');
  };
