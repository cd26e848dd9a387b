import type { Answers } from '../../app/ports.js';
import type { Log } from '../../log.js';
import type { WecomApi } from './api.js';
import type { MemberPace } from './pace.js';

/**
 * Answers as a text message to the member alone: WeCom has no message only one person of a conversation sees, and
 * a member's own conversation with the app is private. Sent within the member's limits only (over them WeCom would
 * drop it in silence); one that cannot go now is logged, not kept, as it answers what the member just did.
 */
export const wecomAnswers = (api: Pick<WecomApi, 'sendText'>, pace: MemberPace, log: Log): Answers => ({
  async tell(person, _where, text) {
    const wait = await pace.take(person);
    const sent = wait > 0 ? { kind: 'retryAfter', ms: wait } : await api.sendText(person, text);
    if (sent.kind !== 'sent') log.warn({ to: person, sent }, 'an answer could not be told');
  },
});
