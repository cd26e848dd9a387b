import { describe, expect, it } from 'vitest';
import type { Case, Deadline } from '../../../src/domain/case.js';
import { metPercent } from '../../../src/domain/statistics.js';
import { caseStore } from '../../../src/store/case-store.js';
import { memoryCollections } from '../../../src/store/memory-collections.js';
import { aCase } from '../../support/cases.js';

const H = 3600_000;
const monday = new Date('2026-11-16T00:00:00+08:00');
const nextMonday = new Date('2026-11-23T00:00:00+08:00');
const at = (hours: number) => new Date(monday.getTime() + hours * H);

/** A case registered `hours` into the week, with its acknowledge and resolve deadlines as given. */
function seeded(i: number, hours: number, fields: Partial<Case>, deadlines: Partial<Deadline>[]) {
  const { number: _n, revision: _r, ...base } = aCase({ submissionKey: `s${i}`, createdAt: at(hours) });
  return {
    ...base,
    ...fields,
    deadlines: deadlines.map((d, k) => ({
      kind: k === 0 ? ('acknowledge' as const) : ('resolve' as const),
      startAt: at(hours),
      dueAt: at(hours + 1),
      span: H,
      version: 1,
      ...d,
    })),
  };
}

describe('weekly statistics, from the aggregation pipeline run by mingo', () => {
  it('counts by category, class and department, judges deadlines by their first promise, the acknowledgement apart, and lists every case overdue now', async () => {
    const store = caseStore(memoryCollections());
    const week = [
      // Both deadlines kept.
      seeded(1, 2, { category: 'delivery', class: 1, verdict: { accepted: true, satisfaction: 5 } }, [
        { metAt: at(2.5) },
        { dueAt: at(26), metAt: at(20) },
      ]),
      // Acknowledged late; resolved in time.
      seeded(2, 10, { category: 'delivery', class: 2, verdict: { accepted: false, satisfaction: 2 } }, [
        { metAt: at(12) },
        { dueAt: at(58), metAt: at(30) },
      ]),
      // Kept a moved promise: late against the first one.
      seeded(3, 30, { category: 'food_safety', class: 1, department: 'kitchen' }, [
        { metAt: at(30.5) },
        { dueAt: at(80), originalDueAt: at(54), metAt: at(70) },
      ]),
      // Open and overdue; a repeat.
      seeded(4, 100, { category: 'delivery', class: 2, repeat: { of: '202611-0001', count: 2 } }, [
        { metAt: at(100.2) },
        { dueAt: at(124) },
      ]),
      // Resolved, its resolve deadline due after the report: not judged yet.
      seeded(5, 160, { category: 'other', class: 3, status: 'resolved', batch: '202611-0005' }, [
        { metAt: at(160.5) },
        { dueAt: at(208), metAt: at(165) },
      ]),
    ];
    for (const draft of week) await store.create(draft, '202611');
    await store.create(seeded(6, -30, {}, [{ metAt: at(-29) }]), '202611'); // the week before: not counted
    // The week before, and overdue still: not counted, but on the list of cases overdue at the report.
    const older = seeded(7, -50, { class: 1 }, [{ metAt: at(-49.5) }, { dueAt: at(-26) }]);
    await store.create(older, '202611');

    const stats = await store.statistics(monday, nextMonday, at(168));
    expect(stats).toEqual({
      total: 5,
      byCategory: [
        { key: 'delivery', count: 3 },
        { key: 'food_safety', count: 1 },
        { key: 'other', count: 1 },
      ],
      byClass: [
        { key: '1', count: 2 },
        { key: '2', count: 2 },
        { key: '3', count: 1 },
      ],
      byDepartment: [
        { key: 'delivery', count: 4 },
        { key: 'kitchen', count: 1 },
      ],
      // The documents' deadlines: the resolves of cases 1–4 are due; kept as first promised, those of 1 and 2.
      deadlines: { judged: 4, met: 2 },
      // The acknowledgements, apart: five due, the second one late.
      acknowledged: { judged: 5, met: 4 },
      overdue: [
        { number: '202611-0004', owner: week[3]?.owner, department: 'delivery' },
        { number: '202611-0007', owner: older.owner, department: 'delivery' },
      ],
      repeats: ['202611-0004'],
      batches: ['202611-0005'],
      satisfaction: { average: 3.5, count: 2 },
      // By responsible department and owner: the missed resolves are 3's (moved, the kitchen's) and 4's; 2 was
      // rejected by its customer.
      assessment: {
        byResponsible: [
          { key: 'delivery', cases: 4, missed: 1, satisfaction: 3.5, reopened: 0, rejected: 1 },
          { key: 'kitchen', cases: 1, missed: 1, satisfaction: null, reopened: 0, rejected: 0 },
        ],
        byOwner: [{ key: 'U0OWNER', cases: 5, missed: 2, satisfaction: 3.5, reopened: 0, rejected: 1 }],
      },
    });
    expect(metPercent(stats)).toBe(50);
  });
});
