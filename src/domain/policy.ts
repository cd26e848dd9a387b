import type { WorkingCalendar } from './working-time.js';

/** Languages every word of the bot exists in. */
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** Deadline lengths and escalation timing, all in milliseconds except the warning ratio. */
export interface DeadlinePolicy {
  acknowledge: number;
  resolve: number;
  majorCallback: number;
  majorResolve: number;
  /** Fraction of a deadline after which the owner is warned (0.75 = at 75%). */
  warnAt: number;
  /** Time between two rungs of the escalation ladder once a deadline has passed. */
  grace: number;
  /** Escalations reaching one person within this window arrive as one digest; 0 sends each at once. */
  digestWindow: number;
  /** Count only working time; null counts every hour of every day, as a 24-hour service line promises. */
  calendar: WorkingCalendar | null;
}

/** A department that complaints are routed to. */
export interface Department {
  id: string;
  name: string;
  owner: string;
  manager: string;
}

/** The company's complaint procedure as configured: who is who, and how long everything may take. */
export interface Policy {
  locale: Locale;
  timezone: string;
  channel: string;
  gm: string;
  csManager: string;
  departments: Department[];
  categories: string[];
  deadlines: DeadlinePolicy;
  /** When reports go out, as cron patterns in the policy's timezone. */
  reports: { daily: string; weekly: string; monthly: string };
  /** A complaint from a customer with another case this recent is a repeat (二次投诉): class 2 at least; 0 never. */
  repeatWindow: number;
  /** This many cases of one category and item within `window` are a batch (批量投诉): all major. */
  batch: { size: number; window: number };
  /** A compensation above this amount waits for the GM's approval before the case counts as resolved. */
  compensationApproval: number;
  /** Who approves a compensation on a complaint about the GM (default: the CS manager). */
  approvalStandIn: string;
  /** How long after a case closes its customer's name and phone are kept (records rule of 003: 3 years). */
  retention: number;
  /** How far ahead "need more time" may promise the customer a new time, from when it is promised. */
  maxExtension: number;
}

/** The category ids of the documents, used when the policy names none. */
export const DEFAULT_CATEGORIES = [
  'product_quality',
  'food_safety',
  'service_attitude',
  'service_quality',
  'delivery',
  'billing',
  'compensation',
  'other',
];
