import { timedDeadlines } from '../domain/deadlines.js';
import { reopen } from '../domain/transitions.js';
import type { CaseDeps, MessageRef } from './ports.js';
import { type Outcome, transact } from './transact.js';

/** Reopens a case with a reason: fresh deadlines from now, and timers for them. */
export const reopenCase =
  ({ store, chat, timers, clock, policy }: CaseDeps) =>
  async (number: string, actor: string, reason: string, pressedIn?: MessageRef): Promise<Outcome> => {
    const outcome = await transact(store, number, (c) => reopen(c, actor, reason, clock.now(), policy));
    if (outcome.kind !== 'ok') return outcome;
    for (const d of timedDeadlines(outcome.case, policy.deadlines)) await timers.schedule(outcome.case, d);
    await chat.refresh(outcome.case, pressedIn);
    return outcome;
  };
