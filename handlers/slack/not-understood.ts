import type { AnyMiddlewareArgs, Logger, Middleware } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import { ids } from '../../src/chat/blocks.js';
import type { Translate } from '../../src/chat/i18n.js';
import { slackAnswers } from '../../src/chat/slack-answers.js';

/** Ids Redress binds: a request naming any other is not Redress's to act on. */
const KNOWN = new Set<string>(Object.values(ids));
const isKnownAction = (id: string) => KNOWN.has(id) || id.startsWith(`${ids.show}.`);

const user = z.object({ id: z.string().min(1) });
const blockActions = z.object({
  type: z.literal('block_actions'),
  user,
  channel: z.object({ id: z.string() }).optional(),
  actions: z
    .array(z.object({ action_id: z.string().refine(isKnownAction), value: z.string().optional() }))
    .min(1),
});
const viewSubmission = z.object({
  type: z.literal('view_submission'),
  user,
  view: z.object({
    callback_id: z.string().refine((id) => KNOWN.has(id)),
    private_metadata: z.string(),
    state: z.object({ values: z.record(z.string(), z.record(z.string(), z.unknown())) }),
  }),
});
const messageAction = z.object({
  type: z.literal('message_action'),
  user,
  callback_id: z.string().refine((id) => KNOWN.has(id)),
  trigger_id: z.string().min(1),
  channel: z.object({ id: z.string().min(1) }),
  message: z.object({ ts: z.string().min(1), text: z.string().optional() }),
});
const command = z.object({
  command: z.literal('/complaint'),
  user_id: z.string().min(1),
  channel_id: z.string().min(1),
  text: z.string(),
  trigger_id: z.string().min(1),
});

/** Who sent a request, as far as it says, and where to answer them privately. */
const sender = z.union([
  z
    .object({ user, channel: z.object({ id: z.string() }).optional() })
    .transform((b) => ({ user: b.user.id, channel: b.channel?.id ?? b.user.id })),
  z
    .object({ user_id: z.string(), channel_id: z.string() })
    .transform((b) => ({ user: b.user_id, channel: b.channel_id })),
]);

/** What a request is, for the log: its kind and what was wrong, never what it carried. */
function kindOf(body: Record<string, unknown>): string {
  if (typeof body.command === 'string') return 'command';
  return typeof body.type === 'string' ? body.type.slice(0, 40) : 'unknown';
}

/** Tells the person privately that their request was not understood; the log names only its kind. */
export async function answerNotUnderstood(
  { client, t, logger }: { client: WebClient; t: Translate; logger: Logger },
  body: unknown,
  what: string,
): Promise<void> {
  logger.warn(`request not understood: ${what}`);
  const who = sender.safeParse(body);
  if (!who.success) return;
  await slackAnswers(client)
    .tell(who.data.user, who.data.channel, t('error.not_understood'))
    .catch(() => logger.warn('could not tell the person their request was not understood'));
}

/**
 * Global middleware: a request Redress cannot act on (an id it does not bind, a field missing) is answered at
 * once, with a short private note, instead of waiting out Slack's 3 seconds; the others go on to their handler.
 */
export const understood =
  (t: Translate): Middleware<AnyMiddlewareArgs> =>
  async (args) => {
    const { body, next, client, logger } = args;
    const request = body as unknown as Record<string, unknown>;
    const kind = kindOf(request);
    if ('event' in request) return next(); // events are acknowledged by Bolt itself
    const schema =
      kind === 'block_actions'
        ? blockActions
        : kind === 'view_submission'
          ? viewSubmission
          : kind === 'message_action'
            ? messageAction
            : kind === 'command'
              ? command
              : null;
    if (schema?.safeParse(body).success) return next();
    const ack = (args as { ack?: () => Promise<void> }).ack;
    await ack?.();
    if (kind === 'view_closed') return;
    const fields = schema
      ?.safeParse(body)
      .error?.issues.map((i) => i.path.join('.'))
      .join(', ');
    await answerNotUnderstood({ client, t, logger }, body, `${kind}${fields ? ` (${fields})` : ''}`);
  };
