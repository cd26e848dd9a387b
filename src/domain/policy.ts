import type { CountryCode } from 'libphonenumber-js/max';
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
  reports: { daily: string; weekly: string; monthly: string; halfYear: string; annual: string };
  /** A complaint from a customer with another case this recent is a repeat (二次投诉): class 2 at least; 0 never. */
  repeatWindow: number;
  /** This many cases of one category and item within `window` are a batch (批量投诉): all major. */
  batch: { size: number; window: number };
  /** A compensation above this amount waits for the GM's approval before the case counts as resolved. */
  compensationApproval: number;
  /** Files the registration form takes as evidence (证据): how many (Slack allows 10), of which types (any if none). */
  evidence: { maxFiles: number; filetypes: string[] };
  /** Whether a case with a corrective action closes only once a manager verified the fix (改善验证有效后方可关闭). */
  verifyFix: boolean;
  /** Who approves a compensation on a complaint about the GM (default: the CS manager). */
  approvalStandIn: string;
  /** How long after a case closes its customer's name and phone are kept (records rule of 003: 3 years). */
  retention: number;
  /** How far ahead "need more time" may promise the customer a new time, from when it is promised. */
  maxExtension: number;
  /** Where a phone number written without a country code is from (ISO 3166 code, e.g. CN). */
  country: CountryCode;
  /** Whether a complaint may be registered without the customer's name and phone (匿名投诉). */
  anonymous: 'allowed' | 'forbidden';
  /** Which cases need their root cause and corrective action before they close: every one, or major ones. */
  rootCause: 'all' | 'major';
  /** Categories that make a complaint major whatever its class (食品安全, say). */
  majorCategories: string[];
  /** Whether a case closes only once the customer was told the result (a contact after resolving, or a verdict). */
  closeNeedsCustomerTold: boolean;
}

/** What the procedure asks before a case counts as major or may close; the documents' rules by default. */
export type Procedure = Pick<Policy, 'rootCause' | 'majorCategories' | 'closeNeedsCustomerTold'>;

/** The documents' procedure: root cause for every complaint (001 4.5.1), food safety major, result told first. */
export const DEFAULT_PROCEDURE: Procedure = {
  rootCause: 'all',
  majorCategories: ['food_safety'],
  closeNeedsCustomerTold: true,
};

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
