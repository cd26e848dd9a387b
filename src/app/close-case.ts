import { close } from '../domain/transitions.js';
import type { CaseActionDeps } from './acknowledge-case.js';
import type { MessageRef } from './ports.js';
import { type Outcome, transact } from './transact.js';

/** Closes (结案) a resolved case, archived as it is. */
export const closeCase =
  ({ store, chat, clock }: Omit<CaseActionDeps, 'timers'>) =>
  async (number: string, actor: string, pressedIn?: MessageRef): Promise<Outcome> => {
    const outcome = await transact(store, number, (c) => close(c, actor, clock.now()));
    if (outcome.kind === 'ok') await chat.refresh(outcome.case, pressedIn);
    return outcome;
  };
