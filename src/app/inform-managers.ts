import type { Case } from '../domain/case.js';
import { isMajor } from '../domain/case.js';
import type { Policy } from '../domain/policy.js';
import { recipients } from '../domain/visibility.js';
import type { CaseStore, Chat, Clock } from './ports.js';
import { sendOnce } from './send-once.js';

/**
 * Tells whoever the case's weight requires, once each: the GM of a major case, and the CS manager, who
 * coordinates it, of a class 3 case (public or media).
 */
export async function informManagers(
  { store, chat, clock, policy }: { store: CaseStore; chat: Chat; clock: Clock; policy: Policy },
  c: Case,
  { gm = true }: { gm?: boolean } = {},
): Promise<void> {
  const inform = async (to: string, key: 'gm-informed' | 'csm-informed') => {
    const entry = { at: clock.now(), by: 'system', type: 'gm-informed' as const, to, key };
    await sendOnce(store, c, entry, (k) => chat.notify(to, { kind: 'major' }, c, k));
  };
  // Never the person complained about, even the GM or the CS manager (回避).
  const [toGm] = recipients(c, [policy.gm]);
  if (isMajor(c, policy) && gm && toGm) await inform(toGm, 'gm-informed');
  const [toCsm] = recipients(c, [policy.csManager]);
  if (c.class === 3 && toCsm && toCsm !== policy.gm) await inform(toCsm, 'csm-informed');
}
