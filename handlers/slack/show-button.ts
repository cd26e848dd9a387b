import { caseBlocks } from '../../src/chat/blocks.js';
import type { SlackDeps } from './deps.js';
import { type ButtonArgs, explainRefusal } from './reply.js';

/** Show (查看), on a digest: the case with its buttons, seen only by the person who pressed. */
export const showButton =
  ({ t, policy, store }: SlackDeps) =>
  async ({ ack, body, action, client }: ButtonArgs) => {
    await ack();
    const number = action.value ?? '';
    const where = { channel: body.channel?.id ?? body.user.id, user: body.user.id };
    const c = await store.get(number);
    if (!c) return explainRefusal(client, t, where, number, { kind: 'not-found' });
    if (!c.ladder.includes(body.user.id)) {
      await client.chat.postEphemeral({ ...where, text: t('refusal.not_involved') });
      return;
    }
    const blocks = caseBlocks(t, c, policy, 'owner-or-manager');
    await client.chat.postEphemeral({ ...where, text: t('card.title', { number }), blocks });
  };
