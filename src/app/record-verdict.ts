import type { Case, Verdict } from '../domain/case.js';
import { recordVerdict } from '../domain/transitions.js';
import type { CaseActionDeps } from './acknowledge-case.js';
import type { openCase } from './open-case.js';
import type { MessageRef } from './ports.js';
import { type Outcome, transact } from './transact.js';

/** The rejected case's complaint, again, as a major one (class 2 at least) for the GM. */
const complaintAgain = (c: Case) => ({
  customerName: c.customer.name,
  customerPhone: c.customer.phone,
  summary: c.summary,
  category: c.category,
  class: c.class === 1 ? (2 as const) : c.class,
  channel: c.channel,
  department: c.department,
  compensation: c.compensation,
  ...(c.respondent ? { respondent: c.respondent } : {}),
});

/**
 * Records the customer's verdict. A rejection closes the case and opens a new, linked major case, which
 * the GM is told of at once like any major case.
 */
export const recordVerdictOf =
  ({ store, chat, clock, open }: Omit<CaseActionDeps, 'timers'> & { open: ReturnType<typeof openCase> }) =>
  async (number: string, actor: string, verdict: Verdict, pressedIn?: MessageRef): Promise<Outcome> => {
    const outcome = await transact(store, number, (c) => recordVerdict(c, actor, verdict, clock.now()));
    if (outcome.kind !== 'ok') return outcome;
    if (!verdict.accepted) {
      // Keyed by the rejected case, so a retry opens no second follower.
      const follower = await open(complaintAgain(outcome.case), {
        receiver: actor,
        submissionKey: `rejection.${number}`,
      });
      await store.linkRejection(number, follower.number);
    }
    const latest = (await store.get(number)) ?? outcome.case;
    await chat.refresh(latest, pressedIn);
    return { ...outcome, case: latest };
  };
