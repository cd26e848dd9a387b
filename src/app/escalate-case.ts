import { escalate } from '../domain/transitions.js';
import type { CaseActionDeps } from './acknowledge-case.js';
import type { MessageRef } from './ports.js';
import { type Outcome, transact } from './transact.js';

/**
 * Someone on the ladder takes the case one rung up now; the person on that rung gets it with buttons. A button
 * carries the level it was shown at: pressed twice, or retried, it climbs once.
 */
export const escalateCase =
  ({ store, chat, clock }: Omit<CaseActionDeps, 'timers'>) =>
  async (
    number: string,
    actor: string,
    pressedIn?: MessageRef,
    pressedAtLevel?: number,
  ): Promise<Outcome> => {
    const outcome = await transact(store, number, (c) => escalate(c, actor, clock.now(), pressedAtLevel));
    if (outcome.kind !== 'ok') return outcome;
    const { to, key } = outcome.case.timeline.at(-1) ?? {};
    if (to && key) await chat.notify(to, { kind: 'escalated' }, outcome.case, key);
    await chat.refresh(outcome.case, pressedIn);
    return outcome;
  };
