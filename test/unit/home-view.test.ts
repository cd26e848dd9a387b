import { describe, expect, it } from 'vitest';
import type { Home } from '../../src/app/home.js';
import { homeView } from '../../src/chat/home.js';
import { translatorOf } from '../../src/chat/readers.js';
import type { Case } from '../../src/domain/case.js';
import { SUMMARY_MAX } from '../../src/domain/complaint.js';
import { homeCases } from '../../src/domain/home.js';
import { LOCALES } from '../../src/domain/policy.js';
import type { Statistics } from '../../src/domain/statistics.js';
import { LIMITS, viewViolations } from '../support/block-kit-limits.js';
import { aCase, T0 } from '../support/cases.js';
import { people, testPolicy } from '../support/harness.js';

const policy = testPolicy();
const now = new Date(T0.getTime() + 2 * 3600_000);

/** Many open cases at the forms' limits, of every kind a Home lists: to acknowledge, to approve, overdue, owned. */
function manyCases(count: number): Case[] {
  return Array.from({ length: count }, (_, i) => {
    const number = `202611-${String(i + 1).padStart(4, '0')}`;
    // `&` becomes `&amp;` in mrkdwn: the longest text a summary can become.
    const c = aCase({ number, summary: '&<'.repeat(SUMMARY_MAX / 2), category: 'x'.repeat(150) });
    if (i % 3 === 1) return { ...c, status: 'accepted' as const };
    if (i % 3 === 2)
      return { ...c, status: 'accepted' as const, pendingApproval: { amount: 900, text: 'x', by: c.owner } };
    return c;
  });
}

const stats = { total: 12, deadlines: { judged: 4, met: 3 } } as Statistics;

function home(user: string, cases: Case[]): Home {
  const listed = homeCases(user, cases, policy, now);
  return {
    ...listed,
    at: now,
    weeks: listed.overview
      ? { thisWeek: { judged: 0, met: 0 }, lastWeek: { period: { from: T0, to: now }, stats } }
      : null,
  };
}

describe('the App Home view', () => {
  it.each(LOCALES)('stays within Slack’s limits however many cases, in %s', (locale) => {
    const t = translatorOf(locale);
    const cases = manyCases(300);
    for (const user of [people.owner, people.manager, people.gm, people.csManager, people.stranger]) {
      const view = homeView(t, policy, home(user, cases), 'Europe/London');
      expect(viewViolations(view), user).toEqual([]);
      expect(view.blocks.length).toBeLessThanOrEqual(LIMITS.viewBlocks);
    }
  });

  it('says how many more there are than it shows, and names nobody’s case to its respondent', () => {
    const t = translatorOf('en');
    const cases = manyCases(40).map((c, i) => (i === 0 ? { ...c, respondent: people.gm } : c));
    const gm = JSON.stringify(homeView(t, policy, home(people.gm, cases)));
    expect(gm).toContain('Overdue now (39)');
    expect(gm).not.toContain('202611-0001');
    const owner = JSON.stringify(homeView(t, policy, home(people.owner, cases)));
    expect(owner).toContain('And 25 more');
    expect(owner).toContain('202611-0001');
  });
});
