import { DateTime } from 'luxon';

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** A span of a working day in minutes after midnight, local time: [540, 1080] is 09:00–18:00. */
export type WorkingSpan = [number, number];

/** When the company works: hours per weekday, holidays off, and make-up working days (调休) on. */
export interface WorkingCalendar {
  timezone: string;
  hours: Partial<Record<Weekday, WorkingSpan[]>>;
  /** Dates (`YYYY-MM-DD`) not worked, whatever their weekday. */
  holidays: string[];
  /** Dates worked although their weekday is not, with the hours of `makeUpDay`. */
  workdays: string[];
  makeUpDay: Weekday;
}

/** Moves a time forward by a duration: by the clock, or counting only working time. */
export type Advance = (from: Date, ms: number) => Date;

export const byTheClock: Advance = (from, ms) => new Date(from.getTime() + ms);

/** How long it is from one time to a later one: by the clock, or counting only working time. */
export type Measure = (from: Date, to: Date) => number;

export const clockTimeBetween: Measure = (from, to) => Math.max(0, to.getTime() - from.getTime());

/** The days a calendar is searched ahead before it is judged to have no working time at all. */
const SEARCH_DAYS = 3660;

function spansOf(day: DateTime, calendar: WorkingCalendar): WorkingSpan[] {
  const date = day.toISODate() ?? '';
  if (calendar.holidays.includes(date)) return [];
  if (calendar.workdays.includes(date)) return calendar.hours[calendar.makeUpDay] ?? [];
  return calendar.hours[WEEKDAYS[day.weekday - 1] as Weekday] ?? [];
}

/** The working spans of each day from `from`'s day on, as [opens, closes] in epoch milliseconds. */
function* workingSpans(from: Date, calendar: WorkingCalendar): Generator<[number, number]> {
  const start = DateTime.fromJSDate(from, { zone: calendar.timezone });
  for (let offset = 0; offset < SEARCH_DAYS; offset++) {
    const day = start.startOf('day').plus({ days: offset });
    for (const [open, close] of spansOf(day, calendar)) {
      const opens = day.set({ hour: Math.floor(open / 60), minute: open % 60 }).toMillis();
      const closes = day.set({ hour: Math.floor(close / 60), minute: close % 60 }).toMillis();
      yield [opens, closes];
    }
  }
}

/** Working time between two times, in the calendar's timezone. */
export function workingTimeBetween(calendar: WorkingCalendar): Measure {
  return (from, to) => {
    let worked = 0;
    for (const [opens, closes] of workingSpans(from, calendar)) {
      if (opens >= to.getTime()) break;
      worked += Math.max(0, Math.min(closes, to.getTime()) - Math.max(opens, from.getTime()));
    }
    return worked;
  };
}

/** Counting only working time: `ms` of work after `from`, in the calendar's timezone, daylight saving included. */
export function byCalendar(calendar: WorkingCalendar): Advance {
  return (from, ms) => {
    let left = ms;
    for (const [opens, closes] of workingSpans(from, calendar)) {
      const begin = Math.max(opens, from.getTime());
      if (begin >= closes) continue;
      if (left <= closes - begin) return new Date(begin + left);
      left -= closes - begin;
    }
    throw new Error(`the working calendar has no working time in ${SEARCH_DAYS} days`);
  };
}
