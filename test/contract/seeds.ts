import type { CaseStore } from '../../src/app/ports.js';
import type { Case, CaseDraft, Deadline } from '../../src/domain/case.js';
import { aCase } from '../support/cases.js';
import { people } from '../support/harness.js';

const H = 3600_000;
/** A time in November 2026, `hours` into the day (fractions allowed). */
export const nov = (day: number, hours = 1) => new Date(Date.UTC(2026, 10, day) + hours * H);
export const dec = (day: number, hours = 1) => new Date(Date.UTC(2026, 11, day) + hours * H);
/** When the seeded register is looked at. */
export const NOW = nov(25, 0);

/** Customers' phones as they are stored: E.164. */
export const phones = { wang: '+8613812345678', li: '+8613900001111', zhao: '+8613900002222' };

const deadline = (kind: Deadline['kind'], startAt: Date, dueAt: Date, fields: Partial<Deadline> = {}) => ({
  kind,
  startAt,
  dueAt,
  span: dueAt.getTime() - startAt.getTime(),
  version: 1,
  ...fields,
});

/** A case as registered at `createdAt`, with the given fields. */
export function draft(submissionKey: string, createdAt: Date, fields: Partial<Case>): CaseDraft {
  const { number: _number, revision: _revision, ...base } = aCase({ submissionKey });
  return {
    ...base,
    createdAt,
    timeline: [{ at: createdAt, by: people.receiver, type: 'registered' }],
    ...fields,
  };
}

/**
 * Five cases, registered in this order: four in November 2026 (202611-0001 to -0004), one in December. Two
 * open, one resolved, one closed in November; one customer complains three times; one item comes up in
 * three of them, spelled differently; the second case is about a member of staff.
 */
export const SEEDS: [CaseDraft, string][] = [
  [
    draft('a', nov(2), {
      customer: { name: '王女士', phone: phones.wang },
      summary: 'Cold soup',
      category: 'delivery',
      item: 'Order 8812',
      department: 'delivery',
      owner: people.owner,
      class: 1,
      status: 'registered',
      // Neither kept: overdue.
      deadlines: [deadline('acknowledge', nov(2), nov(2, 2)), deadline('resolve', nov(2), nov(3))],
    }),
    '202611',
  ],
  [
    draft('b', nov(10), {
      customer: { name: '王女士', phone: phones.wang },
      summary: 'Soup spilled in the bag',
      category: 'delivery',
      item: 'order 8812',
      department: 'kitchen',
      owner: 'U0COOK',
      respondent: 'U0DRIVER',
      class: 2,
      status: 'accepted',
      repeat: { of: '202611-0001', count: 2 },
      verdict: { accepted: true, satisfaction: 4 },
      // Acknowledged in time; resolved by a moved promise, so late against the first one.
      deadlines: [
        deadline('acknowledge', nov(10), nov(10, 2), { metAt: nov(10, 1.5) }),
        deadline('resolve', nov(10), nov(12), { originalDueAt: nov(11), metAt: nov(11, 20) }),
      ],
    }),
    '202611',
  ],
  [
    draft('c', nov(12), {
      customer: { name: 'Mr. Li', phone: phones.li },
      summary: 'Wrong dish (again)',
      category: 'food_safety',
      item: 'Order 8812',
      department: 'delivery',
      class: 3,
      status: 'resolved',
      batch: '202611-0003',
      resolution: 'Refunded',
      resolutionAction: 'refund',
      amount: 88,
      verdict: { accepted: true, satisfaction: 5, comment: 'Fine' },
      // Acknowledged late; resolved in time.
      deadlines: [
        deadline('acknowledge', nov(12), nov(12, 2), { metAt: nov(12, 3) }),
        deadline('resolve', nov(12), nov(14), { metAt: nov(13) }),
      ],
    }),
    '202611',
  ],
  [
    draft('d', nov(20), {
      customer: { name: 'Ms. Zhao', phone: phones.zhao },
      summary: 'Late delivery',
      category: 'delivery',
      item: 'ORDER 8812',
      department: 'delivery',
      class: 1,
      status: 'closed',
      // Both kept.
      deadlines: [
        deadline('acknowledge', nov(20), nov(20, 2), { metAt: nov(20, 1.5) }),
        deadline('resolve', nov(20), nov(21), { metAt: nov(20, 10) }),
      ],
    }),
    '202611',
  ],
  [
    draft('e', dec(1), {
      customer: { name: '王女士', phone: phones.wang },
      summary: 'Cold soup again',
      category: 'delivery',
      department: 'delivery',
      class: 1,
      status: 'registered',
      deadlines: [deadline('acknowledge', dec(1), dec(1, 2))],
    }),
    '202612',
  ],
];

export const A = '202611-0001';
export const B = '202611-0002';
export const C = '202611-0003';
export const D = '202611-0004';
export const E = '202612-0001';

/** Stores the seeds one after the other, so that they get the numbers above. */
export async function seed(store: CaseStore): Promise<Case[]> {
  const stored: Case[] = [];
  for (const [d, month] of SEEDS) stored.push((await store.create(d, month)).case);
  return stored;
}

/** The numbers of some cases, for short assertions. */
export const numbers = (cases: Case[]) => cases.map((c) => c.number);

/** Every case of the store, read back through `get`. */
export async function everyCase(store: CaseStore): Promise<(Case | null)[]> {
  return Promise.all([A, B, C, D, E].map((n) => store.get(n)));
}
