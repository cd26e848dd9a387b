import type { MessageRef } from '../../src/app/ports.js';
import type { Outcome } from '../../src/app/transact.js';
import { translator } from '../../src/chat/i18n.js';
import { type CardKey, parseCardKey } from '../../src/chat/wecom/cards.js';
import type { WecomEvent } from '../../src/chat/wecom/events.js';
import { refOf } from '../../src/chat/wecom/message.js';
import { plainTranslator } from '../../src/chat/wecom/text.js';
import { isOnCase } from '../../src/domain/visibility.js';
import type { WecomDeps } from './deps.js';

type CardClick = Extract<WecomEvent, { kind: 'card-click' }>;
/** How a click went: as a use case answers, or, for Show, that the clicker is not on the case. */
type Answer = Outcome | { kind: 'not-involved' };

/**
 * A button of a case card was clicked: the same use cases as the Slack buttons, with the clicker's userid as the
 * actor. The click's response code is kept in the adapter's records, so that the card it was clicked on can be
 * brought up to date once; a refusal is told to the clicker alone, as a text message.
 */
export const cardClick = (deps: WecomDeps) => {
  const t = plainTranslator(translator(deps.policy.locale));

  /** Show: the card brought up to date, for someone on the case. */
  async function show(number: string, actor: string, pressedIn: MessageRef): Promise<Answer> {
    const c = await deps.store.get(number);
    if (!c) return { kind: 'not-found' };
    if (!isOnCase(c, actor, deps.policy)) return { kind: 'not-involved' };
    await deps.chat.refresh(c, pressedIn);
    return { kind: 'ok', before: c, case: c };
  }

  const act = ({ action, number, level }: CardKey, actor: string, pressedIn: MessageRef): Promise<Answer> => {
    switch (action) {
      case 'acknowledge':
        return deps.acknowledgeCase(number, actor, pressedIn);
      case 'escalate':
        return deps.escalateCase(number, actor, pressedIn, level);
      case 'verifyFix':
        return deps.verifyFix(number, actor, pressedIn);
      case 'close':
        return deps.closeCase(number, actor, pressedIn);
      case 'approve':
        return deps.decideApproval(true)(number, actor, pressedIn);
      case 'reject':
        return deps.decideApproval(false)(number, actor, pressedIn);
      case 'show':
        return show(number, actor, pressedIn);
    }
  };

  /** Tells the clicker, and only them, why nothing happened. */
  async function explain(to: string, number: string, answer: Answer): Promise<void> {
    if (answer.kind === 'ok') return;
    let text: string;
    if (answer.kind === 'not-found') text = t('refusal.not_found', { number });
    else if (answer.kind === 'not-involved') text = t('refusal.not_involved');
    else {
      const name = await deps.names.of([answer.case.owner]);
      text = t(answer.reason, { owner: name(answer.case.owner), number });
    }
    await deps.answers.tell(to, undefined, text);
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
