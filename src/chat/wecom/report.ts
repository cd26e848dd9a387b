import type { Policy } from '../../domain/policy.js';
import type { ReportKind } from '../../domain/report-period.js';
import type { Statistics } from '../../domain/statistics.js';
import type { Translate } from '../i18n.js';
import { type ReportPart, reportContent } from '../report-content.js';
import { fitLines, markdownValue } from './text.js';

/** Case numbers a list in a report names before it says how many more there are. */
const NUMBERS_SHOWN = 20;
/** Rows of each group of an assessment a report shows, most cases first; the export lists them all. */
const ASSESSMENT_ROWS = 10;

/** One part of a report as markdown lines, lists shortened. `t` speaks markdown. */
function reportLines(t: Translate, part: ReportPart): string[] {
  const none = t('report.none');
  switch (part.kind) {
    case 'figures':
      return part.lines;
    case 'counts':
      return [
        `**${part.heading}**`,
        ...(part.rows.length ? part.rows.map((r) => `- ${markdownValue(r.name)}: ${r.count}`) : [none]),
      ];
    case 'numbers': {
      const shown = part.numbers.slice(0, NUMBERS_SHOWN).join(', ') || none;
      const rest = part.numbers.length - NUMBERS_SHOWN;
      return [`**${part.heading}**`, rest > 0 ? `${shown} ${t('report.more', { count: rest })}` : shown];
    }
    case 'assessment': {
      const rest = part.lines.length - ASSESSMENT_ROWS;
      return [
        `**${part.heading}**`,
        ...(part.lines.length ? part.lines.slice(0, ASSESSMENT_ROWS).map((l) => `- ${l}`) : [none]),
        ...(rest > 0 ? [t('report.assessment.more', { count: rest })] : []),
      ];
    }
  }
}

/**
 * The statistics of a period as one markdown message to the GM (客户投诉周统计表 / 月汇总), within WeCom's 2048
 * bytes: the same parts as the Slack report, lists shortened. `t` speaks markdown (markdownTranslator).
 */
export function reportMarkdown(
  t: Translate,
  policy: Policy,
  kind: ReportKind,
  period: { from: Date; to: Date },
  stats: Statistics,
  name: (userId: string) => string,
): string {
  const { title, parts } = reportContent(t, policy, kind, period, stats, {
    department: (d) => d,
    person: name,
  });
  const lines = [`# ${title}`, ...parts.flatMap((part) => reportLines(t, part))];
  return fitLines(lines, (count) => t('report.more', { count }));
}
