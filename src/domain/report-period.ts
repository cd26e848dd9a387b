import { DateTime } from 'luxon';

export type ReportKind = 'weekly' | 'monthly';

/** The last whole week (Monday to Monday) or month before `now`, in the company's timezone. */
export function previousPeriod(kind: ReportKind, now: Date, timezone: string): { from: Date; to: Date } {
  const unit = kind === 'weekly' ? 'week' : 'month';
  const to = DateTime.fromJSDate(now, { zone: timezone }).startOf(unit);
  return { from: to.minus({ [`${unit}s`]: 1 }).toJSDate(), to: to.toJSDate() };
}
