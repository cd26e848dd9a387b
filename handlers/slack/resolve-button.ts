import { resolveModal } from '../../src/chat/blocks.js';
import { resolveRefusal } from '../../src/domain/transitions.js';
import type { SlackDeps } from './deps.js';
import { type ButtonArgs, explainRefusal, pressedCase, pressedIn, replyTo } from './reply.js';

/** Resolve (处理): opens the short form for what was done, for the owner or a manager only. */
export const resolveButton =
  ({ t, store }: SlackDeps) =>
  async (args: ButtonArgs) => {
    const { ack, body, client } = args;
    await ack();
    const c = await pressedCase(store, t, args);
    if (!c) return;
    const { number } = c;
    const reason = resolveRefusal(c, body.user.id);
    if (reason) return explainRefusal(client, t, replyTo(body), number, { kind: 'refused', reason, case: c });
    const metadata = JSON.stringify({ number, pressedIn: pressedIn(body) });
    await client.views.open({
      trigger_id: body.trigger_id,
      view: { ...resolveModal(t, number), private_metadata: metadata },
    });
  };
