import { describe, expect, it } from 'vitest';
import { formatCaseNumber, monthKey } from '../../../src/domain/case-number.js';
import { parseDuration } from '../../../src/domain/duration.js';
import { maskPhone, normalizePhone, showPhone } from '../../../src/domain/phone.js';

describe('phone numbers', () => {
  const cn = (text: string) => normalizePhone(text, 'CN') !== null;
  it('accepts numbers that can be dialled and refuses what is not one', () => {
    expect(['138 1234 5678', '+86-138-1234-5678', '(010) 6552 9988', '+44 7911 123456'].map(cn)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(['12ab', '123', '', '1234567890123456', '138 1234 567x', '+86 138'].map(cn)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('writes one number one way (E.164), whatever way it was typed', () => {
    const typed = [
      '+86 138 1234 5678',
      '13812345678',
      ' 138-1234 5678 ',
      '0086 138 1234 5678',
      '(138) 1234.5678',
    ];
    expect(new Set(typed.map((t) => normalizePhone(t, 'CN')))).toEqual(new Set(['+8613812345678']));
    expect(normalizePhone('010 6552 9988', 'CN')).toBe('+861065529988');
    expect(normalizePhone('020 7946 0958', 'GB')).toBe('+442079460958');
    expect(normalizePhone('not a phone', 'CN')).toBeNull();
  });

  it('shows and masks a number as it is dialled at home, with its country code from abroad', () => {
    expect(showPhone('+8613812345678', 'CN')).toBe('13812345678');
    expect(showPhone('+861065529988', 'CN')).toBe('01065529988');
    expect(showPhone('+447911123456', 'CN')).toBe('+447911123456');
    expect(maskPhone('+8613812345678', 'CN')).toBe('138****5678');
    expect(maskPhone('+861065529988', 'CN')).toBe('010****9988');
    expect(maskPhone('+447911123456', 'CN')).toBe('+44******3456');
    expect(maskPhone('13812345678', 'CN')).toBe('138****5678'); // stored before numbers were normalised
    expect(maskPhone('', 'CN')).toBe('');
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
