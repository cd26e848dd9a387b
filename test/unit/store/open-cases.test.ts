import { describe, expect, it } from 'vitest';
import type { Case, CaseStatus } from '../../../src/domain/case.js';
import { isFinished } from '../../../src/domain/case.js';
import { caseStore } from '../../../src/store/case-store.js';
import { memoryCollections } from '../../../src/store/memory-collections.js';
import { aCase, T0 } from '../../support/cases.js';

const STATUSES: CaseStatus[] = ['registered', 'accepted', 'resolved', 'closed'];

/** One case in each status, registered two days before `T0`. */
async function oneOfEach() {
  const store = caseStore(memoryCollections());
  const createdAt = new Date(T0.getTime() - 2 * 86_400_000);
  for (const [i, status] of STATUSES.entries()) {
    const { number: _n, revision: _r, ...draft } = aCase({ submissionKey: `s${i}`, createdAt });
    await store.create({ ...draft, status } as Omit<Case, 'number' | 'revision'>, '202611');
  }
  return store;
}

const statusesOf = (cases: Case[]) => cases.map((c) => c.status).sort();
const open = STATUSES.filter((s) => !isFinished({ status: s })).sort();

describe('open cases, as the domain defines them, in every query that lists them', () => {
  it('leave resolved and closed cases out of the reconcile scan', async () => {
    const store = await oneOfEach();
    const scanned: Case[] = [];
    for await (const c of store.openCases()) scanned.push(c);
    expect(statusesOf(scanned)).toEqual(open);
  });

  it('leave them out of a manager’s daily list', async () => {
    const store = await oneOfEach();
    expect(
      statusesOf(
        await store.openBefore(T0, {
          scope: { kind: 'departments', ids: ['delivery'] },
          viewer: 'U0MANAGER',
        }),
      ),
    ).toEqual(open);
  });

  it('leave them out of /complaint list', async () => {
    const store = await oneOfEach();
    const { cases } = await store.search({ kind: 'list', scope: { kind: 'all' }, viewer: 'U0GM' }, 0, 10);
    expect(statusesOf(cases)).toEqual(open);
  });
});
