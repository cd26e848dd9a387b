import { describe, expect, it } from 'vitest';
import type { Case } from '../../../src/domain/case.js';
import { type CaseAction, refusalOf } from '../../../src/domain/permissions.js';
import * as transitions from '../../../src/domain/transitions.js';
import { aCase, T0 } from '../../support/cases.js';
import { people, testPolicy } from '../../support/harness.js';

const policy = testPolicy();
const now = new Date(T0.getTime() + 60_000);

/** Each form button's action, and its form's submission with valid values. */
const submissions: Partial<Record<CaseAction, (c: Case, actor: string) => transitions.Transition>> = {
  contact: (c, a) => transitions.logContact(c, a, { at: now, how: 'phone', what: 'called' }, now),
  extend: (c, a) =>
    transitions.extend(
      c,
      a,
      { promisedAt: new Date(now.getTime() + 86_400_000), reason: 'parts' },
      now,
      policy.deadlines,
    ),
  resolve: (c, a) => transitions.resolve(c, a, 'refunded', now),
  rootCause: (c, a) =>
    transitions.recordRootCause(
      c,
      a,
      { cause: 'x', corrective: 'y', preventive: 'z', department: 'delivery' },
      now,
    ),
  reopen: (c, a) => transitions.reopen(c, a, 'again', now, policy),
  verdict: (c, a) => transitions.recordVerdict(c, a, { accepted: true, satisfaction: 4 }, now),
  changeClass: (c, a) => transitions.changeClass(c, a, 3, 'media', now, policy),
  reassign: (c, a) => transitions.reassign(c, a, { owner: 'U0OTHER', department: 'delivery' }, now, policy),
};

const base = aCase();
const states: Record<string, Case> = {
  registered: base,
  accepted: { ...base, status: 'accepted' },
  handover: { ...base, owner: 'U0NEW', handoverFrom: people.owner },
  awaitingGm: {
    ...base,
    status: 'accepted',
    pendingApproval: { amount: 900, text: 'pay', by: people.owner },
  },
  resolved: { ...base, status: 'resolved', resolution: 'done' },
  judged: { ...base, status: 'resolved', verdict: { accepted: true, satisfaction: 5 } },
  closed: { ...base, status: 'closed' },
};
const actors = [
  people.owner,
  people.manager,
  people.csManager,
  people.gm,
  people.receiver,
  people.stranger,
  'U0NEW',
];

describe('who may do what: one table', () => {
  for (const [action, submit] of Object.entries(submissions)) {
    it(`the ${action} button refuses exactly what its form’s submission refuses`, () => {
      for (const [state, c] of Object.entries(states)) {
        for (const actor of actors) {
          const button = refusalOf(action as CaseAction, c, actor, policy);
          const submitted = submit?.(c, actor);
          const reason = submitted?.kind === 'refused' ? submitted.reason : null;
          expect({ state, actor, reason }).toEqual({ state, actor, reason: button });
        }
      }
    });
  }
});
