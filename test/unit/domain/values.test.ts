import { describe, expect, it } from 'vitest';
import { formatCaseNumber, monthKey } from '../../../src/domain/case-number.js';
import { parseDuration } from '../../../src/domain/duration.js';
import { isPhone, maskPhone, normalizePhone } from '../../../src/domain/phone.js';

describe('phone numbers', () => {
  it('accepts written-out numbers and refuses what is not one', () => {
    expect(['138 1234 5678', '+86-138-1234-5678', '(010) 6552 9988', '5551234'].map(isPhone)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(['12ab', '123', '', '1234567890123456', '138 1234 567x'].map(isPhone)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(normalizePhone(' 138-1234 5678 ')).toBe('13812345678');
  });

  it('masks the middle', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('+8613812345678')).toBe('+86*******5678');
    expect(maskPhone('5551234')).toBe('***1234');
  });
});

describe('durations', () => {
  it('reads the units of the policy file', () => {
    expect(['1500ms', '90s', '30m', '4h', '2d', '1.5h'].map(parseDuration)).toEqual([
      1500, 90_000, 1_800_000, 14_400_000, 172_800_000, 5_400_000,
    ]);
    expect(['4', 'h', '0s', '-1h', '4 hours'].map(parseDuration)).toEqual([null, null, null, null, null]);
  });
});

describe('case numbers', () => {
  it('takes the month in the company timezone', () => {
    const lateOnOctober31stUtc = new Date('2026-10-31T17:00:00Z'); // already November 1st in Shanghai
    expect(monthKey(lateOnOctober31stUtc, 'Asia/Shanghai')).toBe('202611');
    expect(monthKey(lateOnOctober31stUtc, 'Europe/Berlin')).toBe('202610');
  });

  it('prints year, month and a four-digit serial', () => {
    expect(formatCaseNumber('202611', 7)).toBe('202611-0007');
    expect(formatCaseNumber('202611', 12345)).toBe('202611-12345');
  });
});
