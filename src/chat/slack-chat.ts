import type { WebClient } from '@slack/web-api';
import type { MessageRef, Notice, Report } from '../app/ports.js';
import type { Case, DeadlineKind, TimelineEntry } from '../domain/case.js';
import { showPhone } from '../domain/phone.js';
import type { Policy } from '../domain/policy.js';
import type { ReportKind } from '../domain/report-period.js';
import type { Statistics } from '../domain/statistics.js';
import { caseBlocks, caseListBlocks, digestBlocks, noticeBlocks, reportBlocks } from './blocks.js';
import { isMessageKey, translator } from './i18n.js';
import { escapeMrkdwn } from './mrkdwn.js';
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
}

/** Messages on Slack's Web API. */
export function slackChat(client: WebClient, policy: Policy): ChatTransport {
  const t = translator(policy.locale);
  const title = (c: Case) => t('card.title', { number: c.number });

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
      const blocks = caseBlocks(t, c, policy, 'owner-or-manager');
      await client.chat.update({ ...message, text: title(c), blocks });
    },

    async notify(to, notice, c) {
      await client.chat.postMessage({ channel: to, ...noticeBlocks(t, policy, notice, c) });
    },

    async threadEntry(c, e) {
      const key = `thread.${e.type}`;
      if (!c.card || !isMessageKey(key)) return;
      const text = t(key, { by: e.by, to: e.to ?? '', text: escapeMrkdwn(e.text ?? '') });
      await client.chat.postMessage({ channel: c.card.channel, thread_ts: c.card.ts, text });
    },

    async overdueList(to, cases) {
      const title = t('report.daily', { count: cases.length });
      const blocks = caseListBlocks(t, title, cases, (c) => showPhone(c.customer.phone, policy.country));
      await client.chat.postMessage({ channel: to, text: title, blocks });
    },

    async chart(to, report) {
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
      await client.chat.postMessage({ channel: to, ...reportBlocks(t, policy, kind, period, stats) });
    },

    async digest(to, cases, reached) {
      await client.chat.postMessage({ channel: to, ...digestBlocks(t, cases, reached) });
    },
  };
}
