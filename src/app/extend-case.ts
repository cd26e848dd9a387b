import { timedDeadlines, timerOf } from '../domain/deadlines.js';
import type { Policy } from '../domain/policy.js';
import { type Extension, extend } from '../domain/transitions.js';
import type { CaseActionDeps } from './acknowledge-case.js';
import type { MessageRef } from './ports.js';
import { type Outcome, transact } from './transact.js';

/** Need more time: the deadlines move to the promised time; the old timers stop and new ones start. */
export const extendCase =
  ({ store, chat, timers, clock, policy }: CaseActionDeps & { policy: Policy }) =>
  async (number: string, actor: string, extension: Extension, pressedIn?: MessageRef): Promise<Outcome> => {
    const outcome = await transact(store, number, (c) => extend(c, actor, extension, clock.now()));
    if (outcome.kind !== 'ok') return outcome;
    const { before, case: after } = outcome;
    for (const d of before.deadlines) {
      if (after.deadlines.some((moved) => moved.kind === d.kind && moved.version !== d.version)) {
        await timers.cancel(timerOf(before, d));
      }
    }
    for (const d of timedDeadlines(after, policy.deadlines)) await timers.schedule(after, d);
    await chat.refresh(after, pressedIn);
    return outcome;
  };
