import { describe, expect, it } from 'vitest';
import type { CaseStore } from '../../src/app/ports.js';
import { acknowledge, escalate } from '../../src/domain/transitions.js';
import { aCase, T0 } from '../support/cases.js';
import { people } from '../support/harness.js';

const draftOf = (submissionKey: string) => {
  const { number: _number, revision: _revision, ...draft } = aCase({ submissionKey });
  return draft;
};

/** What every case store must do, whatever engine runs its queries. */
export function caseStoreContract(name: string, open: () => Promise<CaseStore>) {
  describe(`${name} case store`, () => {
    it('numbers cases per month from 0001, and gives a repeated submission its first case', async () => {
      const store = await open();
      const first = await store.create(draftOf('a'), '202611');
      const second = await store.create(draftOf('b'), '202611');
      const repeated = await store.create(draftOf('a'), '202611');
      const december = await store.create(draftOf('c'), '202612');
      expect([first, second, repeated, december].map((r) => [r.case.number, r.created])).toEqual([
        ['202611-0001', true],
        ['202611-0002', true],
        ['202611-0001', false],
        ['202612-0001', true],
      ]);
      await store.close();
    });

    it('gives concurrent submissions consecutive numbers, and a concurrent repeat no number of its own', async () => {
      const store = await open();
      const results = await Promise.all([
        ...Array.from({ length: 20 }, (_, i) => store.create(draftOf(`s${i}`), '202611')),
        store.create(draftOf('s0'), '202611'),
      ]);
      const numbers = results.map((r) => r.case.number);
      expect(new Set(numbers).size).toBe(20);
      expect([...new Set(numbers)].sort()).toEqual(
        Array.from({ length: 20 }, (_, i) => `202611-${String(i + 1).padStart(4, '0')}`),
      );
      expect(results.filter((r) => r.created)).toHaveLength(20);
      await store.close();
    });

    it('reads a case back as it was written, dates as dates, and nothing for an unknown number', async () => {
      const store = await open();
      const { case: c } = await store.create(draftOf('r'), '202611');
      expect(await store.get(c.number)).toEqual({ ...aCase({ submissionKey: 'r' }), revision: 1 });
      expect((await store.get(c.number))?.createdAt).toEqual(T0);
      expect(await store.get('202611-9999')).toBeNull();
      await store.close();
    });

    it('writes a transition only onto the revision it was decided from, appending to the timeline', async () => {
      const store = await open();
      const { case: c } = await store.create(draftOf('t'), '202611');
      const acknowledged = acknowledge(c, people.owner, T0);
      const escalated = escalate(c, people.owner, T0);
      if (acknowledged.kind !== 'ok' || escalated.kind !== 'ok') throw new Error('transition refused');
      expect(await store.save(c, acknowledged.case)).toBe(true);
      expect(await store.save(c, escalated.case)).toBe(false); // decided from a revision that is gone
      const stored = await store.get(c.number);
      expect(stored).toMatchObject({ status: 'accepted', level: 0, revision: c.revision + 1 });
      expect(stored?.timeline.map((e) => e.type)).toEqual(['registered', 'acknowledged']);
      await store.close();
    });

    it('records a keyed entry once, raising the level but never lowering it', async () => {
      const store = await open();
      const { case: c } = await store.create(draftOf('k'), '202611');
      const entry = (key: string) => ({
        at: T0,
        by: 'system',
        type: 'escalated' as const,
        to: people.gm,
        key,
      });
      expect(await store.recordOnce(c.number, entry('resolve.v1.rung3'), 3)).toBe(true);
      expect(await store.recordOnce(c.number, entry('resolve.v1.rung3'), 3)).toBe(false);
      expect(await store.recordOnce(c.number, entry('acknowledge.v1.rung1'), 1)).toBe(true);
      const stored = await store.get(c.number);
      expect(stored?.level).toBe(3);
      expect(stored?.timeline.map((e) => e.key ?? e.type)).toEqual([
        'registered',
        'resolve.v1.rung3',
        'acknowledge.v1.rung1',
      ]);
      await store.setCard(c.number, { channel: 'C1', ts: '1.2' });
      expect((await store.get(c.number))?.card).toEqual({ channel: 'C1', ts: '1.2' });
      await store.close();
    });
  });
}
