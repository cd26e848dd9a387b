import type { Case, DeadlineKind } from '../../domain/case.js';
import { customerName } from '../blocks.js';
import { categoryName, type Translate } from '../i18n.js';
import { fitLines, shortened } from './text.js';

/** `t` speaks WeCom markdown (markdownTranslator) in this file: what it fills in, it writes literally. */
const more = (t: Translate) => (count: number) => t('report.more', { count });

/** Where a case's number links to: its page, where those on it act (`casePageUrl`); stressed words without one. */
export type CaseLink = ((number: string) => string) | undefined;
const numberOf = (number: string, link: CaseLink) => ({
  strong: number,
  ...(link ? { href: link(number) } : {}),
});

/**
 * Many cases escalated to one person, as one markdown message: one line per case, which deadlines it breached
 * (or that it was escalated), its number linking to its page, as many as 2048 bytes hold, then how many more.
 */
export function digestMarkdown(
  t: Translate,
  cases: Case[],
  reached: Map<string, DeadlineKind[]>,
  name: (userId: string) => string,
  link?: CaseLink,
): string {
  const reachedText = (deadlines: DeadlineKind[]) =>
    deadlines.length === 0
      ? t('digest.escalated')
      : t('digest.overdue', {
          deadlines: deadlines.map((d) => t(`deadline.${d}`)).join(t('list.separator')),
        });
  const lines = cases.map((c) =>
    t('digest.line', {
      number: numberOf(c.number, link),
      reached: reachedText(reached.get(c.number) ?? []),
      category: categoryName(t, c.category),
      owner: name(c.owner),
      summary: shortened(c.summary, 60),
    }),
  );
  return fitLines([`**${t('notice.digest', { count: cases.length })}**`, ...lines], more(t));
}

/** A manager's cases unresolved for more than a day, one line each with the customer's phone as they may see it. */
export function overdueMarkdown(
  t: Translate,
  cases: Case[],
  phoneOf: (c: Case) => string,
  name: (userId: string) => string,
  link?: CaseLink,
): string {
  return caseListMarkdown(
    t,
    t('report.daily', { count: cases.length }),
    cases,
    phoneOf,
    name,
    undefined,
    link,
  );
}

/**
 * A page of `list` or `find` as one markdown message to the member who asked: one line per case with the phone as
 * they may see it, and what to send for more.
 */
export function caseListMarkdown(
  t: Translate,
  title: string,
  cases: Case[],
  phoneOf: (c: Case) => string,
  name: (userId: string) => string,
  next?: string,
  link?: CaseLink,
): string {
  const lines = cases.map((c) =>
    t('list.line', {
      number: numberOf(c.number, link),
      status: t(`status.${c.status}`),
      category: categoryName(t, c.category),
      customer: customerName(t, c),
      phone: phoneOf(c),
      owner: name(c.owner),
      summary: shortened(c.summary, 120),
    }),
  );
  const body = lines.length > 0 ? lines : [t('list.empty')];
  return fitLines([`**${title}**`, ...body, ...(next ? [next] : [])], more(t));
}
