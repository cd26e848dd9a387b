import type { RootCause } from '../domain/case.js';
import type { Policy } from '../domain/policy.js';
import { recordRootCause } from '../domain/transitions.js';
import type { CaseActionDeps } from './acknowledge-case.js';
import type { MessageRef } from './ports.js';
import { type Outcome, transact } from './transact.js';

/** Records the root cause and corrective action; the card shows them, and whether the fix waits for verifying. */
export const recordRootCauseOf =
  ({ store, chat, clock, policy }: Omit<CaseActionDeps, 'timers'> & { policy: Pick<Policy, 'verifyFix'> }) =>
  async (number: string, actor: string, rootCause: RootCause, pressedIn?: MessageRef): Promise<Outcome> => {
    const outcome = await transact(store, number, (c) =>
      recordRootCause(c, actor, rootCause, clock.now(), policy.verifyFix),
    );
    if (outcome.kind === 'ok') await chat.refresh(outcome.case, pressedIn);
    return outcome;
  };
