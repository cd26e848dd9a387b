import { type Case, isMajor, type TimelineEntry } from '../../domain/case.js';
import { maskPhone } from '../../domain/phone.js';
import type { Policy } from '../../domain/policy.js';
import { customerName } from '../blocks.js';
import { categoryName, type Translate } from '../i18n.js';
import { threadLine } from '../thread-line.js';
import { statusText } from './cards.js';
import { casePageUrl } from './page-paths.js';
import { fitLines, markdownValue, shortened, wecomDate } from './text.js';

/**
 * The case's card in the complaints group chat, as WeCom markdown: what the Slack channel's card shows and no
 * more (the phone masked, no address). A complaint about a member of staff, who may be in the chat, shows its
 * number, category, department and status only (回避). `t` speaks markdown (markdownTranslator): it writes the
 * values it fills in literally; the summary, written around it, goes through markdownValue here. It links to the
 * case's page at `pages`, where those on the case act on it: a message in a group chat has no buttons.
 */
export function channelCard(
  t: Translate,
  c: Case,
  policy: Policy,
  name: (userId: string) => string,
  pages: string,
): string {
  // Those on the case act on it from its page (signed in); for anyone else the page shows nothing.
  const open = `[${t('wecom.button.actions')}](${casePageUrl(pages)(c.number)})`;
  const department = policy.departments.find((d) => d.id === c.department)?.name ?? c.department;
  const category = categoryName(t, c.category);
  const title = t('card.title', { number: c.number }) + (isMajor(c, policy) ? ` · ${t('card.major')}` : '');
  const fact = (label: string, value: string) => `> ${t('wecom.fact', { label, value })}`;
  const more = (count: number) => t('report.more', { count });
  if (c.respondent)
    return fitLines(
      [
        `**${title}**`,
        open,
        fact(t('card.category'), category),
        fact(t('card.department'), department),
        fact(t('card.status'), statusText(t, c)),
        t('card.discreet'),
      ],
      more,
    );
  const deadlines = c.deadlines.map((d) =>
    d.metAt
      ? `✓ ${t('deadline.line.met', { name: t(`deadline.${d.kind}`), met: wecomDate(d.metAt, policy.timezone) })}`
      : t('deadline.line', { name: t(`deadline.${d.kind}`), due: wecomDate(d.dueAt, policy.timezone) }),
  );
  const escalatedTo = c.ladder[c.level];
  return fitLines(
    [
      `**${title}**`,
      open,
      markdownValue(shortened(c.summary, 300)),
      ...(c.demand ? [fact(t('card.demand'), shortened(c.demand, 200))] : []),
      fact(t('card.customer'), customerName(t, c)),
      fact(t('card.phone'), maskPhone(c.customer.phone, policy.country)),
      fact(t('card.category'), category),
      fact(t('card.class'), t(`class.${c.class}`)),
      fact(t('card.department'), department),
      fact(t('card.channel'), t(`channel.${c.channel}`)),
      fact(t('card.owner'), name(c.owner)),
      fact(t('card.receiver'), name(c.receiver)),
      fact(t('card.status'), statusText(t, c)),
      ...(c.level > 0 && escalatedTo ? [fact(t('card.escalated_to'), name(escalatedTo))] : []),
      ...(c.repeat ? [`↩ ${t('card.repeat', { count: c.repeat.count, number: c.repeat.of })}`] : []),
      ...(c.batch ? [`⧉ ${t('card.batch', { item: shortened(c.item ?? '', 100), numbers: c.batch })}`] : []),
      `**${t('card.deadlines')}**`,
      ...deadlines,
    ],
    more,
  );
}

/** One thing that happened to the case, told in the complaints chat (Slack tells it in the card's thread). */
export function channelLine(
  t: Translate,
  c: Case,
  entry: TimelineEntry,
  name: (userId: string) => string,
): string | null {
  // The translator speaks markdown: it writes what people typed literally.
  const people = { by: name(entry.by), to: entry.to ? name(entry.to) : '' };
  const told = threadLine(t, entry, people, shortened(entry.text ?? '', 500));
  if (!told) return null;
  return fitLines([`**${c.number}** · ${told}`], (count) => t('report.more', { count }));
}
