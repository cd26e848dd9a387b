import { translator } from '../../src/chat/i18n.js';
import { parseCardKey } from '../../src/chat/wecom/cards.js';
import type { WecomEvent } from '../../src/chat/wecom/events.js';
import { refOf } from '../../src/chat/wecom/message.js';
import { plainTranslator } from '../../src/chat/wecom/text.js';
import { caseAction } from './case-action.js';
import type { WecomDeps } from './deps.js';
import { type Answer, refusalText } from './refusal.js';

type CardClick = Extract<WecomEvent, { kind: 'card-click' }>;

/**
 * A button of a case card was clicked: the same use cases as the Slack buttons, with the clicker's userid as the
 * actor. The click's response code is kept in the adapter's records, so that the card it was clicked on can be
 * brought up to date once; a refusal is told to the clicker alone, as a text message.
 */
export const cardClick = (deps: WecomDeps) => {
  const t = plainTranslator(translator(deps.policy.locale));

  const act = caseAction(deps);

  /** Tells the clicker, and only them, why nothing happened. */
  async function explain(to: string, number: string, answer: Answer): Promise<void> {
    const text = await refusalText(deps.names, t, number, answer);
    if (text) await deps.answers.tell(to, undefined, text);
  }

  return async (event: CardClick): Promise<void> => {
    const key = parseCardKey(event.eventKey);
    if (!key) {
      deps.log.warn(
        { eventKey: event.eventKey.slice(0, 100) },
        'a card click with a key no card of ours carries',
      );
      return;
    }
    await deps.records.rememberResponse(event.taskId, event.responseCode);
    const pressedIn = refOf({ kind: 'card', to: event.from, task: event.taskId });
    await explain(event.from, key.number, await act(key, event.from, pressedIn));
  };
};
