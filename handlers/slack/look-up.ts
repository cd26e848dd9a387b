import type { WebClient } from '@slack/web-api';
import { caseBlocks, caseListBlocks, clip } from '../../src/chat/blocks.js';
import { FIND_TEXT_MAX, PAGE_SIZE, searchOf } from '../../src/chat/commands.js';
import { escapeMrkdwn } from '../../src/chat/mrkdwn.js';
import { seenBy } from '../../src/chat/readers.js';
import { slackAnswers } from '../../src/chat/slack-answers.js';
import { isOnCase, phoneFor, seesFullPhone } from '../../src/domain/visibility.js';
import type { SlackDeps } from './deps.js';

export interface Asker {
  user: string;
  channel: string;
}

/** What the next page of a list or a search is, carried in the More button. */
export type Page = { kind: 'list' | 'find'; text: string; page: number };

/**
 * `/complaint show <number>`: the case, privately, to the people on it; anyone else, the person complained
 * about included, hears that there is no such case, whether there is one or not.
 */
export async function showCase(
  { t, policy, store, reading }: SlackDeps,
  client: WebClient,
  asker: Asker,
  number: string,
) {
  const c = await store.get(number);
  if (!c || !isOnCase(c, asker.user, policy)) {
    await slackAnswers(client).tell(
      asker.user,
      asker.channel,
      t('refusal.not_found', { number: escapeMrkdwn(number) }),
    );
    return;
  }
  // Only people on the case get here; the phone in full only for the owner and the managers on the ladder.
  const audience = seesFullPhone(c, asker.user) ? 'owner-or-manager' : 'on-case';
  const blocks = caseBlocks(t, c, seenBy(policy, reading()), audience);
  await client.chat.postEphemeral({ ...asker, text: t('card.title', { number }), blocks });
}

/** `/complaint list` and `/complaint find <phone or words>`, one page at a time, privately. */
export async function listCases(
  { t, policy, store }: SlackDeps,
  client: WebClient,
  asker: Asker,
  page: Page,
) {
  const text = clip(page.text, FIND_TEXT_MAX);
  const search = searchOf(page.kind, text, asker.user, policy);
  const { cases, more } = await store.search(search, page.page, PAGE_SIZE);
  const title = page.kind === 'list' ? t('list.mine') : t('list.found', { text: escapeMrkdwn(text) });
  const phoneOf = (c: (typeof cases)[number]) => phoneFor(c, asker.user, policy);
  const next = more ? JSON.stringify({ ...page, text, page: page.page + 1 }) : undefined;
  await client.chat.postEphemeral({
    ...asker,
    text: title,
    blocks: caseListBlocks(t, title, cases, phoneOf, next),
  });
}
