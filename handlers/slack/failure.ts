import type { AnyMiddlewareArgs, CodedError, Context, Middleware } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import type { CaseStore } from '../../src/app/ports.js';
import type { Translate } from '../../src/chat/i18n.js';
import { slackAnswers } from '../../src/chat/slack-answers.js';
import type { Log } from '../../src/log.js';

/** Bolt's context key under which the time a request came in is kept. */
const RECEIVED_AT = 'receivedAt';
/** Bolt's context key under which the request's acknowledgement is kept, for a handler that failed before it. */
const ACK = 'ackRequest';

/** Global middleware: notes when the request came in, so a failure can tell what it changed since. */
export const noteReceived: Middleware<AnyMiddlewareArgs> = async (args) => {
  args.context[RECEIVED_AT] = Date.now();
  if ('ack' in args) args.context[ACK] = args.ack;
  await args.next();
};

const person = z.union([
  // A button, in a channel or a direct message.
  z
    .object({
      user: z.object({ id: z.string() }),
      channel: z.object({ id: z.string() }).optional(),
      actions: z.array(z.object({ value: z.string().optional() })),
    })
    .transform((b) => ({
      user: b.user.id,
      channel: b.channel?.id,
      number: b.actions[0]?.value?.split('/')[0],
    })),
  // A form: the case and the message its button was in are in the metadata.
  z
    .object({ user: z.object({ id: z.string() }), view: z.object({ private_metadata: z.string() }) })
    .transform((b) => {
      const metadata = z
        .object({ number: z.string(), pressedIn: z.object({ channel: z.string() }).optional() })
        .safeParse(safeJson(b.view.private_metadata));
      return {
        user: b.user.id,
        channel: metadata.success ? metadata.data.pressedIn?.channel : undefined,
        number: metadata.success ? metadata.data.number : undefined,
      };
    }),
  // A command.
  z
    .object({ user_id: z.string(), channel_id: z.string() })
    .transform((b) => ({ user: b.user_id, channel: b.channel_id as string | undefined, number: undefined })),
]);

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * The one error sink: logs the failure, and tells the person whose request failed, privately, that it did not
 * work, and whether their change was saved before it failed (the case's timeline says so).
 */
export const tellFailure =
  ({ client, store, t, log }: { client: WebClient; store: CaseStore; t: Translate; log: Log }) =>
  async ({ error, body, context }: { error: CodedError; body: unknown; context: Context }) => {
    log.error({ err: error.original ?? error }, 'slack handler failed');
    // A handler that failed before acknowledging: Slack gets its answer now, not a timeout (a second one throws).
    const ack = context[ACK];
    if (typeof ack === 'function') await Promise.resolve(ack()).catch(() => {});
    const who = person.safeParse(body);
    if (!who.success) return;
    const { user, channel, number } = who.data;
    const since = Number(context[RECEIVED_AT] ?? Date.now());
    const c = number ? await store.get(number).catch(() => null) : null;
    const saved = c?.timeline.some((e) => e.by === user && e.at.getTime() >= since) ?? false;
    const text = saved && c ? t('error.failed_after_save', { number: c.number }) : t('error.failed');
    await slackAnswers(client)
      .tell(user, channel, text)
      .catch((e: unknown) => log.error({ err: e }, 'could not tell the person their request failed'));
  };
