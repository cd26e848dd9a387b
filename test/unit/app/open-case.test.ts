import { describe, expect, it } from 'vitest';
import { openCase } from '../../../src/app/open-case.js';
import { caseStore } from '../../../src/store/case-store.js';
import { memoryCollections } from '../../../src/store/memory-collections.js';
import { testPolicy } from '../../support/harness.js';

const complaint = {
  customerName: 'Li',
  customerPhone: '13812345678',
  summary: 'Late',
  demand: 'An apology',
  category: 'delivery',
  class: 1 as const,
  channel: 'chat' as const,
  department: 'delivery',
  compensation: false,
};

describe('openCase', () => {
  it('restarts the serial when the month changes in the company timezone, and announces each case', async () => {
    let now = new Date('2026-11-30T15:58:00Z'); // 23:58 on November 30th in Shanghai
    const announced: string[] = [];
    const open = openCase({
      store: caseStore(memoryCollections()),
      jobs: { announce: async (n) => void announced.push(n) },
      clock: { now: () => now },
      policy: testPolicy(),
    });
    const numbers = [];
    numbers.push((await open(complaint, { receiver: 'U1', submissionKey: 'a' })).number);
    numbers.push((await open(complaint, { receiver: 'U1', submissionKey: 'b' })).number);
    now = new Date('2026-11-30T16:00:00Z'); // midnight: December 1st in Shanghai
    numbers.push((await open(complaint, { receiver: 'U1', submissionKey: 'c' })).number);
    now = new Date('2027-01-01T00:00:00Z');
    numbers.push((await open(complaint, { receiver: 'U1', submissionKey: 'd' })).number);
    expect(numbers).toEqual(['202611-0001', '202611-0002', '202612-0001', '202701-0001']);
    expect(announced).toEqual(numbers);
  });
});

describe('openCase and repeats', () => {
  it('counts an earlier case of the same phone within the window only', async () => {
    let now = new Date('2026-01-01T02:00:00Z');
    const store = caseStore(memoryCollections());
    const open = openCase({
      store,
      jobs: { announce: async () => {} },
      clock: { now: () => now },
      policy: { ...testPolicy(), repeatWindow: 90 * 86_400_000 },
    });
    const first = await open(complaint, { receiver: 'U1', submissionKey: 'first' });
    now = new Date('2026-04-02T02:00:00Z'); // 91 days later
    const late = await open(complaint, { receiver: 'U1', submissionKey: 'late' });
    now = new Date('2026-04-03T02:00:00Z');
    const soon = await open(complaint, { receiver: 'U1', submissionKey: 'soon' });
    const again = await open(complaint, { receiver: 'U1', submissionKey: 'soon' }); // the same submission once more
    expect([first.class, late.class, soon.class]).toEqual([1, 1, 2]);
    expect(soon.repeat).toEqual({ of: late.number, count: 2 });
    expect(again.number).toBe(soon.number);
    expect((await store.get(late.number))?.repeatedBy).toEqual([soon.number]);
  });
});
