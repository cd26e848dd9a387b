import { isLookup, parseCommand } from '../../src/chat/commands.js';
import { translator } from '../../src/chat/i18n.js';
import { markdownTranslator, plainTranslator } from '../../src/chat/wecom/text.js';
import type { WecomDeps } from './deps.js';
import { exportCommand } from './export-command.js';
import { listCommand } from './list-command.js';
import { reply } from './reply.js';
import { showCommand } from './show-command.js';

/**
 * A message a member sent the app, or a click item of its menu (whose key is a command as typed): the same
 * commands as Slack's `/complaint`, in English or Chinese words, each answered to the member alone. Lookups count
 * against the member's limit, as on Slack; anything else is answered with what the app understands.
 */
export const wecomCommand = (deps: WecomDeps) => {
  const base = translator(deps.policy.locale);
  const t = plainTranslator(base);
  const md = markdownTranslator(base);
  const show = showCommand(deps);
  const list = listCommand(deps);
  const exportRegister = exportCommand(deps);

  return async (from: string, text: string): Promise<void> => {
    const command = parseCommand(text);
    if (isLookup(command) && !(await deps.lookups.take(from))) {
      await deps.answers.tell(from, undefined, t('refusal.too_many_lookups'));
      return;
    }
    switch (command.kind) {
      case 'show':
        return show(from, command.number);
      case 'list':
        return list(from, { kind: 'list', text: '', page: command.page });
      case 'find':
        return list(from, { kind: 'find', text: command.text, page: 0 });
      case 'export':
        return exportRegister(from, command.argument);
    }
    await reply(deps, from, () => deps.api.sendMarkdown(from, md('wecom.usage')));
  };
};
