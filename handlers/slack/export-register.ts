import type { WebClient } from '@slack/web-api';
import { exportRequest, registerFile } from '../../src/chat/register-export.js';
import { slackAnswers } from '../../src/chat/slack-answers.js';
import { isManager } from '../../src/domain/visibility.js';
import type { SlackDeps } from './deps.js';
import type { Asker } from './look-up.js';

/**
 * `/complaint export [YYYY-MM] [xlsx]` (managers and the GM): the month's register, sent to the asker as a CSV
 * file, or as a workbook that adds the month's assessment (绩效考核) by responsible department and by owner: a
 * department manager's departments only, never a case about the asker, phones and addresses in full only where
 * they may see them, people by their names.
 */
export async function exportRegister(
  { t, policy, store, names }: SlackDeps,
  client: WebClient,
  asker: Asker,
  argument?: string,
) {
  if (!isManager(asker.user, policy)) {
    await slackAnswers(client).tell(asker.user, asker.channel, t('refusal.managers_only'));
    return;
  }
  const request = exportRequest(argument);
  if (!request) {
    await slackAnswers(client).tell(asker.user, asker.channel, t('export.bad_month'));
    return;
  }
  const { title, ...upload } = await registerFile(
    { t, policy, store, names: (ids) => names.of(ids) },
    asker.user,
    request,
    new Date(),
  );
  const direct = await client.conversations.open({ users: asker.user });
  await client.files.uploadV2({ channel_id: direct.channel?.id ?? asker.user, title, ...upload });
}
