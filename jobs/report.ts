import type { Job } from 'bullmq';
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { CaseStore, Chat, Report } from '../src/app/ports.js';
import type { Policy } from '../src/domain/policy.js';
import { PERIOD_LENGTH, previousPeriod, type ReportKind } from '../src/domain/report-period.js';
import { readerOf } from '../src/domain/visibility.js';

/** `current`: the period running at `at`, so far, instead of the last whole one (the sandbox asks for it). */
const payload = z.object({ at: z.number().optional(), current: z.boolean().optional() });

interface ReportDeps {
  store: CaseStore;
  chat: Chat;
  policy: Policy;
}

/**
 * When the run was meant to happen. A job scheduler's job was created at the run before (`timestamp`); the
 * time it was scheduled for is `prevMillis`. A job added by hand may name its time.
 */
export function scheduledTime(job: Pick<Job, 'data' | 'opts' | 'timestamp'>): Date {
  return new Date(payload.parse(job.data).at ?? job.opts.prevMillis ?? job.timestamp);
}

/**
 * Processes `weekly-report`, `monthly-report`, `halfYear-report` and `annual-report`: the last whole period's
 * statistics to the GM. The scheduled time decides the period and keys the message, so a retry reports the same
 * period, once.
 */
export const reportJob =
  (kind: ReportKind, { store, chat, policy }: ReportDeps) =>
  async (job: Job) => {
    const { current } = payload.parse(job.data);
    const now = scheduledTime(job);
    const ahead = DateTime.fromJSDate(now).plus(PERIOD_LENGTH[kind]).toJSDate();
    const period = previousPeriod(kind, current ? ahead : now, policy.timezone);
    const stats = await store.statistics(period.from, period.to, now, policy.gm);
    const key = `report.${kind}.${period.from.toISOString()}${current ? `.at${now.getTime()}` : ''}`;
    const trend = await weeklyTrend(store, period.to, now, policy);
    await chat.report(policy.gm, { report: kind, period, stats, trend }, key);
  };

/** Weeks the chart shows the deadlines kept of. */
const TREND_WEEKS = 8;

/** The deadlines due and kept in each of the weeks before `until`, oldest first, judged at `now`. */
async function weeklyTrend(
  store: CaseStore,
  until: Date,
  now: Date,
  policy: Policy,
): Promise<Report['trend']> {
  const weeks = Array.from({ length: TREND_WEEKS }, (_, i) =>
    previousPeriod(
      'weekly',
      DateTime.fromJSDate(until)
        .minus({ weeks: TREND_WEEKS - 1 - i })
        .toJSDate(),
      policy.timezone,
    ),
  );
  return Promise.all(
    weeks.map(async (w) => ({ from: w.from, ...(await store.statistics(w.from, w.to, now)).deadlines })),
  );
}

/** A day, the time after which the documents want a manager to look at an unresolved case (超过一天). */
const DAY_MS = 86_400_000;

/** Processes `daily-report`: each department manager gets their cases unresolved for more than a day, once a run. */
export const dailyReportJob =
  ({ store, chat, policy }: ReportDeps) =>
  async (job: Job) => {
    const now = scheduledTime(job);
    const managers = [...new Set(policy.departments.map((d) => d.manager))];
    for (const manager of managers) {
      const cases = await store.openBefore(new Date(now.getTime() - DAY_MS), readerOf(manager, policy));
      if (cases.length > 0) await chat.overdueList(manager, cases, `daily.${now.getTime()}`);
    }
  };
