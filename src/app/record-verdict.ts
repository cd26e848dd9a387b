import type { Verdict } from '../domain/case.js';
import { owesFollower } from '../domain/case.js';
import { recordVerdict } from '../domain/transitions.js';
import type { CaseStore, Chat, Clock, Jobs, MessageRef } from './ports.js';
import { type Outcome, transact } from './transact.js';

/**
 * Records the customer's verdict. A rejection closes the case; the new, linked major case that follows it is
 * opened by a durable job, so it is created exactly once whatever fails in between. Submitting the verdict
 * again on a rejected case still owed its follower asks for it again instead of being refused.
 */
export const recordVerdictOf =
  ({ store, chat, clock, jobs }: { store: CaseStore; chat: Chat; clock: Clock; jobs: Jobs }) =>
  async (number: string, actor: string, verdict: Verdict, pressedIn?: MessageRef): Promise<Outcome> => {
    const current = await store.get(number);
    if (current && owesFollower(current)) {
      await jobs.followRejection(number);
      return { kind: 'ok', before: current, case: current };
    }
    const outcome = await transact(store, number, (c) => recordVerdict(c, actor, verdict, clock.now()));
    if (outcome.kind !== 'ok') return outcome;
    if (owesFollower(outcome.case)) await jobs.followRejection(number);
    await chat.refresh(outcome.case, pressedIn);
    return outcome;
  };
