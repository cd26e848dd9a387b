import type { Case } from '../domain/case.js';
import type { Refusal, Transition } from '../domain/transitions.js';
import type { CaseStore } from './ports.js';

export type Outcome =
  | { kind: 'ok'; before: Case; case: Case }
  | { kind: 'refused'; reason: Refusal; case: Case }
  | { kind: 'not-found' };

const ATTEMPTS = 5;

/**
 * Reads the case, lets the domain decide, and writes the decision only onto the revision it was made from;
 * when another write came first, decides again on the fresh case.
 */
export async function transact(
  store: CaseStore,
  number: string,
  decide: (c: Case) => Transition,
): Promise<Outcome> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const before = await store.get(number);
    if (!before) return { kind: 'not-found' };
    const decision = decide(before);
    if (decision.kind === 'refused') return { ...decision, case: before };
    if (await store.save(before, decision.case)) {
      return { kind: 'ok', before, case: { ...decision.case, revision: before.revision + 1 } };
    }
  }
  throw new Error(`case ${number} kept changing; gave up after ${ATTEMPTS} attempts`);
}
