import type { openCase } from './open-case.js';
import type { CaseStore, Chat, Clock } from './ports.js';
import type { Submission } from './register-complaint.js';
import { sendOnce } from './send-once.js';

/** Stores a submission that waited for the store, then tells the reporter its number, once. */
export const openQueuedCase =
  ({
    open,
    store,
    chat,
    clock,
  }: {
    open: ReturnType<typeof openCase>;
    store: CaseStore;
    chat: Chat;
    clock: Clock;
  }) =>
  async ({ complaint, receiver, submissionKey }: Submission): Promise<void> => {
    const c = await open(complaint, { receiver, submissionKey });
    const entry = {
      at: clock.now(),
      by: 'system',
      type: 'reporter-told' as const,
      to: receiver,
      key: 'reporter-told',
    };
    await sendOnce(store, c, entry, (key) => chat.notify(receiver, { kind: 'registered' }, c, key));
  };
