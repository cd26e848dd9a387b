import type { Complaint, EvidenceFile } from './complaint.js';
import type { Policy } from './policy.js';

export type CaseStatus = 'registered' | 'accepted' | 'resolved' | 'closed';

/** The statuses of a case still being handled: its deadlines run and it is on people's lists. */
export const OPEN_STATUSES = ['registered', 'accepted'] as const satisfies readonly CaseStatus[];
/** The statuses of a case whose handling is over: resolved (its record may still be completed) or closed. */
export const FINISHED_STATUSES = ['resolved', 'closed'] as const satisfies readonly CaseStatus[];
export type DeadlineKind = 'acknowledge' | 'callback' | 'resolve';

/** A promise the company made about a case, and when it was kept. */
export interface Deadline {
  kind: DeadlineKind;
  startAt: Date;
  dueAt: Date;
  /** How long the deadline is, in the time it counts (working time, with a calendar). */
  span: number;
  /** Raised whenever the deadline is planned anew, so that timers of an older plan know they are stale. */
  version: number;
  metAt?: Date;
  /** The first promise, when the owner promised the customer a later time: statistics judge by it. */
  originalDueAt?: Date;
}

export type TimelineType =
  | 'registered'
  | 'acknowledged'
  | 'resolved'
  | 'escalated'
  | 'warned'
  | 'nudged'
  | 'owner-notified'
  | 'gm-informed'
  /** How the case ended, told to someone the documents name (the receiver, a manager, the GM). */
  | 'outcome-told'
  | 'reporter-told'
  | 'contacted'
  | 'extended'
  | 'root-cause'
  | 'fix-verified'
  | 'closed'
  | 'reopened'
  | 'verdict'
  | 'class-changed'
  | 'reassigned'
  | 'batched'
  | 'batch-informed'
  | 'approval-requested'
  | 'approved'
  | 'approval-rejected'
  /** A message to a person that the chat platform refused: it never reached them. */
  | 'undelivered';

/** One line of the case's append-only history. */
export interface TimelineEntry {
  at: Date;
  /** A person's id on the chat platform, or `system` for what the bot did by itself. */
  by: string;
  type: TimelineType;
  /** Whom a message went to, for pings. */
  to?: string;
  /** Free text: the resolution, for instance. */
  text?: string;
  /** Unique per case for pings, so a retried job never sends the same one twice. */
  key?: string;
}

export const RESOLUTION_ACTIONS = [
  'refund',
  'exchange',
  'repair',
  'apology',
  'compensation',
  'explanation',
  'out_of_scope',
] as const;
export type ResolutionAction = (typeof RESOLUTION_ACTIONS)[number];

/** What the customer said of the resolution at the callback (回访). */
export interface Verdict {
  accepted: boolean;
  satisfaction: number;
  comment?: string;
}

/** Why it happened and what changes (8D): required before a major case closes. */
export interface RootCause {
  cause: string;
  corrective: string;
  preventive: string;
  department: string;
  /** The person responsible (责任人), when the cause is one person's. */
  person?: string;
}

/** A complaint case as stored. */
export interface Case {
  number: string;
  /** Identifies the form submission that created the case, so a redelivery creates nothing. */
  submissionKey: string;
  /** Raised by every write: a transition only lands on the revision it was decided from. */
  revision: number;
  status: CaseStatus;
  customer: { name: string; phone: string };
  summary: string;
  /** What the customer asks for (投诉要求); cases registered before it was asked have none. */
  demand?: string;
  /** Where it happened, or the customer's address: forgotten with the name and phone. */
  address?: string;
  /** Files attached at registration (证据). */
  evidence?: EvidenceFile[];
  /** The fault recurs after repair (重复故障): a major case. */
  recurrence?: boolean;
  category: string;
  class: 1 | 2 | 3;
  channel: Complaint['channel'];
  department: string;
  compensation: boolean;
  receiver: string;
  owner: string;
  /** Who handed the case over: still accountable (首问负责制) until the new owner acknowledges. */
  handoverFrom?: string | null;
  /** The person complained about: never the owner, and never shown the case. */
  respondent?: string;
  /** The chat message the complaint was reported from (a message shortcut), as a link to it. */
  permalink?: string;
  item?: string;
  /** A batch (批量投诉): the number of its first case names it. */
  batch?: string;
  /** For a repeat complaint: the customer's previous case, and how many complaints this one makes. */
  repeat?: { of: string; count: number };
  /** Later complaints of the same customer that were registered as repeats of this case. */
  repeatedBy?: string[];
  /** Who the case climbs to, owner first, each person once: owner → manager → CS manager → GM. */
  ladder: string[];
  /** Index in the ladder the case has climbed to; 0 while only the owner is on it. */
  level: number;
  createdAt: Date;
  deadlines: Deadline[];
  resolution?: string;
  /** How the case was resolved, and the compensation paid, if any. */
  resolutionAction?: ResolutionAction;
  amount?: number;
  /** A compensation above the policy's threshold, waiting for the GM (null once decided). */
  pendingApproval?: { amount: number; text: string; by: string; action?: ResolutionAction } | null;
  rootCause?: RootCause;
  /** A manager verified that the corrective action works (验证有效); null once the root cause changed again. */
  fixVerified?: { by: string; at: Date } | null;
  verdict?: Verdict;
  /** A case the customer rejected is closed and followed by a new major case: the links both ways. */
  rejectedInto?: string;
  rejectionOf?: string;
  /** When the case was closed; null once reopened. Name and phone are kept `retention` after it. */
  closedAt?: Date | null;
  /** When the customer's name and phone were forgotten, `retention` after the case closed. */
  anonymisedAt?: Date;
  timeline: TimelineEntry[];
}

/** A case as registered, before the store gives it its number. */
export type CaseDraft = Omit<Case, 'number' | 'revision'>;

/**
 * Major cases (重大投诉) copy the GM at once and get a callback deadline and longer to resolve: class 2 or 3, a
 * compensation claim, a batch, a fault that recurs after repair, or a category the policy names (food safety).
 */
export function isMajor(
  c: Pick<Case, 'class' | 'compensation' | 'category'> & { batch?: string; recurrence?: boolean },
  policy: Pick<Policy, 'majorCategories'>,
): boolean {
  return (
    c.class >= 2 ||
    c.compensation ||
    c.batch !== undefined ||
    c.recurrence === true ||
    policy.majorCategories.includes(c.category)
  );
}

export function isFinished(c: Pick<Case, 'status'>): boolean {
  return (FINISHED_STATUSES as readonly CaseStatus[]).includes(c.status);
}

/**
 * Whether the case needs its root cause before it closes (原因分析, 纠正预防措施): every complaint (001 4.5.1
 * 「每宗投诉」), or, where the policy says so, major ones only.
 */
export function needsRootCause(
  c: Parameters<typeof isMajor>[0],
  policy: Pick<Policy, 'rootCause' | 'majorCategories'>,
): boolean {
  return policy.rootCause === 'all' || isMajor(c, policy);
}

/**
 * Whether the customer was told how the case was resolved (001 4.4.5): a contact logged after it was last
 * resolved, or the customer's verdict on it.
 */
export function customerTold(c: Pick<Case, 'timeline'>): boolean {
  const resolved = c.timeline.findLastIndex((e) => e.type === 'resolved');
  return (
    resolved >= 0 &&
    c.timeline.slice(resolved + 1).some((e) => e.type === 'contacted' || e.type === 'verdict')
  );
}

/** The owner; during a handover also the one who handed it over and the receiver (首问负责制). */
export function isAccountable(c: Pick<Case, 'owner' | 'handoverFrom' | 'receiver'>, user: string): boolean {
  return user === c.owner || (!!c.handoverFrom && (user === c.handoverFrom || user === c.receiver));
}

/** Managers on the ladder: everyone above the owner. */
export function managersOf(c: Pick<Case, 'ladder'>): string[] {
  return c.ladder.slice(1);
}

/**
 * The ladder is planned anew at every handover; keys of pings up the ladder carry this version, so that the
 * same rung of a later ladder is a new message, not a duplicate of an earlier one.
 */
export function ladderVersion(c: Pick<Case, 'timeline'>): number {
  return 1 + c.timeline.filter((e) => e.type === 'reassigned').length;
}

/** A case the customer rejected whose follower (the new major case) is not linked yet. */
export function owesFollower(c: Pick<Case, 'verdict' | 'rejectedInto'>): boolean {
  return c.verdict?.accepted === false && !c.rejectedInto;
}

/** Whether a ping with this key is already in the timeline. */
export function wasSent(c: Pick<Case, 'timeline'>, key: string): boolean {
  return c.timeline.some((e) => e.key === key);
}
