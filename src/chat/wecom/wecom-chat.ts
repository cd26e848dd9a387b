import type { ChatTransport, Delivery } from '../../app/ports.js';
import type { Case } from '../../domain/case.js';
import { showPhone } from '../../domain/phone.js';
import type { Policy } from '../../domain/policy.js';
import { seesFullPhone } from '../../domain/visibility.js';
import { translator } from '../i18n.js';
import { chartFileName, renderChart, reportChartSpec } from '../report-chart.js';
import type { WecomApi } from './api.js';
import { caseCard, noticeLine } from './cards.js';
import { channelCard, channelLine } from './channel.js';
import { ROBOT_CHANNEL } from './config.js';
import { digestMarkdown, overdueMarkdown } from './lists.js';
import { messageOf, refOf, type WecomMessage } from './message.js';
import type { MemberPace } from './pace.js';
import { casePageUrl } from './page-paths.js';
import type { CardRecords, WecomNames } from './records.js';
import { newTaskId } from './records.js';
import { reportMarkdown } from './report.js';
import { markdownTranslator, plainTranslator } from './text.js';

const SENT: Delivery = { kind: 'sent' };

export interface WecomChatDeps {
  api: WecomApi;
  policy: Policy;
  channel: WecomChannel;
  /** Holds back what would go over a member's limits, which WeCom drops in silence. */
  pace: MemberPace;
  records: CardRecords;
  names: WecomNames;
  /** The web process's public address, where a card's buttons open the forms about its case. */
  pages: string;
}

/**
 * The complaints channel: a group chat of the app (appchat) by its chatid, or a group robot (群机器人) by its
 * webhook key, with the pace that keeps it within its 20 messages a minute (redisRobotPace).
 */
export type WecomChannel =
  | { kind: 'chat'; chatId: string }
  | { kind: 'robot'; key: string; pace: MemberPace };
/** A message in the complaints channel, as its ref names it. */
type InChannel = Exclude<WecomMessage, { kind: 'card' }>;

/** Everyone on a case a message about it names. */
const peopleOf = (c: Case) => [c.owner, c.receiver, c.handoverFrom, c.ladder[c.level]];

/**
 * Messages on WeCom's server API. Cases reach their people as button cards, digests, lists and reports as
 * markdown, and the complaints channel is a group chat of the app or a group robot. WeCom tells the app nobody's
 * language, so all speak the policy's, with times in its time zone.
 */
export function wecomChat({
  api,
  policy,
  channel,
  pace,
  records,
  names,
  pages,
}: WecomChatDeps): ChatTransport {
  const base = translator(policy.locale);
  const t = plainTranslator(base);
  const md = markdownTranslator(base);
  /** Where a card goes now. A robot's ref holds no key (a secret): its lines go by the robot configured then. */
  const here: InChannel =
    channel.kind === 'chat' ? { kind: 'chat', chat: channel.chatId } : { kind: 'robot' };
  /** Markdown to the complaints channel a message was in; a robot posts only within its pace (WeCom refuses more). */
  async function toChannel(where: InChannel, markdown: string): Promise<Delivery> {
    if (where.kind === 'chat') return api.sendToChat(where.chat, { markdown });
    if (channel.kind !== 'robot') return { kind: 'refused', reason: 'no-robot' };
    const wait = await channel.pace.take(channel.key);
    return wait > 0 ? { kind: 'retryAfter', ms: wait } : api.sendToRobot(channel.key, { markdown });
  }
  /** A message to a member, sent only within their limits; over them it waits as long as the pace says. */
  async function paced(to: string, send: () => Promise<Delivery>): Promise<Delivery> {
    const wait = await pace.take(to);
    return wait > 0 ? { kind: 'retryAfter', ms: wait } : send();
  }
  /** The case as a card to one member: in full for the owner and the managers on its ladder. */
  async function cardFor(to: string, c: Case, taskId: string, headline?: string) {
    const name = await names.of(peopleOf(c));
    return caseCard(t, c, policy, {
      taskId,
      pages,
      full: seesFullPhone(c, to),
      name,
      ...(headline ? { headline } : {}),
    });
  }

  return {
    async postCard(c) {
      const name = await names.of(peopleOf(c));
      const posted = await toChannel(here, channelCard(md, c, policy, name, pages));
      return posted.kind === 'sent' ? { kind: 'sent', card: refOf(here) } : posted;
    },

    // A message in a group chat cannot be edited: the chat hears of each change as a line (threadEntry).
    updateCard: async () => SENT,

    async updateMessage(c, ref) {
      const message = messageOf(ref);
      if (message.kind !== 'card') return SENT;
      // The click's response code updates the card once; without one (used, or too old) the card stays as it is.
      const code = await records.responseCode(message.task);
      if (!code) return SENT;
      const card = await cardFor(message.to, c, message.task);
      const updated = await api.updateCard(message.to, code, { card });
      if (updated.kind !== 'retryAfter') await records.forgetResponse(message.task, code);
      return updated;
    },

    notify: (to, notice, c) =>
      paced(to, async () => {
        const card = await cardFor(to, c, newTaskId(c), noticeLine(t, policy, notice, c));
        return api.sendCard(to, card);
      }),

    async threadEntry(c, card, entry) {
      const message = messageOf(card);
      if (message.kind === 'card') return SENT;
      const line = channelLine(md, c, entry, await names.of([entry.by, entry.to]));
      return line ? toChannel(message, line) : SENT;
    },

    digest: (to, cases, reached = new Map()) =>
      paced(to, async () => {
        const name = await names.of(cases.map((c) => c.owner));
        return api.sendMarkdown(to, digestMarkdown(md, cases, reached, name, casePageUrl(pages)));
      }),

    overdueList: (to, cases) =>
      paced(to, async () => {
        const name = await names.of(cases.map((c) => c.owner));
        const phone = (c: Case) => showPhone(c.customer.phone, policy.country);
        return api.sendMarkdown(to, overdueMarkdown(md, cases, phone, name, casePageUrl(pages)));
      }),

    report: (to, kind, period, stats) =>
      paced(to, async () => {
        const name = await names.of(stats.assessment?.byOwner.map((r) => r.key) ?? []);
        return api.sendMarkdown(to, reportMarkdown(md, policy, kind, period, stats, name));
      }),

    // The PNG is uploaded as a temporary image (valid 3 days), then sent; a retry uploads it again.
    chart: (to, report) =>
      paced(to, async () => {
        const png = await renderChart(reportChartSpec(t, policy, report));
        const image = await api.uploadMedia('image', chartFileName(report, policy.timezone), png);
        return image.kind === 'uploaded' ? api.sendImage(to, image.mediaId) : image;
      }),

    // A WeCom app has no home view to publish.
    publishHome: async () => SENT,

    conversationOf(ref) {
      const message = messageOf(ref);
      if (message.kind === 'card') return message.to;
      return message.kind === 'chat' ? message.chat : ROBOT_CHANNEL;
    },
  };
}
