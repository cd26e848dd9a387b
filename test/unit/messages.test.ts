import { describe, expect, it } from 'vitest';
import { catalogs, categoryName, translator } from '../../src/chat/i18n.js';
import { translatorOf } from '../../src/chat/readers.js';
import { DEFAULT_CATEGORIES } from '../../src/domain/policy.js';

/** The names a message fills in: `{name}`, or the counted `{name, plural, …}` of ICU MessageFormat. */
const placeholders = (text: string) =>
  [...new Set([...text.matchAll(/\{(\w+)\s*[,}]/g)].map((m) => m[1]))].sort();

describe('message catalogs', () => {
  const [en, zh] = [catalogs.en, catalogs['zh-CN']];

  it('have the same keys in zh-CN and en, none empty', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    for (const catalog of [en, zh])
      expect(Object.values(catalog).filter((text) => text.trim() === '')).toEqual([]);
  });

  it('fill in the same placeholders in both languages', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect([key, placeholders(zh[key])]).toEqual([key, placeholders(en[key])]);
    }
  });

  it('hold plain words: people, channels, stress and dates are written by each platform', () => {
    for (const catalog of [en, zh])
      expect(Object.entries(catalog).filter(([, text]) => /<[@#!]|\*\S[^*]*\*/.test(text))).toEqual([]);
    const params = { by: { person: 'U0OWNER' }, text: 'soon' };
    expect(translator('en')('thread.extended', params)).toBe(
      'U0OWNER promised the customer a new time: soon',
    );
    expect(translatorOf('en')('thread.extended', params)).toBe(
      '<@U0OWNER> promised the customer a new time: soon',
    );
    expect(translatorOf('en')('report.total', { count: { strong: 3 } })).toBe('Complaints registered: *3*');
  });

  it('name every default category in both languages', () => {
    for (const locale of ['en', 'zh-CN'] as const) {
      const t = translator(locale);
      for (const id of DEFAULT_CATEGORIES) expect(categoryName(t, id)).not.toBe(id);
    }
  });

  it('fill placeholders in', () => {
    expect(translator('zh-CN')('notice.escalated', { number: '202611-0007' })).toBe(
      '投诉案件 202611-0007 已升级至您。',
    );
  });

  it('say counts by each language’s plural rules', () => {
    const en = translator('en');
    expect(en('notice.digest', { count: 1 })).toBe(
      '1 complaint has been escalated to you in the last few minutes.',
    );
    expect(en('notice.digest', { count: 2 })).toBe(
      '2 complaints have been escalated to you in the last few minutes.',
    );
    expect(translator('zh-CN')('notice.digest', { count: 1 })).toBe('最近几分钟内有 1 件投诉案件升级至您。');
  });
});
