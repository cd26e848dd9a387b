import { afterEach, describe, expect, it } from 'vitest';
import type { CaseStore } from '../../src/app/ports.js';
import type { Case } from '../../src/domain/case.js';
import { acknowledge, escalate } from '../../src/domain/transitions.js';
import { type CaseSearch, findSearch } from '../../src/domain/visibility.js';
import { aCase, T0 } from '../support/cases.js';
import { fullCase } from '../support/full-case.js';
import { people, testPolicy } from '../support/harness.js';
import { A, B, C, D, dec, E, everyCase, NOW, nov, numbers, phones, seed } from './seeds.js';

const draftOf = (submissionKey: string) => {
  const { number: _number, revision: _revision, ...draft } = aCase({ submissionKey });
  return draft;
};

/** What every case store must do, whatever engine runs its queries. */

/** A reader of every case, about none of them. */
const everyone = { scope: { kind: 'all' as const }, viewer: people.gm };
export function caseStoreContract(name: string, open: () => Promise<CaseStore>) {
  describe(`${name} case store`, () => {
    const opened: CaseStore[] = [];
    const fresh = async () => {
      const store = await open();
      opened.push(store);
      return store;
    };
    /** A store holding the five cases of `seeds.ts`. */
    const seeded = async () => {
      const store = await fresh();
      await seed(store);
      return store;
    };
    afterEach(async () => {
      for (const store of opened.splice(0)) await store.close();
    });

    it('numbers cases per month from 0001, and gives a repeated submission its first case', async () => {
      const store = await fresh();
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
    });

    it('gives concurrent submissions consecutive numbers, and a concurrent repeat no number of its own', async () => {
      const store = await fresh();
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
    });

    it('gives two creates of one submission at the same instant one case, the second created: false', async () => {
      const store = await fresh();
      for (let i = 0; i < 5; i++) {
        const both = await Promise.all([
          store.create(draftOf(`twice${i}`), '202611'),
          store.create(draftOf(`twice${i}`), '202611'),
        ]);
        expect(both.map((r) => r.created).sort()).toEqual([false, true]);
        expect(both[0]?.case).toEqual(both[1]?.case);
      }
      expect(numbers(await store.casesOfMonth('202611', everyone))).toHaveLength(5);
    });

    it('reads a case back as it was written, dates as dates, and nothing for an unknown number', async () => {
      const store = await fresh();
      const { case: c } = await store.create(draftOf('r'), '202611');
      expect(await store.get(c.number)).toEqual({ ...aCase({ submissionKey: 'r' }), revision: 1 });
      expect((await store.get(c.number))?.createdAt).toEqual(T0);
      expect(await store.get('202611-9999')).toBeNull();
    });

    it('reads back a case with every optional field set, as created and as saved', async () => {
      const store = await fresh();
      const { number: _number, revision: _revision, ...full } = fullCase('full');
      const { case: created } = await store.create(full, '202611');
      expect(await store.get(created.number)).toEqual({ ...full, number: '202611-0001', revision: 1 });

      // Every field a transition may change, changed at once from a bare case.
      const { case: bare } = await store.create(draftOf('bare'), '202611');
      const next: Case = {
        ...bare,
        status: full.status,
        owner: full.owner,
        handoverFrom: full.handoverFrom,
        department: full.department,
        ladder: full.ladder,
        level: full.level,
        deadlines: full.deadlines,
        resolution: full.resolution,
        resolutionAction: full.resolutionAction,
        amount: full.amount,
        pendingApproval: full.pendingApproval,
        rootCause: full.rootCause,
        verdict: full.verdict,
        rejectedInto: full.rejectedInto,
        batch: full.batch,
        class: full.class,
        compensation: full.compensation,
        timeline: [...bare.timeline, ...full.timeline],
      };
      expect(await store.save(bare, next)).toBe(true);
      expect(await store.get(bare.number)).toEqual({ ...next, revision: bare.revision + 1 });
    });

    it('writes a transition only onto the revision it was decided from, appending to the timeline', async () => {
      const store = await fresh();
      const { case: c } = await store.create(draftOf('t'), '202611');
      const acknowledged = acknowledge(c, people.owner, T0);
      const escalated = escalate(c, people.owner, T0);
      if (acknowledged.kind !== 'ok' || escalated.kind !== 'ok') throw new Error('transition refused');
      expect(await store.save(c, acknowledged.case)).toBe(true);
      expect(await store.save(c, escalated.case)).toBe(false); // decided from a revision that is gone
      const stored = await store.get(c.number);
      expect(stored).toMatchObject({ status: 'accepted', level: 0, revision: c.revision + 1 });
      expect(stored?.timeline.map((e) => e.type)).toEqual(['registered', 'acknowledged']);
    });

    it('removes a field a transition dropped, and sets one it emptied to null', async () => {
      const store = await seeded();
      const c = (await store.get(C)) as Case;
      const { batch: _batch, ...unbatched } = c;
      expect(await store.save(c, { ...unbatched, status: 'accepted', pendingApproval: null })).toBe(true);
      const stored = await store.get(C);
      expect(stored).not.toHaveProperty('batch');
      expect(stored).toMatchObject({ status: 'accepted', pendingApproval: null, revision: c.revision + 1 });
    });

    it('records a keyed entry once, raising the level but never lowering it', async () => {
      const store = await fresh();
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
      expect(await store.recordOnce(c.number, entry('warned.v1'))).toBe(true);
      const stored = await store.get(c.number);
      expect(stored?.level).toBe(3);
      expect(stored?.timeline.map((e) => e.key ?? e.type)).toEqual([
        'registered',
        'resolve.v1.rung3',
        'acknowledge.v1.rung1',
        'warned.v1',
      ]);
    });

    it('links a repeat to its earlier case once, and a rejected case and its follower both ways', async () => {
      const store = await seeded();
      await store.linkRepeat(A, B);
      await store.linkRepeat(A, B);
      await store.linkRepeat(A, E);
      await store.linkRejection(C, D);
      const [a, , c, d] = await everyCase(store);
      expect(a).toMatchObject({ repeatedBy: [B, E], revision: 4 });
      expect(c).toMatchObject({ rejectedInto: D, revision: 2 });
      expect(d).toMatchObject({ rejectionOf: C, revision: 2 });
    });

    it('writes nothing, and creates nothing, for a number that is not there', async () => {
      const store = await seeded();
      const before = await everyCase(store);
      const ghost = { ...aCase(), number: '202611-0099' };
      expect(await store.save(ghost, { ...ghost, status: 'accepted' })).toBe(false);
      expect(await store.recordOnce(ghost.number, { at: T0, by: 'system', type: 'warned', key: 'k' })).toBe(
        false,
      );
      await store.linkRepeat(ghost.number, A);
      await store.linkRejection(ghost.number, '202611-0098');
      expect(await store.get(ghost.number)).toBeNull();
      expect(await everyCase(store)).toEqual(before);
      expect(numbers(await store.casesOfMonth('202611', everyone))).toEqual([A, B, C, D]);
    });

    it("lists the open cases each person may act on, newest first, never to the one they're about", async () => {
      const store = await seeded();
      const list = async (scope: Extract<CaseSearch, { kind: 'list' }>['scope'], viewer: string) =>
        numbers((await store.search({ kind: 'list', scope, viewer }, 0, 10)).cases);
      expect(await list({ kind: 'all' }, people.gm)).toEqual([E, B, A]);
      expect(await list({ kind: 'all' }, 'U0DRIVER')).toEqual([E, A]);
      expect(await list({ kind: 'departments', ids: ['delivery'] }, people.manager)).toEqual([E, A]);
      expect(await list({ kind: 'departments', ids: ['kitchen', 'delivery'] }, people.manager)).toEqual([
        E,
        B,
        A,
      ]);
      expect(await list({ kind: 'owner', user: 'U0COOK' }, 'U0COOK')).toEqual([B]);
      expect(await list({ kind: 'owner', user: people.stranger }, people.stranger)).toEqual([]);
    });

    it('finds cases by phone, words of the summary or name, or number: literally, whatever the case', async () => {
      const store = await seeded();
      const find = async (text: string, viewer: string = people.gm) =>
        numbers((await store.search(findSearch(text, viewer, testPolicy()), 0, 10)).cases);
      expect(await find('138-1234 5678')).toEqual([E, B, A]);
      expect(await find('1234')).toEqual([E, B, A]);
      // Need to know: the person complained about never; someone not on a case only by the whole phone.
      expect(await find('1234', 'U0DRIVER')).toEqual([]);
      expect(await find('138 1234 5678', 'U0DRIVER')).toEqual([E, A]);
      expect(await find('soup', 'U0DRIVER')).toEqual([]);
      expect(await find('1234', people.receiver)).toEqual([E, B, A]);
      expect(await find('soup', 'U0COOK')).toEqual([B]);
      expect(await find('0000')).toEqual([D, C]);
      expect(await find('(139) 0000-1111')).toEqual([C]);
      expect(await find('SOUP')).toEqual([E, B, A]);
      expect(await find(' soup ')).toEqual([E, B, A]);
      expect(await find('(again)')).toEqual([C]);
      expect(await find('mr. LI')).toEqual([C]);
      expect(await find('mr.*li')).toEqual([]);
      expect(await find('王女')).toEqual([E, B, A]);
      expect(await find('202611-0004')).toEqual([D]);
      expect(await find('202612')).toEqual([E]);
      expect(await find('nothing like it')).toEqual([]);
      // Phones are stored in E.164: the whole number matches however it is typed, some digits only the people on it.
      expect(await find('+86 138 1234 5678')).toEqual([E, B, A]);
      expect(await find('0086-138-1234-5678', 'U0DRIVER')).toEqual([E, A]);
      expect(await find('+8613812345678', 'U0COOK')).toEqual([E, B, A]);
      expect(await find('1234 5678', 'U0COOK')).toEqual([B]);
      expect(await find('13812345678', people.stranger)).toEqual([E, B, A]);
      expect(await find('3812345678', people.stranger)).toEqual([]);
    });

    it('pages a search, saying whether another page follows', async () => {
      const store = await seeded();
      const all: CaseSearch = { kind: 'list', scope: { kind: 'all' }, viewer: people.gm };
      const page = async (search: CaseSearch, n: number, size: number) => {
        const { cases, more } = await store.search(search, n, size);
        return { numbers: numbers(cases), more };
      };
      expect(await page(all, 0, 2)).toEqual({ numbers: [E, B], more: true });
      expect(await page(all, 1, 2)).toEqual({ numbers: [A], more: false });
      expect(await page(all, 2, 2)).toEqual({ numbers: [], more: false });
      expect(await page(findSearch('soup', people.gm, testPolicy()), 0, 3)).toEqual({
        numbers: [E, B, A],
        more: false,
      });
    });

    it("finds a customer's latest case registered since a time, by the whole phone number", async () => {
      const store = await seeded();
      const latest = async (phone: string, since: Date) =>
        (await store.latestOfCustomer(phone, since))?.number;
      expect(await latest(phones.wang, nov(1))).toBe(E);
      expect(await latest(phones.wang, dec(2))).toBeUndefined();
      expect(await latest(phones.li, nov(1))).toBe(C);
      expect(await latest(phones.li, nov(12))).toBe(C); // registered at that very time
      expect(await latest(phones.li, nov(13))).toBeUndefined();
      expect(await latest(phones.wang.slice(0, -1), nov(1))).toBeUndefined();
    });

    it('finds the cases of one category about one item since a time: the whole item, whatever its case', async () => {
      const store = await seeded();
      const same = async (category: string, item: string, since: Date) =>
        numbers(await store.sameProblem(category, item, since));
      expect(await same('delivery', ' order 8812 ', nov(1))).toEqual([A, B, D]);
      expect(await same('delivery', 'Order 8812', nov(15))).toEqual([D]);
      expect(await same('food_safety', 'ORDER 8812', nov(1))).toEqual([C]);
      expect(await same('delivery', 'Order', nov(1))).toEqual([]);
      expect(await same('delivery', 'Order.8812', nov(1))).toEqual([]);
      expect(await same('other', 'Order 8812', nov(1))).toEqual([]);
    });

    it('reads every open case, and the open cases of some departments registered before a time', async () => {
      const store = await seeded();
      const open: string[] = [];
      for await (const c of store.openCases()) open.push(c.number);
      expect(open.sort()).toEqual([A, B, E]);
      const openBefore = async (at: Date, departments: string[], viewer: string = people.manager) =>
        numbers(await store.openBefore(at, { scope: { kind: 'departments', ids: departments }, viewer }));
      expect(await openBefore(nov(15), ['delivery'])).toEqual([A]);
      expect(await openBefore(nov(15), ['delivery', 'kitchen'])).toEqual([A, B]);
      expect(await openBefore(nov(2), ['delivery'])).toEqual([]); // registered at that very time: not before
      expect(await openBefore(dec(31), ['delivery'])).toEqual([A, E]);
      expect(await openBefore(dec(31), [])).toEqual([]);
      expect(await openBefore(nov(15), ['delivery', 'kitchen'], 'U0DRIVER')).toEqual([A]); // never about them
    });

    it('reads the register of a month in the order of its numbers', async () => {
      const store = await seeded();
      expect(numbers(await store.casesOfMonth('202611', everyone))).toEqual([A, B, C, D]);
      expect(numbers(await store.casesOfMonth('202612', everyone))).toEqual([E]);
      expect(numbers(await store.casesOfMonth('202610', everyone))).toEqual([]);
      expect(numbers(await store.casesOfMonth('2026', everyone))).toEqual([]);
      const kitchen = { scope: { kind: 'departments' as const, ids: ['kitchen'] }, viewer: 'U0CHEF' };
      expect(numbers(await store.casesOfMonth('202611', kitchen))).toEqual([B]);
      const driver = { scope: { kind: 'all' as const }, viewer: 'U0DRIVER' };
      expect(numbers(await store.casesOfMonth('202611', driver))).toEqual([A, C, D]);
    });

    it('counts the statistics of a period, and of a period with no case', async () => {
      const store = await seeded();
      expect(await store.statistics(nov(1, 0), dec(1, 0), NOW)).toEqual({
        total: 4,
        byCategory: [
          { key: 'delivery', count: 3 },
          { key: 'food_safety', count: 1 },
        ],
        byClass: [
          { key: '1', count: 2 },
          { key: '2', count: 1 },
          { key: '3', count: 1 },
        ],
        byDepartment: [
          { key: 'delivery', count: 3 },
          { key: 'kitchen', count: 1 },
        ],
        // All four resolves due by now; kept as first promised: C's and D's (B's promise was moved).
        deadlines: { judged: 4, met: 2 },
        // The acknowledgements apart: B's and D's in time.
        acknowledged: { judged: 4, met: 2 },
        overdue: [{ number: A, owner: people.owner, department: 'delivery' }],
        repeats: [B],
        batches: [C],
        satisfaction: { average: 4.5, count: 2 },
        // A's resolve was missed, and B's (moved); B is the kitchen's, the cook's.
        assessment: {
          byResponsible: [
            { key: 'delivery', cases: 3, missed: 1, satisfaction: 5, reopened: 0, rejected: 0 },
            { key: 'kitchen', cases: 1, missed: 1, satisfaction: 4, reopened: 0, rejected: 0 },
          ],
          byOwner: [
            { key: 'U0COOK', cases: 1, missed: 1, satisfaction: 4, reopened: 0, rejected: 0 },
            { key: people.owner, cases: 3, missed: 1, satisfaction: 5, reopened: 0, rejected: 0 },
          ],
        },
      });
      // Read by the person B is about: counted, but not named.
      expect(await store.statistics(nov(1, 0), dec(1, 0), NOW, 'U0DRIVER')).toMatchObject({
        total: 4,
        repeats: [],
        batches: [C],
      });
      // December, looked at before E's acknowledgement is due and after. A, of November, is overdue still.
      const december = { total: 1, repeats: [], batches: [], satisfaction: { average: null, count: 0 } };
      const overdueA = { number: A, owner: people.owner, department: 'delivery' };
      expect(await store.statistics(dec(1, 0), dec(32, 0), dec(1, 1.5))).toMatchObject({
        ...december,
        deadlines: { judged: 0, met: 0 },
        acknowledged: { judged: 0, met: 0 },
        overdue: [overdueA],
      });
      expect(await store.statistics(dec(1, 0), dec(32, 0), dec(2))).toMatchObject({
        ...december,
        deadlines: { judged: 0, met: 0 },
        acknowledged: { judged: 1, met: 0 },
        overdue: [overdueA, { number: E, owner: people.owner, department: 'delivery' }],
      });
      expect(await store.statistics(nov(1, 0), nov(2, 0), NOW)).toEqual({
        total: 0,
        byCategory: [],
        byClass: [],
        byDepartment: [],
        deadlines: { judged: 0, met: 0 },
        acknowledged: { judged: 0, met: 0 },
        // Overdue at the time of the report, whenever registered.
        overdue: [overdueA],
        repeats: [],
        batches: [],
        satisfaction: { average: null, count: 0 },
        assessment: { byResponsible: [], byOwner: [] },
      });
    });

    it('assesses a month by responsible department and by owner: cases, deadlines missed, satisfaction, reopened, rejected', async () => {
      const store = await seeded();
      // C's root cause is the kitchen's; D was reopened once, and its customer rejected the resolution.
      const c = (await store.get(C)) as Case;
      const kitchen = {
        cause: 'Wrong label',
        corrective: 'Relabel',
        preventive: 'Check',
        department: 'kitchen',
      };
      await store.save(c, { ...c, rootCause: kitchen });
      const d = (await store.get(D)) as Case;
      await store.save(d, {
        ...d,
        verdict: { accepted: false, satisfaction: 1 },
        timeline: [...d.timeline, { at: nov(21), by: people.owner, type: 'reopened', text: 'Still late' }],
      });
      const row = (
        key: string,
        cases: number,
        missed: number,
        satisfaction: number | null,
        more = [0, 0],
      ) => ({
        key,
        cases,
        missed,
        satisfaction,
        reopened: more[0],
        rejected: more[1],
      });
      expect(await store.assessment('202611', NOW, everyone)).toEqual({
        byResponsible: [row('delivery', 2, 1, 1, [1, 1]), row('kitchen', 2, 1, 4.5)],
        byOwner: [row('U0COOK', 1, 1, 4), row(people.owner, 3, 1, 3, [1, 1])],
      });
      // Judged before anything was due, nothing was missed.
      expect(await store.assessment('202611', nov(2, 0), everyone)).toMatchObject({
        byOwner: [row('U0COOK', 1, 0, 4), row(people.owner, 3, 0, 3, [1, 1])],
      });
      // A department manager's departments only, and never a case about the reader.
      const chef = { scope: { kind: 'departments' as const, ids: ['kitchen'] }, viewer: 'U0CHEF' };
      expect(await store.assessment('202611', NOW, chef)).toEqual({
        byResponsible: [row('kitchen', 1, 1, 4)],
        byOwner: [row('U0COOK', 1, 1, 4)],
      });
      const driver = { scope: { kind: 'all' as const }, viewer: 'U0DRIVER' };
      expect((await store.assessment('202611', NOW, driver)).byOwner).toEqual([
        row(people.owner, 3, 1, 3, [1, 1]),
      ]);
      // The acknowledgement is not one of the procedure's deadlines: E, unacknowledged, missed none.
      expect(await store.assessment('202612', dec(2), everyone)).toEqual({
        byResponsible: [row('delivery', 1, 0, null)],
        byOwner: [row(people.owner, 1, 0, null)],
      });
      expect(await store.assessment('202601', NOW, everyone)).toEqual({ byResponsible: [], byOwner: [] });
    });
  });
}
