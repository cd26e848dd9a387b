import type { Case } from '../domain/case.js';
import { owesFollower } from '../domain/case.js';
import type { openCase } from './open-case.js';
import type { CaseStore, Chat } from './ports.js';

/** The rejected case's complaint, again, as a major one (class 2 at least) for the GM. */
const complaintAgain = (c: Case) => ({
  customerName: c.customer.name,
  customerPhone: c.customer.phone,
  summary: c.summary,
  demand: c.demand ?? '',
  ...(c.address ? { address: c.address } : {}),
  ...(c.evidence ? { evidence: c.evidence } : {}),
  ...(c.recurrence ? { recurrence: true } : {}),
  category: c.category,
  class: c.class === 1 ? (2 as const) : c.class,
  channel: c.channel,
  department: c.department,
  compensation: c.compensation,
  ...(c.respondent ? { respondent: c.respondent } : {}),
});

/**
 * Opens the new major case that follows a rejected one (需要重新产生一个投诉意见) and links the two. Safe to
 * repeat: the follower is keyed by the rejected case, so a retry finds the one opened before.
 */
export const followRejection =
  ({ store, chat, open }: { store: CaseStore; chat: Chat; open: ReturnType<typeof openCase> }) =>
  async (number: string): Promise<void> => {
    const rejected = await store.get(number);
    if (!rejected || !owesFollower(rejected)) return;
    const verdictBy = rejected.timeline.findLast((e) => e.type === 'verdict')?.by ?? rejected.owner;
    const follower = await open(complaintAgain(rejected), {
      receiver: verdictBy,
      submissionKey: `rejection.${number}`,
      followUpOf: number,
    });
    await store.linkRejection(number, follower.number);
    const linked = await store.get(number);
    if (linked) await chat.refresh(linked);
  };
