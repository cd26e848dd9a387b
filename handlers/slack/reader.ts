import { AsyncLocalStorage } from 'node:async_hooks';
import type { AnyMiddlewareArgs, Context, Middleware } from '@slack/bolt';
import type { Translate } from '../../src/chat/i18n.js';
import { policyReading, type Readers, type Reading, translatorOf } from '../../src/chat/readers.js';
import type { Policy } from '../../src/domain/policy.js';

/** Bolt's context key under which the request's reader is kept, for the error sink. */
const READING = 'reading';

const current = new AsyncLocalStorage<Reading>();

/**
 * Global middleware: everything a request is answered with (forms, private answers, field errors) is in the
 * language and time zone of the person who sent it. Their reading is kept in Redis, so this is a read there;
 * Slack is asked at most once an hour per person, and never waited on for more than a second.
 */
export const readerOfRequest =
  (readers: Readers): Middleware<AnyMiddlewareArgs> =>
  async ({ context, next }) => {
    const user = context.userId;
    if (!user) return next();
    const reading = await readers.of(user);
    context[READING] = reading;
    return current.run(reading, next);
  };

/** Runs `work` (the error sink, say) as the request the context belongs to, in its reader's language. */
export function asReaderOf<T>(context: Context, work: () => T): T {
  const reading = context[READING] as Reading | undefined;
  return reading ? current.run(reading, work) : work();
}

/** How the person whose request is being answered reads; the policy's outside a request. */
export const requestReading = (policy: Pick<Policy, 'locale' | 'timezone'>): Reading =>
  current.getStore() ?? policyReading(policy);

/** Says a message in the language of the person whose request is being answered; the policy's outside one. */
export const requestTranslator =
  (policy: Pick<Policy, 'locale' | 'timezone'>): Translate =>
  (key, params) =>
    translatorOf(requestReading(policy).locale)(key, params);
