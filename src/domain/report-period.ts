import { DateTime, type DurationLikeObject } from 'luxon';

/** The reports to the GM: weekly and monthly (001), half-year in June and December, and annual (003). */
export const REPORT_KINDS = ['weekly', 'monthly', 'halfYear', 'annual'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** How long each report's period is. */
export const PERIOD_LENGTH: Record<ReportKind, DurationLikeObject> = {
  weekly: { weeks: 1 },
  monthly: { months: 1 },
  halfYear: { months: 6 },
  annual: { years: 1 },
};
/** Where a period ends: at the start of the week, month or year the report runs in. */
const PERIOD_END: Record<ReportKind, 'week' | 'month' | 'year'> = {
  weekly: 'week',
  monthly: 'month',
  halfYear: 'month',
  annual: 'year',
};

/**
 * The last whole period before `now`, in the company's timezone: the week (Monday to Monday), the month, the six
 * months (run on 1 June: December to May; on 1 December: June to November), the calendar year.
 */
export function previousPeriod(kind: ReportKind, now: Date, timezone: string): { from: Date; to: Date } {
  const to = DateTime.fromJSDate(now, { zone: timezone }).startOf(PERIOD_END[kind]);
  return { from: to.minus(PERIOD_LENGTH[kind]).toJSDate(), to: to.toJSDate() };
}
