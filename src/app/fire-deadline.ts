import { type DeadlineTimer, onDeadline } from '../domain/deadlines.js';
import type { Policy } from '../domain/policy.js';
import { stepEntry } from '../domain/transitions.js';
import type { CaseStore, Chat, Clock } from './ports.js';
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
    const deadline = c.deadlines.find((d) => d.kind === timer.kind);
    for (const step of decision.due) {
      const notice =
        step.type === 'escalated' || !deadline
          ? { kind: 'escalated' as const }
          : { kind: step.type, deadline };
      await sendOnce(store, c, stepEntry(step, now), () => chat.notify(step.to, notice, c), step.rung);
    }
    if (decision.due.some((s) => s.type === 'escalated')) {
      const escalated = await store.get(timer.number);
      if (escalated) await chat.refresh(escalated);
    }
    return decision.next;
  };
