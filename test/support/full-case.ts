import type { Case } from '../../src/domain/case.js';

/**
 * A value with every optional field set, all the way down, and at least one element in every list: a field
 * added to `Case` and missing here fails the typecheck, so the schema tests always see every field.
 */
export type Full<T> = T extends Date
  ? T
  : T extends readonly (infer U)[]
    ? [Full<U>, ...Full<U>[]]
    : T extends object
      ? { [K in keyof T]-?: Full<Exclude<T[K], undefined | null>> }
      : T;

const at = (hour: number) => new Date(Date.UTC(2026, 10, 24, hour, 30, 15, 250));

/** A case with every optional field of `Case` set, nested ones included. */
export function fullCase(submissionKey = 'full'): Full<Case> {
  return {
    number: '202611-0001',
    submissionKey,
    revision: 1,
    status: 'accepted',
    customer: { name: '王女士', phone: '13812345678' },
    summary: 'Cold soup, and the driver was rude',
    demand: 'A refund and an apology',
    address: '上海市徐汇区漕溪北路 88 号',
    evidence: [
      {
        id: 'F0PHOTO',
        name: 'soup.jpg',
        permalink: 'https://fake.slack.com/files/U0RECEIVER/F0PHOTO/soup.jpg',
      },
    ],
    recurrence: true,
    category: 'delivery',
    class: 2,
    channel: 'phone',
    department: 'delivery',
    compensation: true,
    receiver: 'U0RECEIVER',
    owner: 'U0OWNER',
    handoverFrom: 'U0FORMER',
    respondent: 'U0DRIVER',
    permalink: 'https://fake.slack.com/archives/C0GENERAL/p1700000000000050',
    item: 'Order 8812',
    batch: '202611-0001',
    repeat: { of: '202610-0042', count: 2 },
    repeatedBy: ['202612-0003'],
    ladder: ['U0OWNER', 'U0MANAGER', 'U0CSM', 'U0GM'],
    level: 2,
    createdAt: at(2),
    deadlines: [
      {
        kind: 'resolve',
        startAt: at(2),
        dueAt: at(20),
        span: 172_800_000,
        version: 3,
        metAt: at(19),
        originalDueAt: at(18),
      },
    ],
    resolution: 'Refunded the order',
    resolutionAction: 'compensation',
    amount: 750.5,
    pendingApproval: { amount: 750.5, text: 'Refund and a voucher', by: 'U0OWNER', action: 'refund' },
    rootCause: {
      cause: 'Insulated bags ran out',
      corrective: 'Bags restocked',
      preventive: 'Weekly stock check',
      department: 'delivery',
      person: 'U0DRIVER',
    },
    fixVerified: { by: 'U0MANAGER', at: at(21) },
    verdict: { accepted: false, satisfaction: 2, comment: 'Too late' },
    rejectedInto: '202611-0009',
    rejectionOf: '202611-0000',
    closedAt: new Date('2026-11-20T08:00:00Z'),
    anonymisedAt: new Date('2029-11-21T08:00:00Z'),
    timeline: [{ at: at(3), by: 'system', type: 'escalated', to: 'U0MANAGER', text: 'late', key: 'k1' }],
  };
}
