import type { Case } from '../../src/domain/case.js';
import { registerCase } from '../../src/domain/register.js';
import { testPolicy } from './harness.js';

export const T0 = new Date('2026-11-24T02:00:00Z');

/** A registered case as the domain makes it, numbered, for unit tests. */
export function aCase(overrides: Partial<Case> = {}, policy = testPolicy()): Case {
  const draft = registerCase(
    {
      customerName: '王女士',
      customerPhone: '+8613812345678',
      summary: 'Cold soup',
      demand: 'A refund',
      category: 'delivery',
      class: 1,
      channel: 'phone',
      department: 'delivery',
      compensation: false,
    },
    { receiver: 'U0RECEIVER', submissionKey: 'V1', now: T0, policy },
  );
  return { ...draft, number: '202611-0001', revision: 1, ...overrides };
}
