import { openDeadlines, timerOf } from '../domain/deadlines.js';
import { resolve } from '../domain/transitions.js';
import type { CaseActionDeps } from './acknowledge-case.js';
import type { MessageRef } from './ports.js';
import { type Outcome, transact } from './transact.js';

/** The owner or a manager records what was done: every timer of the case stops. */
export const resolveCase =
  ({ store, chat, timers, clock }: CaseActionDeps) =>
  async (number: string, actor: string, resolution: string, pressedIn?: MessageRef): Promise<Outcome> => {
    const outcome = await transact(store, number, (c) => resolve(c, actor, resolution, clock.now()));
    if (outcome.kind !== 'ok') return outcome;
    for (const d of openDeadlines(outcome.before)) await timers.cancel(timerOf(outcome.case, d));
    await chat.refresh(outcome.case, pressedIn);
    return outcome;
  };
