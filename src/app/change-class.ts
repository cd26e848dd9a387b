import { changeClass } from '../domain/transitions.js';
import { informManagers } from './inform-managers.js';
import type { CaseDeps, MessageRef } from './ports.js';
import { retime } from './retime.js';
import { type Outcome, transact } from './transact.js';

/** Changes the class: timers follow the new plan, and a case that became major is sent to the GM. */
export const changeClassOf =
  ({ store, chat, timers, clock, policy }: CaseDeps) =>
  async (
    number: string,
    actor: string,
    to: 1 | 2 | 3,
    reason: string,
    pressedIn?: MessageRef,
  ): Promise<Outcome> => {
    const outcome = await transact(store, number, (c) =>
      changeClass(c, actor, to, reason, clock.now(), policy),
    );
    if (outcome.kind !== 'ok') return outcome;
    const { before, case: after } = outcome;
    await retime(timers, before, after, policy);
    await informManagers({ store, chat, clock, policy }, after);
    await chat.refresh(after, pressedIn);
    return outcome;
  };
