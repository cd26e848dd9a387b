import { type Case, type Deadline, isMajor } from '../../domain/case.js';
import { maskPhone, showPhone } from '../../domain/phone.js';
import type { Policy } from '../../domain/policy.js';
import { customerName } from '../blocks.js';
import { categoryName, type Translate } from '../i18n.js';
import { statusText } from './cards.js';
import { fitLines, markdownValue, shortened, wecomDate } from './text.js';

/** Who reads the case: in full (the phone, the address) for the owner and the managers on its ladder. */
export interface CaseView {
  full: boolean;
  name: (userId: string) => string;
  /** The case's page, where its reader acts on it (casePageUrl). */
  page: string;
}

function deadlineLine(t: Translate, d: Deadline, timezone: string): string {
  const name = t(`deadline.${d.kind}`);
  if (d.metAt) return `✓ ${t('deadline.line.met', { name, met: wecomDate(d.metAt, timezone) })}`;
  const due = wecomDate(d.dueAt, timezone);
  if (!d.originalDueAt) return `- ${t('deadline.line', { name, due })}`;
  const original = wecomDate(d.originalDueAt, timezone);
  return `- ${t('deadline.line.moved', { name, due, original })}`;
}

/**
 * The case as one WeCom markdown message, to one member who asked for it (`show`): what the Slack answer shows,
 * within 2048 bytes. `t` speaks markdown (markdownTranslator): what it fills in is written literally; text a person
 * typed is written literally here too.
 */
export function caseMarkdown(t: Translate, c: Case, policy: Policy, view: CaseView): string {
  const department = policy.departments.find((d) => d.id === c.department)?.name ?? c.department;
  const phone = view.full
    ? showPhone(c.customer.phone, policy.country)
    : maskPhone(c.customer.phone, policy.country);
  const fact = (label: string, value: string) => t('wecom.fact', { label: { strong: label }, value });
  const escalatedTo = c.ladder[c.level];
  const lines = [
    `# ${t('card.title', { number: c.number })}${isMajor(c, policy) ? ` · ${t('card.major')}` : ''}`,
    fact(t('card.status'), statusText(t, c)),
    `[${t('wecom.button.actions')}](${view.page})`,
    markdownValue(shortened(c.summary, 300)),
    ...(c.demand ? [fact(t('card.demand'), shortened(c.demand, 120))] : []),
    ...(c.address && view.full ? [fact(t('card.address'), shortened(c.address, 120))] : []),
    ...(c.pendingApproval ? [t('card.pendingApproval', { amount: c.pendingApproval.amount })] : []),
    fact(t('card.customer'), customerName(t, c) || '—'),
    fact(t('card.phone'), phone || '—'),
    fact(t('card.category'), categoryName(t, c.category)),
    fact(t('card.class'), t(`class.${c.class}`)),
    fact(t('card.department'), department),
    fact(t('card.channel'), t(`channel.${c.channel}`)),
    fact(t('card.owner'), view.name(c.owner)),
    fact(t('card.receiver'), view.name(c.receiver)),
    ...(c.handoverFrom ? [fact(t('card.handoverFrom'), view.name(c.handoverFrom))] : []),
    ...(c.level > 0 && escalatedTo ? [fact(t('card.escalated_to'), view.name(escalatedTo))] : []),
    `**${t('card.deadlines')}**`,
    ...c.deadlines.map((d) => deadlineLine(t, d, policy.timezone)),
    ...(c.resolution ? [`**${t('card.resolution')}**`, markdownValue(shortened(c.resolution, 300))] : []),
  ];
  return fitLines(lines, (count) => t('report.more', { count }));
}
