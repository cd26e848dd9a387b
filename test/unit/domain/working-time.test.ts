import { describe, expect, it } from 'vitest';
import { byCalendar, type WorkingCalendar, type WorkingSpan } from '../../../src/domain/working-time.js';

const H = 3600_000;
const nineToSix: WorkingSpan[] = [
  [9 * 60, 12 * 60],
  [13 * 60, 18 * 60],
];
const weekdays = { mon: nineToSix, tue: nineToSix, wed: nineToSix, thu: nineToSix, fri: nineToSix };
const shanghai: WorkingCalendar = {
  timezone: 'Asia/Shanghai',
  hours: weekdays,
  holidays: [],
  workdays: [],
  makeUpDay: 'mon',
};
/** A time written in Shanghai (UTC+8). */
const cst = (local: string) => new Date(`${local}+08:00`);

describe('working-time deadlines', () => {
  it('count within a day, skipping lunch', () => {
    const advance = byCalendar(shanghai);
    expect(advance(cst('2026-11-23T10:00:00'), 4 * H)).toEqual(cst('2026-11-23T15:00:00'));
  });

  it('skip the night and the weekend', () => {
    const advance = byCalendar(shanghai);
    // Friday 17:00 + 8 working hours: 1 h on Friday, then 7 h on Monday (3 h morning, 4 h afternoon).
    expect(advance(cst('2026-11-27T17:00:00'), 8 * H)).toEqual(cst('2026-11-30T17:00:00'));
    // Registered on Saturday: the clock starts on Monday at 09:00.
    expect(advance(cst('2026-11-28T11:00:00'), 1 * H)).toEqual(cst('2026-11-30T10:00:00'));
  });

  it('skip a holiday week and work its make-up Saturdays (调休)', () => {
    // A long National Day break: October 1–9 off; Saturdays September 26 and October 10 worked instead.
    const golden: WorkingCalendar = {
      ...shanghai,
      holidays: [
        '2026-10-01',
        '2026-10-02',
        '2026-10-05',
        '2026-10-06',
        '2026-10-07',
        '2026-10-08',
        '2026-10-09',
      ],
      workdays: ['2026-09-26', '2026-10-10'],
    };
    const advance = byCalendar(golden);
    // Friday September 25, 17:00 + 8 h: 1 h Friday, then 7 h on the make-up Saturday.
    expect(advance(cst('2026-09-25T17:00:00'), 8 * H)).toEqual(cst('2026-09-26T17:00:00'));
    // Wednesday September 30, 17:00 + 2 h: 1 h that day, then nothing until the make-up Saturday October 10.
    expect(advance(cst('2026-09-30T17:00:00'), 2 * H)).toEqual(cst('2026-10-10T10:00:00'));
  });

  it('keep local working hours across a daylight-saving change (Europe/Berlin)', () => {
    const everyDay: WorkingSpan[] = [[8 * 60, 20 * 60]];
    const berlin: WorkingCalendar = {
      timezone: 'Europe/Berlin',
      hours: {
        mon: everyDay,
        tue: everyDay,
        wed: everyDay,
        thu: everyDay,
        fri: everyDay,
        sat: everyDay,
        sun: everyDay,
      },
      holidays: [],
      workdays: [],
      makeUpDay: 'mon',
    };
    const advance = byCalendar(berlin);
    // Saturday March 28, 19:00 CET (UTC+1) + 3 h: 1 h on Saturday, 2 h from 08:00 CEST (UTC+2) on Sunday.
    expect(advance(new Date('2026-03-28T19:00:00+01:00'), 3 * H)).toEqual(
      new Date('2026-03-29T10:00:00+02:00'),
    );
    // And back in autumn: Saturday October 24, 19:00 CEST + 3 h ends Sunday 10:00 CET.
    expect(advance(new Date('2026-10-24T19:00:00+02:00'), 3 * H)).toEqual(
      new Date('2026-10-25T10:00:00+01:00'),
    );
  });

  it('refuses a calendar with no working time at all', () => {
    const never = byCalendar({ ...shanghai, hours: {} });
    expect(() => never(cst('2026-11-23T10:00:00'), H)).toThrow('no working time');
  });
});
