import type { KnownBlock } from '@slack/types';
import { ErrorCode, type WebClient } from '@slack/web-api';
import type { ChatTransport, Delivery, NotSent } from '../app/ports.js';
import type { Case } from '../domain/case.js';
import { showPhone } from '../domain/phone.js';
import type { Policy } from '../domain/policy.js';
import { seesFullPhone } from '../domain/visibility.js';
import { caseBlocks, caseListBlocks, digestBlocks, noticeBlocks, reportBlocks } from './blocks.js';
import { homeView } from './home.js';
import { escapeMrkdwn } from './mrkdwn.js';
import { policyReaders, type Readers, type Reading, seenBy, translatorOf } from './readers.js';
import { chartFileName, renderChart, reportChartSpec } from './report-chart.js';
import { messageOf, refOf } from './slack-message.js';
import { threadLine } from './thread-line.js';

const SENT: Delivery = { kind: 'sent' };

/**
 * A Web API error as a message not sent, Slack's error codes read in this one place: a 429 waits as long as
 * Retry-After says; a platform error (an unknown channel, say) refuses the message with Slack's code. Anything
 * else is a fault of the moment, thrown again to be tried later.
 */
function notSent(error: unknown): NotSent {
  const e = error as { code?: string; retryAfter?: number; data?: { error?: string } };
  if (e.code === ErrorCode.RateLimitedError) return { kind: 'retryAfter', ms: (e.retryAfter ?? 1) * 1000 };
  if (e.code === ErrorCode.PlatformError) return { kind: 'refused', reason: e.data?.error ?? 'unknown' };
  throw error;
}

/** How the calls of one message fared. */
async function delivered(calls: () => Promise<unknown>): Promise<Delivery> {
  try {
    await calls();
    return SENT;
  } catch (error) {
    return notSent(error);
  }
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
  const t = translatorOf(policy.locale);
  const title = (c: Case) => t('card.title', { number: c.number });
  const speaking = (reading: Reading) => ({ t: translatorOf(reading.locale), seen: seenBy(policy, reading) });
  /** A direct message, its conversation remembered as the person's, to update it in their language later. */
  async function postTo(to: string, message: { text: string; blocks?: KnownBlock[] }): Promise<void> {
    const posted = await client.chat.postMessage({ channel: to, ...message });
    if (posted.channel) await readers.remember(posted.channel, to);
  }

  return {
    async postCard(c) {
      let posted: Awaited<ReturnType<WebClient['chat']['postMessage']>>;
      try {
        posted = await client.chat.postMessage({
          channel: policy.channel,
          text: title(c),
          blocks: caseBlocks(t, c, policy, 'public'),
        });
      } catch (error) {
        return notSent(error);
      }
      if (!posted.channel || !posted.ts) throw new Error('chat.postMessage answered without channel and ts');
      return { kind: 'sent', card: refOf({ channel: posted.channel, ts: posted.ts }) };
    },

    updateCard: (c, card) =>
      delivered(async () => {
        const blocks = caseBlocks(t, c, policy, 'public');
        await client.chat.update({ ...messageOf(card), text: title(c), blocks });
      }),

    updateMessage: (c, ref) =>
      delivered(async () => {
        const message = messageOf(ref);
        const { t, seen } = speaking(await readers.ofConversation(message.channel));
        const blocks = caseBlocks(t, c, seen, 'owner-or-manager');
        await client.chat.update({ ...message, text: t('card.title', { number: c.number }), blocks });
      }),

    notify: (to, notice, c) =>
      delivered(async () => {
        // Everyone told is on the case; the phone in full only for the owner and the managers on the ladder.
        const audience = seesFullPhone(c, to) ? 'owner-or-manager' : 'on-case';
        const { t, seen } = speaking(await readers.of(to));
        await postTo(to, noticeBlocks(t, seen, notice, c, audience));
      }),

    threadEntry: (_c, card, e) =>
      delivered(async () => {
        const text = threadLine(
          t,
          e,
          { by: { person: e.by }, to: { person: e.to ?? '' } },
          escapeMrkdwn(e.text ?? ''),
        );
        if (!text) return;
        const { channel, ts } = messageOf(card);
        await client.chat.postMessage({ channel, thread_ts: ts, text });
      }),

    overdueList: (to, cases) =>
      delivered(async () => {
        const { t } = speaking(await readers.of(to));
        const title = t('report.daily', { count: cases.length });
        const blocks = caseListBlocks(t, title, cases, (c) => showPhone(c.customer.phone, policy.country));
        await postTo(to, { text: title, blocks });
      }),

    chart: (to, report) =>
      delivered(async () => {
        const { t } = speaking(await readers.of(to));
        const png = await renderChart(reportChartSpec(t, policy, report));
        const direct = await client.conversations.open({ users: to });
        await client.files.uploadV2({
          channel_id: direct.channel?.id ?? to,
          filename: chartFileName(report, policy.timezone),
          title: t('chart.title'),
          file: png,
        });
      }),

    report: (to, kind, period, stats) =>
      delivered(async () => {
        // The period is the company's week or month: its days are named in the policy's time zone.
        const { t } = speaking(await readers.of(to));
        await postTo(to, reportBlocks(t, policy, kind, period, stats));
      }),

    publishHome: (to, home) =>
      delivered(async () => {
        const reading = await readers.of(to);
        const view = homeView(translatorOf(reading.locale), policy, home, reading.timezone);
        await client.views.publish({ user_id: to, view });
      }),

    digest: (to, cases, reached) =>
      delivered(async () => {
        const { t } = speaking(await readers.of(to));
        await postTo(to, digestBlocks(t, cases, reached));
      }),

    conversationOf: (message) => messageOf(message).channel,
  };
}
