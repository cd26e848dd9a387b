import type { Delivery } from '../../src/chat/wecom/api.js';
import type { WecomDeps } from './deps.js';

/**
 * Sends the member who asked, and only them, what they asked for: within their limits (over them WeCom would drop
 * it in silence) or not at all, logged, as it answers what they just did and is not kept for later.
 */
export async function reply(
  { pace, log }: Pick<WecomDeps, 'pace' | 'log'>,
  to: string,
  send: () => Promise<Delivery>,
): Promise<Delivery> {
  const wait = await pace.take(to);
  const sent: Delivery = wait > 0 ? { kind: 'retryAfter', ms: wait } : await send();
  if (sent.kind !== 'sent') log.warn({ to, sent }, 'an answer could not be sent');
  return sent;
}
