import type { Case } from '../domain/case.js';
import { monthKey } from '../domain/case-number.js';
import { classifyRepeat } from '../domain/classify.js';
import type { Complaint } from '../domain/complaint.js';
import type { Policy } from '../domain/policy.js';
import { registerCase } from '../domain/register.js';
import type { CaseStore, Clock, Jobs } from './ports.js';

export interface OpenCaseDeps {
  store: CaseStore;
  jobs: Pick<Jobs, 'announce'>;
  clock: Clock;
  policy: Policy;
}

/**
 * Registers a complaint and numbers it; the card, messages and timers follow in a durable job. A submission
 * that was stored before gives back its case.
 */
export const openCase =
  ({ store, jobs, clock, policy }: OpenCaseDeps) =>
  async (complaint: Complaint, from: { receiver: string; submissionKey: string }): Promise<Case> => {
    const now = clock.now();
    const since = new Date(now.getTime() - policy.repeatWindow);
    const latest =
      policy.repeatWindow > 0 ? await store.latestOfCustomer(complaint.customerPhone, since) : null;
    const classified = classifyRepeat(complaint, latest);
    const draft = registerCase(classified.complaint, { ...from, now, policy, repeat: classified.repeat });
    const { case: stored, created } = await store.create(draft, monthKey(now, policy.timezone));
    if (created && stored.repeat) await store.linkRepeat(stored.repeat.of, stored.number);
    // Also for a case stored before: if the first delivery died before this line, its announcement is owed.
    await jobs.announce(stored.number);
    return stored;
  };
