import { type Extension, extend } from '../domain/transitions.js';
import type { CaseDeps, MessageRef } from './ports.js';
import { retime } from './retime.js';
import { type Outcome, transact } from './transact.js';

/** Need more time: the deadlines move to the promised time; the old timers stop and new ones start. */
export const extendCase =
  ({ store, chat, timers, clock, policy }: CaseDeps) =>
  async (number: string, actor: string, extension: Extension, pressedIn?: MessageRef): Promise<Outcome> => {
    const outcome = await transact(store, number, (c) =>
      extend(c, actor, extension, clock.now(), policy.deadlines, policy.maxExtension),
    );
    if (outcome.kind !== 'ok') return outcome;
    const { before, case: after } = outcome;
    await retime(timers, before, after, policy);
    await chat.refresh(after, pressedIn);
    return outcome;
  };
