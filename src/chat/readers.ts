import { ErrorCode, type WebClient } from '@slack/web-api';
import type { Redis } from 'ioredis';
import type { Locale, Policy } from '../domain/policy.js';
import { type Translate, translator } from './i18n.js';
import { slackMarks } from './mrkdwn.js';

/** How one person reads Redress: in a language it speaks, with times in their time zone. */
export interface Reading {
  locale: Locale;
  timezone: string;
}

/** How people read; the policy's language and time zone for whoever Slack says nothing useful of. */
export interface Readers {
  of(user: string): Promise<Reading>;
  /** Remembers whose direct messages a conversation holds, so that updating one of them speaks their language. */
  remember(conversation: string, user: string): Promise<void>;
  /** How whoever a direct message conversation is with reads; the policy's for a channel or one unknown. */
  ofConversation(conversation: string): Promise<Reading>;
}

/** A person's Slack language (`en-US`, `zh-CN`) as one Redress speaks, or null when it speaks none like it. */
export function localeOf(slackLocale: unknown): Locale | null {
  if (typeof slackLocale !== 'string') return null;
  if (slackLocale === 'zh-CN') return 'zh-CN';
  return /^en(-|$)/.test(slackLocale) ? 'en' : null;
}

/** Whether the time zone is one the formatter knows (an IANA name like `Europe/London`). */
export function isTimezone(timezone: unknown): timezone is string {
  if (typeof timezone !== 'string' || timezone === '') return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone });
    return true;
  } catch {
    return false;
  }
}

const translators: Record<Locale, Translate> = {
  en: translator('en', slackMarks),
  'zh-CN': translator('zh-CN', slackMarks),
};

/** The messages of a language as Slack writes them, one translator per language for the whole process. */
export const translatorOf = (locale: Locale): Translate => translators[locale];

/** The policy's language and time zone: of a card seen by many, and of whoever Slack tells nothing of. */
export const policyReading = (policy: Pick<Policy, 'locale' | 'timezone'>): Reading => ({
  locale: policy.locale,
  timezone: policy.timezone,
});

/**
 * The policy as one reader sees it: times shown in their time zone. What the company's calendar decides (a
 * report's period, a case's month) is read from the policy itself.
 */
export const seenBy = <P extends Pick<Policy, 'timezone'>>(policy: P, reading: Reading): P => ({
  ...policy,
  timezone: reading.timezone,
});

/** Everyone reads the policy's language in its time zone: where no Slack is asked. */
export function policyReaders(policy: Pick<Policy, 'locale' | 'timezone'>): Readers {
  const reading = policyReading(policy);
  return { of: async () => reading, remember: async () => {}, ofConversation: async () => reading };
}

/** How long a person's language and time zone are trusted before Slack is asked again. */
export const READING_TTL_MS = 3_600_000;
/** How long a direct message conversation is known to be someone's: longer than buttons are pressed on it. */
const CONVERSATION_TTL_MS = 90 * 86_400_000;
/** How long a message or an answer waits for Slack to say how someone reads: then it goes in the policy's. */
const PATIENCE_MS = 1000;

/**
 * People's languages and time zones from Slack (`users.info` with `include_locale`), kept in Redis for an hour
 * so that a person costs one call an hour whichever process speaks to them.
 */
export function slackReaders(
  client: WebClient,
  redis: Redis,
  prefix: string,
  policy: Pick<Policy, 'locale' | 'timezone'>,
  ttlMs = READING_TTL_MS,
): Readers {
  const fallback = policyReading(policy);
  const readingKey = (user: string) => `${prefix}:reading:${user}`;
  const conversationKey = (conversation: string) => `${prefix}:conversation:${conversation}`;

  /** Asks Slack, and keeps the answer; a user Slack does not know reads the policy's, and is kept so too. */
  async function ask(user: string): Promise<Reading> {
    let reading: Reading;
    try {
      const answer = await client.users.info({ user, include_locale: true });
      const person = answer.user as { locale?: unknown; tz?: unknown } | undefined;
      reading = {
        locale: localeOf(person?.locale) ?? fallback.locale,
        timezone: isTimezone(person?.tz) ? person.tz : fallback.timezone,
      };
    } catch (error) {
      // Slack refused (an unknown user, say): asking again will not help. Anything else: ask again next time.
      if ((error as { code?: string }).code !== ErrorCode.PlatformError) return fallback;
      reading = fallback;
    }
    await redis.set(readingKey(user), JSON.stringify(reading), 'PX', ttlMs);
    return reading;
  }

  async function of(user: string): Promise<Reading> {
    const kept = parseReading(await redis.get(readingKey(user)));
    if (kept) return kept;
    const asking = ask(user).catch(() => fallback);
    const late = new Promise<Reading>((resolve) => setTimeout(resolve, PATIENCE_MS, fallback).unref());
    return Promise.race([asking, late]);
  }

  return {
    of,
    async remember(conversation, user) {
      if (conversation !== user)
        await redis.set(conversationKey(conversation), user, 'PX', CONVERSATION_TTL_MS);
    },
    async ofConversation(conversation) {
      const user = await redis.get(conversationKey(conversation));
      return user ? of(user) : fallback;
    },
  };
}

function parseReading(text: string | null): Reading | null {
  if (!text) return null;
  try {
    const kept = JSON.parse(text) as { locale?: unknown; timezone?: unknown };
    const locale = localeOf(kept.locale);
    return locale && isTimezone(kept.timezone) ? { locale, timezone: kept.timezone } : null;
  } catch {
    return null;
  }
}
