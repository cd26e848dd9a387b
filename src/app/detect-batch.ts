import type { Case } from '../domain/case.js';
import { joinBatch } from '../domain/transitions.js';
import { recipients } from '../domain/visibility.js';
import type { CaseDeps } from './ports.js';
import { retime } from './retime.js';
import { sendOnce } from './send-once.js';
import { transact } from './transact.js';

/**
 * How many customers some cases come from: one per phone; an anonymous case (no phone) is a customer of its own,
 * as nothing says two of them are one person.
 */
function customersOf(cases: Pick<Case, 'number' | 'customer'>[]): number {
  return new Set(cases.map((c) => c.customer.phone || c.number)).size;
}

/**
 * Whether a case makes, or joins, a batch (批量投诉): the same category and item from `batch.size` different
 * customers (多个客户, not one customer several times) within `batch.window`. Every case of the batch becomes
 * major; the GM is told once per batch.
 */
export const detectBatch =
  ({ store, chat, timers, clock, policy }: CaseDeps) =>
  async (c: Case): Promise<boolean> => {
    if (!c.item) return false;
    const since = new Date(c.createdAt.getTime() - policy.batch.window);
    const peers = await store.sameProblem(c.category, c.item, since);
    const lead = peers[0];
    if (!lead || customersOf(peers) < policy.batch.size) return false;
    const batch = peers.find((p) => p.batch)?.batch ?? lead.number;
    for (const peer of peers.filter((p) => !p.batch)) {
      const outcome = await transact(store, peer.number, (x) => joinBatch(x, batch, clock.now(), policy));
      if (outcome.kind !== 'ok') continue;
      await retime(timers, outcome.before, outcome.case, policy);
      await chat.refresh(outcome.case);
    }
    const first = await store.get(batch);
    // The GM is told of the batch's cases, none about the GM (回避).
    const told = peers.filter((p) => recipients(p, [policy.gm]).length > 0);
    if (first && told.length > 0) {
      const entry = {
        at: clock.now(),
        by: 'system',
        type: 'batch-informed' as const,
        to: policy.gm,
        key: 'batch-informed',
      };
      const numbers = told.map((p) => p.number);
      const customers = customersOf(told);
      await sendOnce(store, first, entry, (key) =>
        chat.notify(policy.gm, { kind: 'batch', numbers, customers }, first, key),
      );
    }
    return true;
  };
