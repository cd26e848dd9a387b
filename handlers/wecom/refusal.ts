import type { Outcome } from '../../src/app/transact.js';
import type { Translate } from '../../src/chat/i18n.js';
import type { WecomNames } from '../../src/chat/wecom/records.js';

/** How an action on a case went: as a use case answers, or, for what only shows the case, that the asker is not on it. */
export type Answer = Outcome | { kind: 'not-involved' };

/** Why nothing happened, in the asker's words; null when it happened. */
export async function refusalText(
  names: WecomNames,
  t: Translate,
  number: string,
  answer: Answer,
): Promise<string | null> {
  if (answer.kind === 'ok') return null;
  if (answer.kind === 'not-found') return t('refusal.not_found', { number });
  if (answer.kind === 'not-involved') return t('refusal.not_involved');
  const name = await names.of([answer.case.owner]);
  return t(answer.reason, { owner: name(answer.case.owner), number });
}
