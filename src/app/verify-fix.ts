import { verifyFix } from '../domain/transitions.js';
import type { CaseActionDeps } from './acknowledge-case.js';
import type { MessageRef } from './ports.js';
import { type Outcome, transact } from './transact.js';

/** A manager records that the corrective action works (验证有效); the card shows who and when. */
export const verifyFixOf =
  ({ store, chat, clock }: Omit<CaseActionDeps, 'timers'>) =>
  async (number: string, actor: string, pressedIn?: MessageRef): Promise<Outcome> => {
    const outcome = await transact(store, number, (c) => verifyFix(c, actor, clock.now()));
    if (outcome.kind === 'ok') await chat.refresh(outcome.case, pressedIn);
    return outcome;
  };
