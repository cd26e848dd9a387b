import type { IncomingMessage, ServerResponse } from 'node:http';
import { type CallbackQuery, readCallbackQuery, WecomCryptoError } from '../../src/chat/wecom/crypto.js';
import { dedupeKey, parseEvent, WecomEventError } from '../../src/chat/wecom/events.js';
import { WecomXmlError, XML_MAX_CHARS } from '../../src/chat/wecom/xml.js';
import { cardClick } from './card-click.js';
import { wecomCommand } from './command.js';
import type { WecomDeps } from './deps.js';
import { answer, BodyTooLarge, readBody } from './http.js';

/**
 * How far a callback's signed timestamp may be from now. Replays within it are known by the requests acted on,
 * which are remembered as long; an older one is refused however it is delivered.
 */
const FRESH_MS = 3_600_000;

/** Refusals of a request that did not come from WeCom for this app: 401 when it is not signed with its Token. */
function refusal(error: WecomCryptoError): number {
  return error.code === 'signature' || error.code === 'receive-id' ? 401 : 400;
}

/**
 * `GET|POST /wecom/callback`. GET is WeCom verifying the URL: answered with the decrypted echostr alone. POST is
 * a message or event: its signature is checked, `success` answered at once (WeCom waits 5 seconds, then posts
 * again), and the event handled afterwards, once per callback.
 */
export const wecomCallback = (deps: WecomDeps) => {
  const { crypto, log } = deps;
  const click = cardClick(deps);
  const command = wecomCommand(deps);

  /** What a callback asks, acted on once; a callback for another app or too old to be fresh is ignored. */
  async function handle(xml: string, query: CallbackQuery): Promise<void> {
    const event = parseEvent(xml);
    if (event.agentId !== deps.agentId)
      return log.warn({ agentId: event.agentId }, 'a callback for another app');
    const age = Math.abs(deps.clock.now().getTime() - Number(query.timestamp) * 1000);
    if (!(age <= FRESH_MS)) return log.warn({ timestamp: query.timestamp }, 'a callback too old to be fresh');
    if (!(await deps.requests.firstTime(`wecom:${dedupeKey(event)}`))) return;
    if (event.kind === 'card-click') await click(event);
    // A message to the app, or a click item of its menu: a command, answered to the member alone.
    else if (event.kind === 'text') await command(event.from, event.content);
    else if (event.kind === 'menu-click') await command(event.from, event.eventKey);
  }

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    let query: CallbackQuery;
    try {
      query = readCallbackQuery(new URL(req.url ?? '/', 'http://callback').search);
      if (req.method === 'GET') return answer(res, 200, crypto.verifyUrl(query));
      if (req.method !== 'POST') return answer(res, 405);
      const xml = crypto.openMessage(query, await readBody(req, XML_MAX_CHARS));
      answer(res, 200, 'success');
      handle(xml, query).catch((error: unknown) => {
        const known = error instanceof WecomEventError || error instanceof WecomXmlError;
        if (known) log.warn({ err: error }, 'a callback that is no WeCom event');
        else log.error({ err: error }, 'a WeCom callback failed');
      });
    } catch (error) {
      if (error instanceof BodyTooLarge) return answer(res, 413);
      if (!(error instanceof WecomCryptoError)) throw error;
      log.warn({ code: error.code }, 'a WeCom callback was refused');
      return answer(res, refusal(error));
    }
  };
};
