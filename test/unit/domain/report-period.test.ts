import { describe, expect, it } from 'vitest';
import { previousPeriod } from '../../../src/domain/report-period.js';

const TZ = 'Asia/Shanghai';
/** A time in Shanghai, as ISO without an offset. */
const at = (local: string) => new Date(`${local}+08:00`);

describe('the period a report covers', () => {
  it('is, for the half-year run in early June or December, the six whole months before', () => {
    expect(previousPeriod('halfYear', at('2027-06-01T09:00:00'), TZ)).toEqual({
      from: at('2026-12-01T00:00:00'),
      to: at('2027-06-01T00:00:00'),
    });
    // Late in the first ten days (003: 6月和12月的前10日), still the same six months.
    expect(previousPeriod('halfYear', at('2026-12-10T18:00:00'), TZ)).toEqual({
      from: at('2026-06-01T00:00:00'),
      to: at('2026-12-01T00:00:00'),
    });
  });

  it('is, for the annual report, the calendar year before the run', () => {
    expect(previousPeriod('annual', at('2027-01-01T09:00:00'), TZ)).toEqual({
      from: at('2026-01-01T00:00:00'),
      to: at('2027-01-01T00:00:00'),
    });
    // The first hours of the year in Shanghai are still the last of the old one in UTC.
    expect(previousPeriod('annual', new Date('2026-12-31T17:00:00Z'), TZ).from).toEqual(
      at('2026-01-01T00:00:00'),
    );
  });

  it('is, for the week and the month, the last whole one', () => {
    expect(previousPeriod('weekly', at('2026-11-23T09:00:00'), TZ)).toEqual({
      from: at('2026-11-16T00:00:00'),
      to: at('2026-11-23T00:00:00'),
    });
    expect(previousPeriod('monthly', at('2026-12-01T09:00:00'), TZ)).toEqual({
      from: at('2026-11-01T00:00:00'),
      to: at('2026-12-01T00:00:00'),
    });
  });
});
