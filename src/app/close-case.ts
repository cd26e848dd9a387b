import { close } from '../domain/transitions.js';
import type { CaseDeps, MessageRef } from './ports.js';
import { type Outcome, transact } from './transact.js';

/** Closes (结案) a resolved case, archived as it is, once what the policy asks before closing is done. */
export const closeCase =
  ({ store, chat, clock, policy }: Omit<CaseDeps, 'timers'>) =>
  async (number: string, actor: string, pressedIn?: MessageRef): Promise<Outcome> => {
    const outcome = await transact(store, number, (c) => close(c, actor, clock.now(), policy));
    if (outcome.kind === 'ok') await chat.refresh(outcome.case, pressedIn);
    return outcome;
  };
