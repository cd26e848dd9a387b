import type { Case } from '../domain/case.js';
import { isMajor } from '../domain/case.js';
import type { Policy } from '../domain/policy.js';
import { recipients } from '../domain/visibility.js';
import type { CaseStore, Chat, Clock, OutcomeReader } from './ports.js';
import { sendOnce } from './send-once.js';

/**
 * Tells the people the documents name how a resolved case ended, one message each per resolution: the receiver,
 * who answers for it to the end (谁受理谁负责); the department manager of a class 2 or 3 case (知会部门经理); the
 * GM of a major case (处理意见抄报总经理); the CS manager of a class 3 case. Never the person complained about,
 * nor whoever resolved or approved it just now: they know.
 */
export async function tellOutcome(
  { store, chat, clock, policy }: { store: CaseStore; chat: Chat; clock: Clock; policy: Policy },
  c: Case,
  actor: string,
): Promise<void> {
  const manager = policy.departments.find((d) => d.id === c.department)?.manager;
  const named: [string | undefined, OutcomeReader][] = [
    [c.receiver, 'receiver'],
    [c.class >= 2 ? manager : undefined, 'manager'],
    [isMajor(c, policy) ? policy.gm : undefined, 'major'],
    [c.class === 3 ? policy.csManager : undefined, 'major'],
  ];
  const wanted = named.flatMap(([person]) => (person && person !== actor ? [person] : []));
  // A case reopened and resolved again is told again: the key counts the resolutions.
  const round = c.timeline.filter((e) => e.type === 'resolved').length;
  for (const to of recipients(c, wanted)) {
    const reader = named.find(([person]) => person === to)?.[1] ?? 'major';
    const key = `outcome.r${round}.${to}`;
    const entry = { at: clock.now(), by: 'system', type: 'outcome-told' as const, to, key };
    await sendOnce(store, c, entry, (k) => chat.notify(to, { kind: 'outcome', reader }, c, k));
  }
}
