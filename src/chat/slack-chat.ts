import type { KnownBlock } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { Home } from '../app/home.js';
import type { MessageRef, Notice, Report } from '../app/ports.js';
import type { Case, DeadlineKind, TimelineEntry } from '../domain/case.js';
import { showPhone } from '../domain/phone.js';
import type { Policy } from '../domain/policy.js';
import type { ReportKind } from '../domain/report-period.js';
import type { Statistics } from '../domain/statistics.js';
import { seesFullPhone } from '../domain/visibility.js';
import { caseBlocks, caseListBlocks, digestBlocks, noticeBlocks, reportBlocks } from './blocks.js';
import { homeView } from './home.js';
import { isMessageKey, translator } from './i18n.js';
import { escapeMrkdwn } from './mrkdwn.js';
import { policyReaders, type Readers, type Reading, seenBy, translatorOf } from './readers.js';
import { renderChart, reportChartSpec } from './report-chart.js';

/** What goes over the wire to Slack; the outbox decides when. */
export interface ChatTransport {
  postCard(c: Case): Promise<MessageRef>;
  /** Shows the case as it is now on its card. */
  updateCard(c: Case): Promise<void>;
  /** Shows the case as it is now on a direct message that carries it (where a button was pressed). */
  updateMessage(c: Case, message: MessageRef): Promise<void>;
  notify(to: string, notice: Notice, c: Case): Promise<void>;
  /** One message listing many cases escalated to one person, each with a button. */
  digest(to: string, cases: Case[], reached?: Map<string, DeadlineKind[]>): Promise<void>;
  /** Tells the card's thread of one thing that happened to the case. */
  threadEntry(c: Case, entry: TimelineEntry): Promise<void>;
  /** A manager's list of their cases unresolved for more than a day. */
  overdueList(to: string, cases: Case[]): Promise<void>;
  /** The statistics of a period. */
  report(to: string, kind: ReportKind, period: { from: Date; to: Date }, stats: Statistics): Promise<void>;
  /** The statistics of a period as a chart (PNG), uploaded to the person. */
  chart(to: string, report: Report): Promise<void>;
  /** A person's App Home, published as it is now. */
  publishHome(to: string, home: Home): Promise<void>;
}

/**
 * Messages on Slack's Web API. The channel's card and its thread, seen by many, are in the policy's language; a
 * message to one person is in theirs, with times in their time zone.
 */
export function slackChat(
  client: WebClient,
  policy: Policy,
  readers: Readers = policyReaders(policy),
): ChatTransport {
  const t = translator(policy.locale);
  const title = (c: Case) => t('card.title', { number: c.number });
  const speaking = (reading: Reading) => ({ t: translatorOf(reading.locale), seen: seenBy(policy, reading) });
  /** A direct message, its conversation remembered as the person's, to update it in their language later. */
  async function postTo(to: string, message: { text: string; blocks?: KnownBlock[] }): Promise<void> {
    const posted = await client.chat.postMessage({ channel: to, ...message });
    if (posted.channel) await readers.remember(posted.channel, to);
  }

  return {
    async postCard(c) {
      const posted = await client.chat.postMessage({
        channel: policy.channel,
        text: title(c),
        blocks: caseBlocks(t, c, policy, 'public'),
      });
      if (!posted.channel || !posted.ts) throw new Error('chat.postMessage answered without channel and ts');
      return { channel: posted.channel, ts: posted.ts };
    },

    async updateCard(c) {
      if (!c.card) return;
      await client.chat.update({ ...c.card, text: title(c), blocks: caseBlocks(t, c, policy, 'public') });
    },

    async updateMessage(c, message) {
      const { t, seen } = speaking(await readers.ofConversation(message.channel));
      const blocks = caseBlocks(t, c, seen, 'owner-or-manager');
      await client.chat.update({ ...message, text: t('card.title', { number: c.number }), blocks });
    },

    async notify(to, notice, c) {
      // Everyone told is on the case; the phone in full only for the owner and the managers on the ladder.
      const audience = seesFullPhone(c, to) ? 'owner-or-manager' : 'on-case';
      const { t, seen } = speaking(await readers.of(to));
      await postTo(to, noticeBlocks(t, seen, notice, c, audience));
    },

    async threadEntry(c, e) {
      const key = `thread.${e.type}`;
      if (!c.card || !isMessageKey(key)) return;
      const text = t(key, { by: e.by, to: e.to ?? '', text: escapeMrkdwn(e.text ?? '') });
      await client.chat.postMessage({ channel: c.card.channel, thread_ts: c.card.ts, text });
    },

    async overdueList(to, cases) {
      const { t } = speaking(await readers.of(to));
      const title = t('report.daily', { count: cases.length });
      const blocks = caseListBlocks(t, title, cases, (c) => showPhone(c.customer.phone, policy.country));
      await postTo(to, { text: title, blocks });
    },

    async chart(to, report) {
      const { t } = speaking(await readers.of(to));
      const png = await renderChart(reportChartSpec(t, policy, report));
      const direct = await client.conversations.open({ users: to });
      const from = report.period.from.toISOString().slice(0, 10);
      await client.files.uploadV2({
        channel_id: direct.channel?.id ?? to,
        filename: `complaints-${report.report}-${from}.png`,
        title: t('chart.title'),
        file: png,
      });
    },

    async report(to, kind, period, stats) {
      // The period is the company's week or month: its days are named in the policy's time zone.
      const { t } = speaking(await readers.of(to));
      await postTo(to, reportBlocks(t, policy, kind, period, stats));
    },

    async publishHome(to, home) {
      const reading = await readers.of(to);
      const view = homeView(translatorOf(reading.locale), policy, home, reading.timezone);
      await client.views.publish({ user_id: to, view });
    },

    async digest(to, cases, reached) {
      const { t } = speaking(await readers.of(to));
      await postTo(to, digestBlocks(t, cases, reached));
    },
  };
}
