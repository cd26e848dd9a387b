import type { WebClient } from '@slack/web-api';
import { registerCsv } from '../../src/chat/register-csv.js';
import { monthKey } from '../../src/domain/case-number.js';
import { isManager, readerOf } from '../../src/domain/visibility.js';
import type { SlackDeps } from './deps.js';
import type { Asker } from './look-up.js';

/**
 * `/complaint export [YYYY-MM]` (managers and the GM): the month's register as a CSV file, sent to the asker: a
 * department manager's departments only, never a case about the asker, phones in full only where they may see them.
 */
export async function exportRegister(
  { t, policy, store }: SlackDeps,
  client: WebClient,
  asker: Asker,
  month?: string,
) {
  if (!isManager(asker.user, policy)) {
    await client.chat.postEphemeral({ ...asker, text: t('refusal.managers_only') });
    return;
  }
  if (month !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) {
    await client.chat.postEphemeral({ ...asker, text: t('export.bad_month') });
    return;
  }
  const key = month ? month.replace('-', '') : monthKey(new Date(), policy.timezone);
  const csv = registerCsv(t, policy, await store.casesOfMonth(key, readerOf(asker.user, policy)), asker.user);
  const direct = await client.conversations.open({ users: asker.user });
  const title = t('export.title', { month: `${key.slice(0, 4)}-${key.slice(4)}` });
  await client.files.uploadV2({
    channel_id: direct.channel?.id ?? asker.user,
    filename: `complaints-${key}.csv`,
    title,
    file: Buffer.from(csv, 'utf8'),
  });
}
