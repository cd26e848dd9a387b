import type { Policy } from '../domain/policy.js';
import type { ReportKind } from '../domain/report-period.js';
import { type AssessmentRow, type Kept, keptPercent, type Statistics } from '../domain/statistics.js';
import { categoryName, isMessageKey, type MessageKey, type Param, type Translate } from './i18n.js';

/**
 * One part of a report, whatever the chat: its lines of figures, counts under a heading, case numbers under a
 * heading, or an assessment's lines (all of them, most cases first). Each chat's adapter lays them out within its
 * own limits; names are given as they are, for the adapter to fit.
 */
export type ReportPart =
  | { kind: 'figures'; lines: string[] }
  | { kind: 'counts'; heading: string; rows: { name: string; count: number }[] }
  | { kind: 'numbers'; heading: string; numbers: string[] }
  | { kind: 'assessment'; heading: string; lines: string[] };

/** How an assessment names a responsible department and an owner, as the chat writes them. */
export interface AssessmentNames {
  department(name: string): Param;
  person(id: string): Param;
}

/**
 * The statistics of a period as the GM reads them (客户投诉周统计表 / 月汇总): the title, then the figures, the
 * counts by category, class and department, the overdue, repeat and batch cases, and, except weekly, the assessment
 * (绩效考核) by responsible department and by owner. `t` speaks the chat's marks.
 */
export function reportContent(
  t: Translate,
  policy: Policy,
  kind: ReportKind,
  period: { from: Date; to: Date },
  stats: Statistics,
  names: AssessmentNames,
): { title: string; parts: ReportPart[] } {
  const day = (at: Date) =>
    new Intl.DateTimeFormat('sv-SE', { timeZone: policy.timezone, dateStyle: 'short' }).format(at);
  const title = t(`report.${kind}`, { from: day(period.from), to: day(new Date(period.to.getTime() - 1)) });
  // The documents' deadlines and the acknowledgement (the bot's own hour) are judged apart.
  const kept = (line: 'report.met' | 'report.acknowledged', of: Kept) => {
    const percent = keptPercent(of);
    return percent === null
      ? t(`${line}.none`)
      : t(line, { percent: { strong: `${percent}%` }, met: of.met, judged: of.judged });
  };
  const department = (id: string) => policy.departments.find((d) => d.id === id)?.name ?? id;
  const counts = (heading: string, rows: Statistics['byCategory'], name: (key: string) => string) => ({
    kind: 'counts' as const,
    heading,
    rows: rows.map((r) => ({ name: name(r.key), count: r.count })),
  });
  const numbers = (heading: string, list: string[]) => ({ kind: 'numbers' as const, heading, numbers: list });
  const assessment = (heading: string, rows: AssessmentRow[], name: (key: string) => Param) => ({
    kind: 'assessment' as const,
    heading,
    lines: [...rows]
      .sort((a, b) => b.cases - a.cases || b.missed - a.missed || (a.key < b.key ? -1 : 1))
      .map((r) =>
        t('report.assessment', {
          name: name(r.key),
          cases: r.cases,
          missed: r.missed,
          satisfaction: r.satisfaction ?? t('report.assessment.noScore'),
          reopened: r.reopened,
          rejected: r.rejected,
        }),
      ),
  });
  const figures = [
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
  ];
  const parts: ReportPart[] = [
    { kind: 'figures', lines: figures },
    counts(t('report.byCategory'), stats.byCategory, (key) => categoryName(t, key)),
    counts(t('report.byClass'), stats.byClass, (key) =>
      isMessageKey(`class.${key}`) ? t(`class.${key}` as MessageKey) : key,
    ),
    counts(t('report.byDepartment'), stats.byDepartment, department),
    numbers(
      t('report.overdue', { count: stats.overdue.length }),
      stats.overdue.map((o) => o.number),
    ),
    numbers(t('report.repeats', { count: stats.repeats.length }), stats.repeats),
    numbers(t('report.batches', { count: stats.batches.length }), stats.batches),
    // Reviews of staff and departments are monthly, half-yearly and yearly; the week shows none.
    ...(kind !== 'weekly' && stats.assessment
      ? [
          assessment(t('report.byResponsible'), stats.assessment.byResponsible, (id) =>
            names.department(department(id)),
          ),
          assessment(t('report.byOwner'), stats.assessment.byOwner, names.person),
        ]
      : []),
  ];
  return { title, parts };
}
