import { translator } from '../../src/chat/i18n.js';
import { caseMarkdown } from '../../src/chat/wecom/case-markdown.js';
import { casePageUrl } from '../../src/chat/wecom/page-paths.js';
import { markdownTranslator, plainTranslator, shortened } from '../../src/chat/wecom/text.js';
import { isOnCase, seesFullPhone } from '../../src/domain/visibility.js';
import type { WecomDeps } from './deps.js';
import { reply } from './reply.js';

/**
 * `show <number>` (查看): the case, to the people on it, as markdown; anyone else, the person complained about
 * included, hears that there is no such case, whether there is one or not. The phone and address in full only for
 * the owner and the managers on its ladder.
 */
export const showCommand = (deps: WecomDeps) => {
  const base = translator(deps.policy.locale);
  const t = plainTranslator(base);
  const md = markdownTranslator(base);
  return async (asker: string, number: string): Promise<void> => {
    const c = await deps.store.get(number);
    if (!c || !isOnCase(c, asker, deps.policy)) {
      await deps.answers.tell(asker, undefined, t('refusal.not_found', { number: shortened(number, 40) }));
      return;
    }
    const name = await deps.names.of([c.owner, c.receiver, c.handoverFrom, c.ladder[c.level]]);
    const view = { full: seesFullPhone(c, asker), name, page: casePageUrl(deps.publicUrl)(c.number) };
    await reply(deps, asker, () => deps.api.sendMarkdown(asker, caseMarkdown(md, c, deps.policy, view)));
  };
};
