import type { WebClient } from '@slack/web-api';
import { registerCsv } from '../../src/chat/register-csv.js';
import {
  assessmentTable,
  peopleOf,
  peopleOfAssessment,
  registerTable,
} from '../../src/chat/register-table.js';
import { workbook } from '../../src/chat/register-xlsx.js';
import { slackAnswers } from '../../src/chat/slack-answers.js';
import { monthKey } from '../../src/domain/case-number.js';
import { isManager, readerOf } from '../../src/domain/visibility.js';
import type { SlackDeps } from './deps.js';
import type { Asker } from './look-up.js';

/** What `/complaint export` takes: a month (`YYYY-MM`, this month if none) and `xlsx` or `csv` (the default). */
export function exportRequest(argument = ''): { month?: string; format: 'csv' | 'xlsx' } | null {
  let month: string | undefined;
  let format: 'csv' | 'xlsx' = 'csv';
  for (const word of argument.split(/\s+/).filter(Boolean)) {
    const lower = word.toLowerCase();
    if (/^\d{4}-(0[1-9]|1[0-2])$/.test(word) && !month) month = word;
    else if (lower === 'xlsx' || lower === 'csv') format = lower;
    else return null;
  }
  return { ...(month ? { month } : {}), format };
}

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
  const now = new Date();
  const key = request.month ? request.month.replace('-', '') : monthKey(now, policy.timezone);
  const reader = readerOf(asker.user, policy);
  const title = t('export.title', { month: `${key.slice(0, 4)}-${key.slice(4)}` });
  const cases = await store.casesOfMonth(key, reader);
  let upload: { filename: string; file: Buffer };
  if (request.format === 'xlsx') {
    const assessment = await store.assessment(key, now, reader);
    const named = await names.of([...peopleOf(cases), ...peopleOfAssessment(assessment)]);
    const file = await workbook([
      { name: t('export.sheet.register'), rows: registerTable(t, policy, cases, asker.user, named) },
      { name: t('export.sheet.assessment'), rows: assessmentTable(t, policy, assessment, named) },
    ]);
    upload = { filename: `complaints-${key}.xlsx`, file };
  } else {
    const named = await names.of(peopleOf(cases));
    const csv = registerCsv(t, policy, cases, asker.user, named);
    upload = { filename: `complaints-${key}.csv`, file: Buffer.from(csv, 'utf8') };
  }
  const direct = await client.conversations.open({ users: asker.user });
  await client.files.uploadV2({ channel_id: direct.channel?.id ?? asker.user, title, ...upload });
}
