/** How many cases fell into one group: a category, a class or a department. */
export interface Count {
  key: string;
  count: number;
}

/** The register's numbers for a period (客户投诉周统计表). */
export interface Statistics {
  total: number;
  byCategory: Count[];
  byClass: Count[];
  byDepartment: Count[];
  /** Deadlines due by the time of the report, and how many of them were kept as first promised. */
  deadlines: { judged: number; met: number };
  overdue: { number: string; owner: string; department: string }[];
  repeats: string[];
  /** Cases that are part of a batch (批量投诉). */
  batches: string[];
  /** The customers' average satisfaction (1–5) and how many gave one; null average when nobody did. */
  satisfaction: { average: number | null; count: number };
}

/** The share of deadlines kept, in whole percent; null when none was due yet. */
export function metPercent(s: Pick<Statistics, 'deadlines'>): number | null {
  return s.deadlines.judged === 0 ? null : Math.round((100 * s.deadlines.met) / s.deadlines.judged);
}
