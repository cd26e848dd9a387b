import { timedDeadlines, timerOf } from '../domain/deadlines.js';
import { reassign } from '../domain/transitions.js';
import type { CaseDeps, MessageRef } from './ports.js';
import { sendOnce } from './send-once.js';
import { type Outcome, transact } from './transact.js';

/** Hands the case over: the new owner is told, and a fresh acknowledge deadline runs for them. */
export const reassignCase =
  ({ store, chat, timers, clock, policy }: CaseDeps) =>
  async (
    number: string,
    actor: string,
    to: { owner?: string; department: string },
    pressedIn?: MessageRef,
  ): Promise<Outcome> => {
    const dutyOwner = policy.departments.find((d) => d.id === to.department)?.owner ?? '';
    const target = { owner: to.owner ?? dutyOwner, department: to.department };
    const outcome = await transact(store, number, (c) => reassign(c, actor, target, clock.now(), policy));
    if (outcome.kind !== 'ok') return outcome;
    const { before, case: after } = outcome;
    const old = before.deadlines.find((d) => d.kind === 'acknowledge' && !d.metAt);
    if (old) await timers.cancel(timerOf(before, old));
    for (const d of timedDeadlines(after, policy.deadlines)) await timers.schedule(after, d);
    const ack = after.deadlines.find((d) => d.kind === 'acknowledge');
    const key = `assigned.v${ack?.version ?? 0}`;
    const entry = { at: clock.now(), by: 'system', type: 'owner-notified' as const, to: after.owner, key };
    await sendOnce(store, after, entry, (k) => chat.notify(after.owner, { kind: 'assigned' }, after, k));
    await chat.refresh(after, pressedIn);
    return outcome;
  };
