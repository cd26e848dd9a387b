import { translator } from '../../src/chat/i18n.js';
import { exportRequest, registerFile } from '../../src/chat/register-export.js';
import { markdownTranslator, plainTranslator } from '../../src/chat/wecom/text.js';
import { isManager } from '../../src/domain/visibility.js';
import type { WecomDeps } from './deps.js';
import { reply } from './reply.js';

/**
 * `export [YYYY-MM] [xlsx]` (导出), managers and the GM only, as on Slack: the month's register (registerFile) sent
 * to the asker as a WeCom file message, uploaded first as a temporary media file. What cannot be sent is told.
 */
export const exportCommand = (deps: WecomDeps) => {
  const base = translator(deps.policy.locale);
  const t = plainTranslator(base);
  const md = markdownTranslator(base);
  /** Names by userid, as the register tables take them. */
  const names = async (ids: string[]) => {
    const name = await deps.names.of(ids);
    return new Map(ids.map((id) => [id, name(id)]));
  };
  return async (asker: string, argument: string): Promise<void> => {
    if (!isManager(asker, deps.policy)) {
      await deps.answers.tell(asker, undefined, t('refusal.managers_only'));
      return;
    }
    const request = exportRequest(argument);
    if (!request) {
      await reply(deps, asker, () => deps.api.sendMarkdown(asker, md('wecom.export.bad_month')));
      return;
    }
    const { policy, store } = deps;
    const register = await registerFile({ t, policy, store, names }, asker, request, deps.clock.now());
    const sent = await reply(deps, asker, async () => {
      const media = await deps.api.uploadMedia('file', register.filename, register.file);
      return media.kind === 'uploaded' ? deps.api.sendFile(asker, media.mediaId) : media;
    });
    if (sent.kind !== 'sent') await deps.answers.tell(asker, undefined, t('error.failed'));
  };
};
