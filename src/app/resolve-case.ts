import type { Case } from '../domain/case.js';
import { openDeadlines, timerOf } from '../domain/deadlines.js';
import { waitsForApproval } from '../domain/payment.js';
import { type Resolution, requestApproval, resolve } from '../domain/transitions.js';
import { approverOf } from '../domain/visibility.js';
import type { CaseActionDeps } from './acknowledge-case.js';
import type { CaseDeps, MessageRef } from './ports.js';
import { sendOnce } from './send-once.js';
import { tellOutcome } from './tell-outcome.js';
import { type Outcome, transact } from './transact.js';

/** Every timer of a case that was just resolved stops. */
export async function stopTimers(
  { timers }: Pick<CaseActionDeps, 'timers'>,
  before: Case,
  after: Case,
): Promise<void> {
  for (const d of openDeadlines(before)) await timers.cancel(timerOf(after, d));
}

/**
 * The owner or a manager records what was done: every timer of the case stops. A compensation above the
 * policy's threshold goes to the GM for approval first; the case stays open until the GM decides.
 */
export const resolveCase =
  (deps: CaseDeps) =>
  async (number: string, actor: string, how: Resolution, pressedIn?: MessageRef): Promise<Outcome> => {
    const { store, chat, clock, policy } = deps;
    const needsApproval = waitsForApproval(how, policy.compensationApproval);
    const outcome = await transact(store, number, (c) =>
      needsApproval
        ? requestApproval(
            c,
            actor,
            { amount: how.amount ?? 0, text: how.text, action: how.action },
            clock.now(),
          )
        : resolve(c, actor, how.text, clock.now(), how),
    );
    if (outcome.kind !== 'ok') return outcome;
    const approver = approverOf(outcome.case, policy);
    if (needsApproval && approver) {
      const after = outcome.case;
      const key = `approval.${after.timeline.length}`;
      const entry = { at: clock.now(), by: 'system', type: 'gm-informed' as const, to: approver, key };
      await sendOnce(store, after, entry, (k) =>
        chat.notify(approver, { kind: 'approval', amount: how.amount ?? 0 }, after, k),
      );
    } else if (!needsApproval) {
      await stopTimers(deps, outcome.before, outcome.case);
      await tellOutcome(deps, outcome.case, actor);
    }
    await chat.refresh(outcome.case, pressedIn);
    return outcome;
  };
