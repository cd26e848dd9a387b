import type { Case } from '../domain/case.js';
import type { Complaint } from '../domain/complaint.js';
import type { openCase } from './open-case.js';
import type { Jobs } from './ports.js';

/** How long the form waits for the store before it answers without a number: Slack gives 3 seconds. */
export const STORE_PATIENCE_MS = 2000;

export type Registration = { kind: 'stored'; case: Case } | { kind: 'queued' };

export interface Submission {
  complaint: Complaint;
  receiver: string;
  submissionKey: string;
}

/**
 * Opens the case now if the store answers in time; otherwise parks the submission in a durable queue that
 * stores it once the store is back and then tells the reporter the number. Nothing typed is lost.
 */
export const registerComplaint =
  ({
    open,
    jobs,
    patienceMs = STORE_PATIENCE_MS,
  }: {
    open: ReturnType<typeof openCase>;
    jobs: Jobs;
    patienceMs?: number;
  }) =>
  async ({ complaint, receiver, submissionKey }: Submission): Promise<Registration> => {
    const opening = open(complaint, { receiver, submissionKey });
    const timeout = new Promise<'timeout'>((resolve) => setTimeout(resolve, patienceMs, 'timeout').unref());
    try {
      const result = await Promise.race([opening, timeout]);
      if (result !== 'timeout') return { kind: 'stored', case: result };
    } catch {
      // The store refused: queued below, like a store that did not answer.
    }
    opening.catch(() => {}); // a late answer is welcome but no longer awaited; the queue stores it anyway
    await jobs.intake({ complaint, receiver, submissionKey });
    return { kind: 'queued' };
  };
