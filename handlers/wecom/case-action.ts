import type { MessageRef } from '../../src/app/ports.js';
import type { CardAction, CardKey } from '../../src/chat/wecom/cards.js';
import type { CaseAction } from '../../src/domain/permissions.js';
import { isOnCase } from '../../src/domain/visibility.js';
import type { WecomDeps } from './deps.js';
import type { Answer } from './refusal.js';

/** Who may press each button, as the permissions table says; Show only needs the case to be theirs to see. */
export const BUTTON_PERMISSION: Record<Exclude<CardAction, 'show'>, CaseAction> = {
  acknowledge: 'acknowledge',
  escalate: 'escalate',
  verifyFix: 'verifyFix',
  close: 'close',
  approve: 'decideApproval',
  reject: 'decideApproval',
};

/**
 * What a button that needs nothing typed does, pressed on a card or on the case's page: the same use cases as the
 * Slack buttons, with the member's userid as the actor. `pressedIn` is the card pressed, brought up to date.
 */
export const caseAction = (deps: WecomDeps) => {
  /** Show: the card brought up to date, for someone on the case. */
  async function show(number: string, actor: string, pressedIn?: MessageRef): Promise<Answer> {
    const c = await deps.store.get(number);
    if (!c) return { kind: 'not-found' };
    if (!isOnCase(c, actor, deps.policy)) return { kind: 'not-involved' };
    await deps.chat.refresh(c, pressedIn);
    return { kind: 'ok', before: c, case: c };
  }

  return ({ action, number, level }: CardKey, actor: string, pressedIn?: MessageRef): Promise<Answer> => {
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
};
