import { type DeadlineTimer, onDeadline } from '../domain/deadlines.js';
import type { Policy } from '../domain/policy.js';
import { stepEntry } from '../domain/transitions.js';
import type { CaseStore, Chat, Clock, Notice } from './ports.js';
import { sendOnce } from './send-once.js';

export interface FireDeadlineDeps {
  store: CaseStore;
  chat: Chat;
  clock: Clock;
  policy: Policy;
}

/**
 * A deadline timer woke up: sends every step whose time has come and that was not sent yet, in order, and
 * says when to wake up next (null: never again).
 */
export const fireDeadline =
  ({ store, chat, clock, policy }: FireDeadlineDeps) =>
  async (timer: DeadlineTimer): Promise<Date | null> => {
    const c = await store.get(timer.number);
    if (!c) return null;
    const now = clock.now();
    const decision = onDeadline(c, timer, now, policy.deadlines);
    if (decision.kind === 'stale') return null;
    for (const step of decision.due) {
      const notice: Notice =
        step.type === 'escalated'
          ? { kind: 'escalated', deadline: timer.kind }
          : { kind: step.type, deadline: timer.kind };
      // Escalations from timers are gathered: a manager reached by a storm of breaches gets one digest.
      const send = (key: string) =>
        chat.notify(step.to, notice, c, key, { gather: step.type === 'escalated' });
      await sendOnce(store, c, stepEntry(step, now), send, step.rung);
    }
    // The card shows whom the case reached; the message leaves after the pings and shows the case as it is then.
    if (decision.due.some((s) => s.type === 'escalated')) await chat.refresh(c);
    return decision.next;
  };
