import type { Case } from '../domain/case.js';
import { type HomeCases, homeCases, seesEveryOpenCase } from '../domain/home.js';
import type { Policy } from '../domain/policy.js';
import { previousPeriod } from '../domain/report-period.js';
import type { Kept, Statistics } from '../domain/statistics.js';
import { listScope } from '../domain/visibility.js';
import type { CaseStore, Clock } from './ports.js';

/** Open cases read for someone whose Home lists only their own and their departments': more than any has. */
const SCOPED_CASES = 1000;

/** A person's Home as of a time: their cases, and for the CS manager and the GM this week's and last week's numbers. */
export interface Home extends HomeCases {
  at: Date;
  weeks: {
    /** The deadlines due since this week began, and how many were kept as first promised. */
    thisWeek: Kept;
    /** Last week's statistics, as the weekly report gave them. */
    lastWeek: { period: { from: Date; to: Date }; stats: Statistics };
  } | null;
}

/** Builds a person's Home from the store: what waits for them, their cases, and what their role oversees. */
export const homeOf =
  ({ store, policy, clock }: { store: CaseStore; policy: Policy; clock: Clock }) =>
  async (user: string): Promise<Home> => {
    const now = clock.now();
    const open = await openCasesOf(store, user, policy);
    const cases = homeCases(user, open, policy, now);
    if (!cases.overview) return { ...cases, at: now, weeks: null };
    const lastWeek = previousPeriod('weekly', now, policy.timezone);
    const [thisWeek, lastStats] = await Promise.all([
      store.statistics(lastWeek.to, now, now, user),
      store.statistics(lastWeek.from, lastWeek.to, now, user),
    ]);
    return {
      ...cases,
      at: now,
      weeks: { thisWeek: thisWeek.deadlines, lastWeek: { period: lastWeek, stats: lastStats } },
    };
  };

/** The open cases a person's Home may list: every one for who oversees them all, else their own and their departments'. */
async function openCasesOf(store: CaseStore, user: string, policy: Policy): Promise<Case[]> {
  if (seesEveryOpenCase(user, policy)) {
    const all: Case[] = [];
    for await (const c of store.openCases()) all.push(c);
    return all;
  }
  const scope = listScope(user, policy);
  const scopes = scope.kind === 'departments' ? [scope, { kind: 'owner' as const, user }] : [scope];
  const found = await Promise.all(
    scopes.map((s) => store.search({ kind: 'list', scope: s, viewer: user }, 0, SCOPED_CASES)),
  );
  const byNumber = new Map(found.flatMap((page) => page.cases).map((c) => [c.number, c]));
  return [...byNumber.values()];
}
