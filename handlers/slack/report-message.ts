import type { MessageShortcut, SlackShortcutMiddlewareArgs } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { z } from 'zod';
import { complaintModal } from '../../src/chat/blocks.js';
import { plainText } from '../../src/chat/mrkdwn.js';
import { permalink } from '../../src/domain/complaint.js';
import type { SlackDeps } from './deps.js';

/** How long the form waits for the message's link: the trigger that opens it lives three seconds. */
const LINK_PATIENCE_MS = 1000;

/** What the registration form carries when it was opened from a message: the link to that message. */
const reportedFrom = z.object({ permalink });

/** The form's metadata for a complaint reported from a message. */
export const reportedFromMetadata = (link: string) => JSON.stringify({ permalink: link });

/** The link to the message a submitted registration form was opened from, if it was and the link is sound. */
export function permalinkOf(metadata: string): string | undefined {
  try {
    const parsed = reportedFrom.safeParse(JSON.parse(metadata));
    return parsed.success ? parsed.data.permalink : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Report as complaint (投诉登记), a message shortcut: the registration form opens with the message's words as the
 * summary, and the case keeps a link to the message (`chat.getPermalink`), carried through the form's metadata.
 * A message Slack gives no link to is still reported, without one.
 */
export const reportMessageShortcut =
  ({ t, policy }: SlackDeps) =>
  async ({ ack, shortcut, client }: SlackShortcutMiddlewareArgs<MessageShortcut> & { client: WebClient }) => {
    await ack();
    const asking = client.chat
      .getPermalink({ channel: shortcut.channel.id, message_ts: shortcut.message.ts })
      .then((answer) => permalink.safeParse(answer.permalink).data)
      .catch(() => undefined);
    const late = new Promise<undefined>((resolve) =>
      setTimeout(() => resolve(undefined), LINK_PATIENCE_MS).unref(),
    );
    const link = await Promise.race([asking, late]);
    const summary = plainText(shortcut.message.text ?? '').trim();
    const metadata = link ? reportedFromMetadata(link) : undefined;
    await client.views.open({
      trigger_id: shortcut.trigger_id,
      view: complaintModal(t, policy, summary, metadata),
    });
  };
