import { caseBlocks } from '../../src/chat/blocks.js';
import { seenBy } from '../../src/chat/readers.js';
import { slackAnswers } from '../../src/chat/slack-answers.js';
import type { SlackDeps } from './deps.js';
import { type ButtonArgs, pressedCase, replyTo } from './reply.js';

/**
 * Show (查看), on a digest or the App Home: the case with its buttons, seen only by the person who pressed; from
 * the App Home, which has no conversation to answer in privately, as a direct message.
 */
export const showButton =
  ({ t, policy, store, reading, readers }: SlackDeps) =>
  async (args: ButtonArgs) => {
    const { ack, body, client } = args;
    await ack();
    const c = await pressedCase(store, t, args);
    if (!c) return;
    if (!c.ladder.includes(body.user.id)) {
      await slackAnswers(client).tell(body.user.id, body.channel?.id, t('refusal.not_involved'));
      return;
    }
    const blocks = caseBlocks(t, c, seenBy(policy, reading()), 'owner-or-manager');
    const text = t('card.title', { number: c.number });
    if (!body.channel) {
      const posted = await client.chat.postMessage({ channel: body.user.id, text, blocks });
      if (posted.channel) await readers.remember(posted.channel, body.user.id);
      return;
    }
    await client.chat.postEphemeral({ ...replyTo(body), text, blocks });
  };
