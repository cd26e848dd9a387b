import { resolveModal } from '../../src/chat/blocks.js';
import { resolveRefusal } from '../../src/domain/transitions.js';
import type { SlackDeps } from './deps.js';
import { type ButtonArgs, explainRefusal, pressedIn } from './reply.js';

/** Resolve (处理): opens the short form for what was done, for the owner or a manager only. */
export const resolveButton =
  ({ t, store }: SlackDeps) =>
  async ({ ack, body, action, client }: ButtonArgs) => {
    await ack();
    const number = action.value ?? '';
    const where = { channel: body.channel?.id ?? body.user.id, user: body.user.id };
    const c = await store.get(number);
    if (!c) return explainRefusal(client, t, where, number, { kind: 'not-found' });
    const reason = resolveRefusal(c, body.user.id);
    if (reason) return explainRefusal(client, t, where, number, { kind: 'refused', reason, case: c });
    const metadata = JSON.stringify({ number, pressedIn: pressedIn(body) });
    await client.views.open({
      trigger_id: body.trigger_id,
      view: { ...resolveModal(t, number), private_metadata: metadata },
    });
  };
