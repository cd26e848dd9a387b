import { isMajor } from '../domain/case.js';
import { timedDeadlines } from '../domain/deadlines.js';
import type { Policy } from '../domain/policy.js';
import { detectBatch } from './detect-batch.js';
import type { CaseStore, Chat, Clock, Timers } from './ports.js';
import { sendOnce } from './send-once.js';

export interface AnnounceCaseDeps {
  store: CaseStore;
  chat: Chat;
  timers: Timers;
  clock: Clock;
  policy: Policy;
}

/** Starts a new case's timers, posts its card, tells the owner, and the GM when it is major. Safe to repeat. */
export const announceCase =
  ({ store, chat, timers, clock, policy }: AnnounceCaseDeps) =>
  async (number: string): Promise<void> => {
    const c = await store.get(number);
    if (!c) return;
    for (const d of timedDeadlines(c, policy.deadlines)) await timers.schedule(c, d);
    if (!c.card) await chat.postCard(c);
    const system = (type: 'owner-notified' | 'gm-informed', to: string) => ({
      at: clock.now(),
      by: 'system',
      type,
      to,
      key: type,
    });
    await sendOnce(store, c, system('owner-notified', c.owner), (key) =>
      chat.notify(c.owner, { kind: 'assigned' }, c, key),
    );
    // A batch is announced to the GM once, as a batch; any other major case on its own.
    const batched = await detectBatch({ store, chat, timers, clock, policy })(c);
    if (isMajor(c) && !batched) {
      await sendOnce(store, c, system('gm-informed', policy.gm), (key) =>
        chat.notify(policy.gm, { kind: 'major' }, c, key),
      );
    }
  };
