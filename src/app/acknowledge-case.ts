import { timerOf } from '../domain/deadlines.js';
import { acknowledge } from '../domain/transitions.js';
import type { CaseStore, Chat, Clock, MessageRef, Timers } from './ports.js';
import { type Outcome, transact } from './transact.js';

export interface CaseActionDeps {
  store: CaseStore;
  chat: Chat;
  timers: Timers;
  clock: Clock;
}

/** The owner accepts the case: its acknowledge timer stops and the card shows it. */
export const acknowledgeCase =
  ({ store, chat, timers, clock }: CaseActionDeps) =>
  async (number: string, actor: string, pressedIn?: MessageRef): Promise<Outcome> => {
    const outcome = await transact(store, number, (c) => acknowledge(c, actor, clock.now()));
    if (outcome.kind !== 'ok') return outcome;
    const met = outcome.case.deadlines.find((d) => d.kind === 'acknowledge');
    if (met) await timers.cancel(timerOf(outcome.case, met));
    await chat.refresh(outcome.case, pressedIn);
    return outcome;
  };
