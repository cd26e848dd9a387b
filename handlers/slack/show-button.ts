import { caseBlocks } from '../../src/chat/blocks.js';
import type { SlackDeps } from './deps.js';
import { type ButtonArgs, pressedCase, replyTo } from './reply.js';

/** Show (查看), on a digest: the case with its buttons, seen only by the person who pressed. */
export const showButton =
  ({ t, policy, store }: SlackDeps) =>
  async (args: ButtonArgs) => {
    const { ack, body, client } = args;
    await ack();
    const c = await pressedCase(store, t, args);
    if (!c) return;
    if (!c.ladder.includes(body.user.id)) {
      await client.chat.postEphemeral({ ...replyTo(body), text: t('refusal.not_involved') });
      return;
    }
    const blocks = caseBlocks(t, c, policy, 'owner-or-manager');
    await client.chat.postEphemeral({
      ...replyTo(body),
      text: t('card.title', { number: c.number }),
      blocks,
    });
  };
