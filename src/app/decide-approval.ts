import { decideApproval } from '../domain/transitions.js';
import { approverOf } from '../domain/visibility.js';
import type { CaseDeps, MessageRef } from './ports.js';
import { stopTimers } from './resolve-case.js';
import { sendOnce } from './send-once.js';
import { tellOutcome } from './tell-outcome.js';
import { type Outcome, transact } from './transact.js';

/**
 * The GM (or, on a complaint about the GM, the policy's stand-in) approves a compensation (the case is resolved)
 * or rejects it (the owner is told to try another way).
 */
export const decideApprovalOf =
  (deps: CaseDeps) =>
  (approved: boolean) =>
  async (number: string, actor: string, pressedIn?: MessageRef): Promise<Outcome> => {
    const { store, chat, clock, policy } = deps;
    const outcome = await transact(store, number, (c) =>
      decideApproval(c, actor, approved, approverOf(c, policy), clock.now()),
    );
    if (outcome.kind !== 'ok') return outcome;
    const { before, case: after } = outcome;
    if (approved) {
      await stopTimers(deps, before, after);
      await tellOutcome(deps, after, actor);
    } else {
      const key = `approval-rejected.${after.timeline.length}`;
      const entry = { at: clock.now(), by: 'system', type: 'owner-notified' as const, to: after.owner, key };
      await sendOnce(store, after, entry, (k) =>
        chat.notify(after.owner, { kind: 'approval_rejected' }, after, k),
      );
    }
    await chat.refresh(after, pressedIn);
    return outcome;
  };
