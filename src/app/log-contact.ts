import { timerOf } from '../domain/deadlines.js';
import { type Contact, logContact } from '../domain/transitions.js';
import type { CaseActionDeps } from './acknowledge-case.js';
import type { MessageRef } from './ports.js';
import { type Outcome, transact } from './transact.js';

/** Logs a contact with the customer; a major case's callback deadline is met by the first, and its timer stops. */
export const logContactWith =
  ({ store, chat, timers, clock }: CaseActionDeps) =>
  async (number: string, actor: string, contact: Contact, pressedIn?: MessageRef): Promise<Outcome> => {
    const outcome = await transact(store, number, (c) => logContact(c, actor, contact, clock.now()));
    if (outcome.kind !== 'ok') return outcome;
    const callback = outcome.before.deadlines.find((d) => d.kind === 'callback' && !d.metAt);
    if (callback) await timers.cancel(timerOf(outcome.case, callback));
    await chat.refresh(outcome.case, pressedIn);
    return outcome;
  };
