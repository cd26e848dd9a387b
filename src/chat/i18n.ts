import { IntlMessageFormat } from 'intl-messageformat';
import type { Locale } from '../domain/policy.js';
import { en, type MessageKey } from './messages/en.js';
import { zhCN } from './messages/zh-CN.js';

export type { MessageKey };
export const catalogs: Record<Locale, Record<MessageKey, string>> = { en, 'zh-CN': zhCN };

/**
 * What a message names: words or a number as they are, a person by their chat id, a conversation by its id, or
 * words to stress, which may link to a page (`href`). The catalogs hold plain words; how a person, a conversation or stress is written is the chat
 * platform's (its `Marks`).
 */
export type Param =
  | string
  | number
  | { person: string }
  | { channel: string }
  | { strong: string | number; href?: string };

/** Says a message in one language. */
export type Translate = (key: MessageKey, params?: Record<string, Param>) => string;

/** How a chat platform writes a person, a conversation and stress in its messages (Slack's in mrkdwn.ts). */
export interface Marks {
  person(id: string): string;
  channel(id: string): string;
  strong(text: string, href?: string): string;
}

/** Plain words: a person and a conversation by their ids, nothing stressed. */
export const plainMarks: Marks = { person: (id) => id, channel: (id) => id, strong: (text) => text };

/** A value as the platform writes it; numbers stay numbers, for the language's plural rules. */
export function written(value: Param, marks: Marks): string | number {
  if (typeof value === 'string' || typeof value === 'number') return value;
  if ('person' in value) return marks.person(value.person);
  if ('channel' in value) return marks.channel(value.channel);
  return marks.strong(String(value.strong), value.href);
}

/** A message that counts (`{count, plural, one {…} other {…}}`) is ICU MessageFormat, for the language's plural rules. */
const COUNTS = /\{\s*\w+\s*,\s*(plural|selectordinal|select)\s*,/;

/**
 * The messages of one language, with `{name}` placeholders filled in, as the platform writes them, and counts
 * said by its plural rules.
 */
export function translator(locale: Locale, marks: Marks = plainMarks): Translate {
  const catalog = catalogs[locale];
  const formats = new Map<MessageKey, IntlMessageFormat>();
  const counting = (key: MessageKey) => {
    // A platform's marks may be written with <…> (Slack's mentions): they are text here, not markup.
    const format =
      formats.get(key) ?? new IntlMessageFormat(catalog[key], locale, undefined, { ignoreTag: true });
    formats.set(key, format);
    return format;
  };
  return (key, given = {}) => {
    const params = Object.fromEntries(Object.entries(given).map(([name, v]) => [name, written(v, marks)]));
    return COUNTS.test(catalog[key])
      ? String(counting(key).format(params))
      : catalog[key].replace(/\{(\w+)\}/g, (whole, name: string) => String(params[name] ?? whole));
  };
}

/** Whether a string is a key of the catalogs, e.g. a category id that has a name. */
export function isMessageKey(key: string): key is MessageKey {
  return key in en;
}

/** A category as the catalog names it; a category of the policy's own keeps its id. */
export function categoryName(t: Translate, id: string): string {
  const key = `category.${id}`;
  return isMessageKey(key) ? t(key) : id;
}
