import { timedDeadlines } from '../domain/deadlines.js';
import { detectBatch } from './detect-batch.js';
import { informManagers } from './inform-managers.js';
import type { CaseDeps } from './ports.js';
import { sendOnce } from './send-once.js';

/**
 * Posts a new case's card, tells the owner, starts its timers, finds its batch, and tells the managers its
 * weight requires. Safe to repeat.
 */
export const announceCase =
  ({ store, chat, timers, clock, policy }: CaseDeps) =>
  async (number: string): Promise<void> => {
    const c = await store.get(number);
    if (!c) return;
    // The outbox posts a card only to a case that has none.
    await chat.postCard(c);
    const told = {
      at: clock.now(),
      by: 'system',
      type: 'owner-notified' as const,
      to: c.owner,
      key: 'owner-notified',
    };
    await sendOnce(store, c, told, (key) => chat.notify(c.owner, { kind: 'assigned' }, c, key));
    // Timers after the card and the owner's message: a reminder already due then leaves after them, in order.
    for (const d of timedDeadlines(c, policy.deadlines)) await timers.schedule(c, d);
    const batched = await detectBatch({ store, chat, timers, clock, policy })(c);
    // A batch is told to the GM once, as a batch, not case by case.
    await informManagers({ store, chat, clock, policy }, c, { gm: !batched });
  };
