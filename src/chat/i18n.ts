import type { Locale } from '../domain/policy.js';
import { en, type MessageKey } from './messages/en.js';
import { zhCN } from './messages/zh-CN.js';

export type { MessageKey };
export const catalogs: Record<Locale, Record<MessageKey, string>> = { en, 'zh-CN': zhCN };

/** Says a message in one language. */
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** The messages of one language, with `{name}` placeholders filled in. */
export function translator(locale: Locale): Translate {
  const catalog = catalogs[locale];
  return (key, params = {}) =>
    catalog[key].replace(/\{(\w+)\}/g, (whole, name: string) => String(params[name] ?? whole));
}

/** Whether a string is a key of the catalogs, e.g. a category id that has a name. */
export function isMessageKey(key: string): key is MessageKey {
  return key in en;
}
