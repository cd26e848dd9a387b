import type { HomeView, KnownBlock } from '@slack/types';
import type { Home } from '../app/home.js';
import type { Case } from '../domain/case.js';
import { isOverdue, nextDeadline, type Waiting } from '../domain/home.js';
import type { Policy } from '../domain/policy.js';
import { type Kept, keptPercent } from '../domain/statistics.js';
import { ids, slackDate } from './blocks.js';
import { categoryName, type Translate } from './i18n.js';
import { cutMrkdwn, escapeMrkdwn } from './mrkdwn.js';

/** Blocks Slack allows in a Home view. */
const HOME_BLOCKS = 100;
/** Items each list of the Home shows; past them, how many more there are. Together well within 100 blocks. */
const WAITING_SHOWN = 10;
const LIST_SHOWN = 15;
const OVERDUE_SHOWN = 10;
/** Characters of a summary on the Home: enough to recognise the case. */
const SUMMARY_SHOWN = 150;

const plain = (text: string) => ({ type: 'plain_text' as const, text, emoji: true });
const mrkdwn = (text: string) => ({ type: 'mrkdwn' as const, text });
const section = (text: string): KnownBlock => ({ type: 'section', text: mrkdwn(text) });
const context = (text: string): KnownBlock => ({ type: 'context', elements: [mrkdwn(text)] });
const divider: KnownBlock = { type: 'divider' };

/** The button that brings the case, with all its buttons, by direct message: the digest's Show. */
const showButton = (t: Translate, c: Case) => ({
  type: 'button' as const,
  action_id: `${ids.show}.${c.number}`,
  text: plain(t('button.show', { number: c.number })),
  value: c.number,
});

/** When the case's next deadline is due, or since when it is overdue, in the reader's time zone. */
function dueLine(t: Translate, c: Case, timezone: string, now: Date): string {
  const next = nextDeadline(c);
  if (!next) return '';
  const name = t(`deadline.${next.kind}`);
  const due = slackDate(next.dueAt, timezone);
  return isOverdue(c, now) && next.dueAt <= now
    ? `⚠ ${t('home.overdue', { name, due })}`
    : t('home.next', { name, due });
}

/** One case in a list: number, status, category, its next deadline and the start of its summary, with Show. */
function caseItem(t: Translate, c: Case, timezone: string, now: Date): KnownBlock {
  const lines = [
    `*${c.number}* · ${t(`status.${c.status}`)} · ${cutMrkdwn(escapeMrkdwn(categoryName(t, c.category)), 100)}`,
    dueLine(t, c, timezone, now),
    cutMrkdwn(escapeMrkdwn(c.summary), SUMMARY_SHOWN),
  ];
  return { ...section(lines.filter((l) => l !== '').join('\n')), accessory: showButton(t, c) } as KnownBlock;
}

/** Something waiting for the reader, with the card's own buttons: Acknowledge, or Approve and Reject. */
function waitingItem(t: Translate, w: Waiting, timezone: string, now: Date): KnownBlock[] {
  const c = w.case;
  const summary = cutMrkdwn(escapeMrkdwn(c.summary), SUMMARY_SHOWN);
  const button = (actionId: string, text: string, style: 'primary' | 'danger') => ({
    type: 'button' as const,
    action_id: actionId,
    text: plain(text),
    value: c.number,
    style,
  });
  if (w.action === 'acknowledge') {
    const text = [
      t('home.acknowledge', { number: { strong: c.number } }),
      dueLine(t, c, timezone, now),
      summary,
    ];
    return [
      {
        ...section(text.filter((l) => l !== '').join('\n')),
        accessory: button(ids.acknowledge, t('button.acknowledge'), 'primary'),
      } as KnownBlock,
    ];
  }
  const amount = c.pendingApproval?.amount ?? 0;
  return [
    section(`${t('notice.approval', { number: c.number, amount })}\n${summary}`),
    {
      type: 'actions',
      block_id: `approval.${c.number}`,
      elements: [
        button(ids.approve, t('button.approve'), 'primary'),
        button(ids.reject, t('button.reject'), 'danger'),
      ],
    },
  ];
}

/** The first items of a list, and a line for how many more there are. */
function listed<T>(t: Translate, items: T[], shown: number, item: (x: T) => KnownBlock[]): KnownBlock[] {
  const blocks = items.slice(0, shown).flatMap(item);
  if (items.length > shown) blocks.push(context(t('list.more', { count: items.length - shown })));
  return blocks;
}

/** Deadlines kept as a share, or that none was due. */
function keptText(t: Translate, kept: Kept): string {
  const percent = keptPercent(kept);
  return percent === null
    ? t('home.kept.none')
    : t('home.kept', { percent: { strong: `${percent}%` }, met: kept.met, judged: kept.judged });
}

/**
 * The overview of the CS manager and the GM: open cases by class, overdue ones, this week and last week. A
 * report's week is the company's: its days are named in the policy's time zone, times in the reader's.
 */
function overviewBlocks(
  t: Translate,
  home: Home,
  policy: Pick<Policy, 'timezone'>,
  timezone: string,
): KnownBlock[] {
  const { overview, weeks } = home;
  if (!overview) return [];
  const day = (at: Date) =>
    new Intl.DateTimeFormat('sv-SE', { timeZone: policy.timezone, dateStyle: 'short' }).format(at);
  const blocks: KnownBlock[] = [
    divider,
    { type: 'header', text: plain(t('home.overview')) },
    {
      type: 'section',
      text: mrkdwn(`*${t('home.openByClass')}*`),
      fields: overview.byClass.map((row) => mrkdwn(`${t(`class.${row.class}`)}\n*${row.count}*`)),
    },
  ];
  if (weeks) {
    const { period, stats } = weeks.lastWeek;
    const last = new Date(period.to.getTime() - 1);
    blocks.push(
      section(
        [
          t('home.thisWeek', { kept: keptText(t, weeks.thisWeek) }),
          t('home.lastWeek', {
            from: day(period.from),
            to: day(last),
            count: stats.total,
            kept: keptText(t, stats.deadlines),
          }),
        ].join('\n'),
      ),
    );
  }
  blocks.push(section(`*${t('home.overdueNow', { count: overview.overdue.length })}*`));
  blocks.push(...listed(t, overview.overdue, OVERDUE_SHOWN, (c) => [caseItem(t, c, timezone, home.at)]));
  return blocks;
}

/**
 * A person's App Home: what waits for them (acknowledge, approve), their open cases with the next deadline, a
 * manager's departments' open and overdue cases, and for the CS manager and the GM an overview. Each list shows
 * its first cases and says how many more there are, so the view stays within Slack's 100 blocks.
 */
export function homeView(
  t: Translate,
  policy: Pick<Policy, 'timezone'>,
  home: Home,
  timezone = policy.timezone,
): HomeView {
  const now = home.at;
  const blocks: KnownBlock[] = [
    { type: 'header', text: plain(t('home.title')) },
    context(t('home.updated', { time: slackDate(now, timezone) })),
    section(`*${t('home.waiting')}*`),
    ...(home.waiting.length === 0
      ? [context(t('home.waiting.none'))]
      : listed(t, home.waiting, WAITING_SHOWN, (w) => waitingItem(t, w, timezone, now))),
    divider,
    section(`*${t('home.mine', { count: home.mine.length })}*`),
    ...(home.mine.length === 0
      ? [context(t('home.mine.none'))]
      : listed(t, home.mine, LIST_SHOWN, (c) => [caseItem(t, c, timezone, now)])),
  ];
  if (home.departments) {
    const { cases, overdue } = home.departments;
    blocks.push(divider, section(`*${t('home.departments', { open: cases.length, overdue })}*`));
    blocks.push(...listed(t, cases, LIST_SHOWN, (c) => [caseItem(t, c, timezone, now)]));
  }
  blocks.push(...overviewBlocks(t, home, policy, timezone));
  return { type: 'home', blocks: blocks.slice(0, HOME_BLOCKS) };
}
