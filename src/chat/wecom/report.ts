import type { Policy } from '../../domain/policy.js';
import type { ReportKind } from '../../domain/report-period.js';
import {
  type AssessmentRow,
  type Count,
  type Kept,
  keptPercent,
  type Statistics,
} from '../../domain/statistics.js';
import { categoryName } from '../blocks.js';
import { isMessageKey, type MessageKey, type Translate } from '../i18n.js';
import { fitLines, markdownValue } from './text.js';

/** Case numbers a list in a report names before it says how many more there are. */
const NUMBERS_SHOWN = 20;
/** Rows of each group of an assessment a report shows, most cases first; the export lists them all. */
const ASSESSMENT_ROWS = 10;

/**
 * The statistics of a period as one markdown message to the GM (客户投诉周统计表 / 月汇总), within WeCom's 2048
 * bytes: the same lines as the Slack report, lists shortened. `t` speaks markdown (markdownTranslator).
 */
export function reportMarkdown(
  t: Translate,
  policy: Policy,
  kind: ReportKind,
  period: { from: Date; to: Date },
  stats: Statistics,
  name: (userId: string) => string,
): string {
  const day = (at: Date) =>
    new Intl.DateTimeFormat('sv-SE', { timeZone: policy.timezone, dateStyle: 'short' }).format(at);
  const title = t(`report.${kind}`, { from: day(period.from), to: day(new Date(period.to.getTime() - 1)) });
  const kept = (line: 'report.met' | 'report.acknowledged', of: Kept) => {
    const percent = keptPercent(of);
    return percent === null
      ? t(`${line}.none`)
      : t(line, { percent: { strong: `${percent}%` }, met: of.met, judged: of.judged });
  };
  const counts = (heading: string, rows: Count[], label: (key: string) => string) => [
    `**${heading}**`,
    ...(rows.length ? rows.map((r) => `- ${markdownValue(label(r.key))}: ${r.count}`) : [t('report.none')]),
  ];
  const numbers = (heading: string, list: string[]) => {
    const shown = list.slice(0, NUMBERS_SHOWN).join(', ') || t('report.none');
    const rest = list.length - NUMBERS_SHOWN;
    return [`**${heading}**`, rest > 0 ? `${shown} ${t('report.more', { count: rest })}` : shown];
  };
  const department = (id: string) => policy.departments.find((d) => d.id === id)?.name ?? id;
  const group = (heading: string, rows: AssessmentRow[], label: (key: string) => string) => {
    const sorted = [...rows].sort(
      (a, b) => b.cases - a.cases || b.missed - a.missed || (a.key < b.key ? -1 : 1),
    );
    const rest = sorted.length - ASSESSMENT_ROWS;
    return [
      `**${heading}**`,
      ...(sorted.length === 0 ? [t('report.none')] : []),
      ...sorted.slice(0, ASSESSMENT_ROWS).map(
        (r) =>
          `- ${t('report.assessment', {
            name: label(r.key),
            cases: r.cases,
            missed: r.missed,
            satisfaction: r.satisfaction ?? t('report.assessment.noScore'),
            reopened: r.reopened,
            rejected: r.rejected,
          })}`,
      ),
      ...(rest > 0 ? [t('report.assessment.more', { count: rest })] : []),
    ];
  };
  const lines = [
    `# ${title}`,
    t('report.total', { count: { strong: stats.total } }),
    kept('report.met', stats.deadlines),
    kept('report.acknowledged', stats.acknowledged),
    ...(stats.satisfaction.average === null
      ? []
      : [
          t('report.satisfaction', {
            average: { strong: stats.satisfaction.average },
            count: stats.satisfaction.count,
          }),
        ]),
    ...counts(t('report.byCategory'), stats.byCategory, (key) => categoryName(t, key)),
    ...counts(t('report.byClass'), stats.byClass, (key) =>
      isMessageKey(`class.${key}`) ? t(`class.${key}` as MessageKey) : key,
    ),
    ...counts(t('report.byDepartment'), stats.byDepartment, department),
    ...numbers(
      t('report.overdue', { count: stats.overdue.length }),
      stats.overdue.map((o) => o.number),
    ),
    ...numbers(t('report.repeats', { count: stats.repeats.length }), stats.repeats),
    ...numbers(t('report.batches', { count: stats.batches.length }), stats.batches),
    // Reviews of staff and departments (绩效考核) are monthly, half-yearly and yearly; the week shows none.
    ...(kind !== 'weekly' && stats.assessment
      ? [
          ...group(t('report.byResponsible'), stats.assessment.byResponsible, department),
          ...group(t('report.byOwner'), stats.assessment.byOwner, name),
        ]
      : []),
  ];
  return fitLines(lines, (count) => t('report.more', { count }));
}
