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

/** Who registers a complaint, under which submission, and the rejected case it follows, if it follows one. */
export interface Origin {
  receiver: string;
  submissionKey: string;
  /** A case the customer rejected: the new one follows it, linked to it, and is no repeat of it. */
  followUpOf?: string;
}

/**
 * Registers a complaint and numbers it; the card, messages and timers follow in a durable job. A submission
 * that was stored before gives back its case. A customer with another case within `repeatWindow` makes it a
 * repeat, unless the customer is anonymous or the case follows a rejected one.
 */
export const openCase =
  ({ store, jobs, clock, policy }: OpenCaseDeps) =>
  async (complaint: Complaint, { followUpOf, ...from }: Origin): Promise<Case> => {
    const now = clock.now();
    const since = new Date(now.getTime() - policy.repeatWindow);
    const phone = complaint.customerPhone;
    const repeats = policy.repeatWindow > 0 && phone !== '' && !followUpOf;
    const latest = repeats ? await store.latestOfCustomer(phone, since) : null;
    const classified = classifyRepeat(complaint, latest);
    const registered = registerCase(classified.complaint, {
      ...from,
      now,
      policy,
      repeat: classified.repeat,
    });
    const draft = followUpOf ? { ...registered, rejectionOf: followUpOf } : registered;
    const { case: stored, created } = await store.create(draft, monthKey(now, policy.timezone));
    if (created && stored.repeat) await store.linkRepeat(stored.repeat.of, stored.number);
    // Also for a case stored before: if the first delivery died before this line, its announcement is owed.
    await jobs.announce(stored.number);
    return stored;
  };
