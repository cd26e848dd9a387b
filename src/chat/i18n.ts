import { IntlMessageFormat } from 'intl-messageformat';
import type { Locale } from '../domain/policy.js';
import { en, type MessageKey } from './messages/en.js';
import { zhCN } from './messages/zh-CN.js';

export type { MessageKey };
export const catalogs: Record<Locale, Record<MessageKey, string>> = { en, 'zh-CN': zhCN };

/** Says a message in one language. */
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** A message that counts (`{count, plural, one {…} other {…}}`) is ICU MessageFormat, for the language's plural rules. */
const COUNTS = /\{\s*\w+\s*,\s*(plural|selectordinal|select)\s*,/;

/** The messages of one language, with `{name}` placeholders filled in and counts said by its plural rules. */
export function translator(locale: Locale): Translate {
  const catalog = catalogs[locale];
  const formats = new Map<MessageKey, IntlMessageFormat>();
  const counting = (key: MessageKey) => {
    // Slack's mentions and links are written with <…>: they are text here, not markup.
    const format =
      formats.get(key) ?? new IntlMessageFormat(catalog[key], locale, undefined, { ignoreTag: true });
    formats.set(key, format);
    return format;
  };
  return (key, params = {}) =>
    COUNTS.test(catalog[key])
      ? String(counting(key).format(params))
      : catalog[key].replace(/\{(\w+)\}/g, (whole, name: string) => String(params[name] ?? whole));
}

/** Whether a string is a key of the catalogs, e.g. a category id that has a name. */
export function isMessageKey(key: string): key is MessageKey {
  return key in en;
}
