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
  /**
   * The documents' deadlines (callback, resolve) due by the time of the report, and how many of them were kept
   * as first promised.
   */
  deadlines: Kept;
  /** The acknowledgements due by then (the bot's own deadline, not the documents'), and how many came in time. */
  acknowledged: Kept;
  /** Every case overdue at the time of the report, whenever it was registered. */
  overdue: { number: string; owner: string; department: string }[];
  repeats: string[];
  /** Cases that are part of a batch (批量投诉). */
  batches: string[];
  /** The customers' average satisfaction (1–5) and how many gave one; null average when nobody did. */
  satisfaction: { average: number | null; count: number };
  /** The period's cases by responsible department and by owner, for performance reviews (绩效考核). */
  assessment?: Assessment;
}

/** How the cases of one department or one person went: what reviews, rewards and penalties weigh (000, 003, 004). */
export interface AssessmentRow {
  /** A department id, or an owner's user id. */
  key: string;
  cases: number;
  /** Deadlines of the procedure (callback, resolve) due by then and not kept as first promised. */
  missed: number;
  /** Average satisfaction of those customers who gave one, one decimal; null when none did. */
  satisfaction: number | null;
  reopened: number;
  /** Cases whose customer rejected the resolution. */
  rejected: number;
}

/**
 * Cases by responsible department (the root cause's, else the case's own) and by owner (责任部门, 责任人), each
 * in the order of its key.
 */
export interface Assessment {
  byResponsible: AssessmentRow[];
  byOwner: AssessmentRow[];
}

/** Deadlines due, and how many of them were kept. */
export interface Kept {
  judged: number;
  met: number;
}

/** The share of some deadlines kept, in whole percent; null when none was due yet. */
export function keptPercent(kept: Kept): number | null {
  return kept.judged === 0 ? null : Math.round((100 * kept.met) / kept.judged);
}

/** The share of the documents' deadlines kept, in whole percent; null when none was due yet. */
export function metPercent(s: Pick<Statistics, 'deadlines'>): number | null {
  return keptPercent(s.deadlines);
}
