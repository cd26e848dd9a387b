import type { CaseStore } from '../../src/app/ports.js';
import type { Case } from '../../src/domain/case.js';
import { type CaseSearch, findSearch, type ListScope } from '../../src/domain/visibility.js';
import { fullCase } from '../support/full-case.js';
import { people, testPolicy } from '../support/harness.js';
import { A, B, C, D, dec, E, everyCase, NOW, nov, phones, SEEDS, seed } from './seeds.js';

const policy = testPolicy();

/**
 * Every method of the store, and so every query of `queries.ts`, run over the seeded register: writes of each
 * kind first, then every read, with arguments that reach the edges (no match, bounds, case, regex characters).
 * The answers come back by name, so two engines can be compared answer by answer.
 */
export async function everyAnswer(store: CaseStore): Promise<Record<string, unknown>> {
  const answers: Record<string, unknown> = {};
  const note = (name: string, value: unknown) => {
    answers[name] = value;
  };

  note('create the seeds', await seed(store));
  const [again] = SEEDS[1] ?? [];
  if (again) note('create a seed again', await store.create(again, '202611'));
  const { number: _number, revision: _revision, ...full } = fullCase('full');
  note('create a case with every field', await store.create(full, '202610'));

  const c = (await store.get(C)) as Case;
  const { batch: _batch, ...unbatched } = c;
  note('save', await store.save(c, { ...unbatched, status: 'accepted', pendingApproval: null }));
  note('save from a stale revision', await store.save(c, { ...c, status: 'closed' }));
  const entry = { at: NOW, by: 'system', type: 'escalated' as const, to: people.gm, key: 'resolve.v1.rung2' };
  note('record once', [
    await store.recordOnce(A, entry, 2),
    await store.recordOnce(A, entry, 2),
    await store.recordOnce(A, { ...entry, key: 'acknowledge.v1.rung1', to: undefined }, 1),
    await store.recordOnce('202611-0099', entry),
  ]);
  await store.linkRepeat(A, B);
  await store.linkRepeat(A, B);
  await store.linkRepeat(A, E);
  await store.linkRejection(D, C);
  note('every case after the writes', [...(await everyCase(store)), await store.get('202610-0001')]);

  const scopes: [ListScope, string][] = [
    [{ kind: 'all' }, people.gm],
    [{ kind: 'all' }, 'U0DRIVER'],
    [{ kind: 'departments', ids: ['delivery'] }, people.manager],
    [{ kind: 'departments', ids: ['kitchen', 'delivery'] }, people.manager],
    [{ kind: 'departments', ids: [] }, people.manager],
    [{ kind: 'owner', user: 'U0COOK' }, 'U0COOK'],
    [{ kind: 'owner', user: people.owner }, people.owner],
  ];
  const texts = [
    '138-1234 5678',
    '1234',
    '0000',
    'SOUP',
    ' soup ',
    '(again)',
    'mr. LI',
    'mr.*li',
    '王女',
    '202611-0004',
    '+86 138 1234 5678',
    '(010) 6552 9988',
  ];
  const searches: CaseSearch[] = [
    ...scopes.map(([scope, viewer]): CaseSearch => ({ kind: 'list', scope, viewer })),
    ...texts.map((text) => findSearch(text, people.gm, policy)),
    ...texts.map((text) => findSearch(text, 'U0COOK', policy)),
    findSearch('soup', 'U0DRIVER', policy),
    findSearch('13812345678', 'U0DRIVER', policy),
    findSearch('+86 138 1234 5678', 'U0DRIVER', policy),
    findSearch('0086-138-1234-5678', 'U0COOK', policy),
    findSearch('202612', people.gm, policy),
  ];
  for (const search of searches) {
    for (const [page, size] of [
      [0, 10],
      [0, 2],
      [1, 2],
    ] as const)
      note(
        `search ${JSON.stringify(search)} page ${page} of ${size}`,
        await store.search(search, page, size),
      );
  }

  for (const phone of [phones.wang, phones.li, phones.zhao, phones.wang.slice(0, -1)])
    for (const since of [nov(1), nov(12), nov(13), dec(2)])
      note(`latest of ${phone} since ${since.toISOString()}`, await store.latestOfCustomer(phone, since));

  for (const [category, item] of [
    ['delivery', ' order 8812 '],
    ['delivery', 'Order 8812'],
    ['food_safety', 'ORDER 8812'],
    ['delivery', 'Order'],
    ['delivery', 'Order.8812'],
    ['delivery', 'Order 8812 (2)'],
  ] as const)
    for (const since of [nov(1), nov(15)])
      note(
        `same problem ${category} ${item} since ${since.toISOString()}`,
        await store.sameProblem(category, item, since),
      );

  const open: Case[] = [];
  for await (const found of store.openCases()) open.push(found);
  note(
    'open cases',
    open.sort((x, y) => x.number.localeCompare(y.number)),
  );
  for (const at of [nov(2), nov(15), dec(31)])
    for (const departments of [['delivery'], ['delivery', 'kitchen'], []])
      for (const viewer of [people.manager, 'U0DRIVER'])
        note(
          `open before ${at.toISOString()} of ${departments} for ${viewer}`,
          await store.openBefore(at, { scope: { kind: 'departments', ids: departments }, viewer }),
        );

  for (const month of ['202610', '202611', '202612', '2026', '202601'])
    for (const viewer of [people.gm, 'U0DRIVER'])
      note(
        `cases of ${month} for ${viewer}`,
        await store.casesOfMonth(month, { scope: { kind: 'all' }, viewer }),
      );

  for (const month of ['202610', '202611', '202612', '202601'])
    for (const now of [NOW, dec(2)])
      for (const [scope, viewer] of [
        [{ kind: 'all' }, people.gm],
        [{ kind: 'all' }, 'U0DRIVER'],
        [{ kind: 'departments', ids: ['kitchen'] }, 'U0CHEF'],
      ] as [ListScope, string][])
        note(
          `assessment of ${month} at ${now.toISOString()} for ${viewer}`,
          await store.assessment(month, now, { scope, viewer }),
        );

  for (const [from, to, now] of [
    [nov(1, 0), dec(1, 0), NOW],
    [nov(1, 0), dec(1, 0), nov(10, 1.75)],
    [dec(1, 0), dec(32, 0), dec(1, 1.5)],
    [dec(1, 0), dec(32, 0), dec(2)],
    [nov(1, 0), nov(2, 0), NOW],
  ] as const)
    for (const reader of [undefined, 'U0DRIVER'])
      note(
        `statistics ${from.toISOString()} to ${to.toISOString()} at ${now.toISOString()} for ${reader}`,
        await store.statistics(from, to, now, reader),
      );
  return answers;
}

/** An answer as compared between engines: no `_id`, and no key whose value is undefined (absent to both). */
export function comparable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(comparable);
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key, v]) => key !== '_id' && v !== undefined)
      .map(([key, v]) => [key, comparable(v)]),
  );
}
