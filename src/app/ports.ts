import type { Case, CaseDraft, Deadline, DeadlineKind, TimelineEntry } from '../domain/case.js';
import type { Complaint } from '../domain/complaint.js';
import type { DeadlineTimer } from '../domain/deadlines.js';
import type { Policy } from '../domain/policy.js';
import type { ReportKind } from '../domain/report-period.js';
import type { Assessment, Statistics } from '../domain/statistics.js';
import type { CaseSearch, Reader } from '../domain/visibility.js';
import type { Home } from './home.js';

/** Where cases live. Every write raises the case's revision. */
export interface CaseStore {
  /**
   * Stores a new case and gives it the month's next number, unless its submission was stored before:
   * then the case stored first comes back with `created: false`.
   */
  create(draft: CaseDraft, month: string): Promise<{ case: Case; created: boolean }>;
  get(number: string): Promise<Case | null>;
  /** A page of a search of the register; `more` says whether another page follows. */
  search(search: CaseSearch, page: number, pageSize: number): Promise<{ cases: Case[]; more: boolean }>;
  /** The customer's latest case registered since the given time. */
  latestOfCustomer(phone: string, since: Date): Promise<Case | null>;
  /** Cases of one category about one item registered since a time, in the order of their numbers. */
  sameProblem(category: string, item: string, since: Date): Promise<Case[]>;
  /** Links a case the customer rejected and the case that follows it. */
  linkRejection(rejected: string, follower: string): Promise<void>;
  /** Links an earlier case to a later repeat of it. */
  linkRepeat(earlier: string, later: string): Promise<void>;
  /** The numbers of the cases registered in [from, to), judged at `now`. */
  statistics(from: Date, to: Date, now: Date, reader?: string): Promise<Statistics>;
  /** Open cases registered before a time that a reader may have in a list. */
  openBefore(before: Date, reader: Reader): Promise<Case[]>;
  /** A month's cases (`YYYYMM`) that a reader may have, by responsible department and by owner, judged at `now`. */
  assessment(month: string, now: Date, reader: Reader): Promise<Assessment>;
  /** Every case of a month (`YYYYMM`) that a reader may have, in the order of their numbers. */
  casesOfMonth(month: string, reader: Reader): Promise<Case[]>;
  /** Forgets name and phone of every case closed before a time; returns how many it anonymised. */
  anonymiseClosedBefore(closedBefore: Date, now: Date): Promise<number>;
  /** Every case not resolved yet, read lazily. */
  openCases(): AsyncIterable<Case>;
  /** Writes a transition decided from `prev`; false when the case changed in between. */
  save(prev: Case, next: Case): Promise<boolean>;
  /** Appends an entry whose key the timeline does not have yet; false when it already had it. */
  recordOnce(number: string, entry: TimelineEntry & { key: string }, level?: number): Promise<boolean>;
  close(): Promise<void>;
}

/** Who is told how a case ended: its receiver, its department's manager, or the GM and CS manager. */
export type OutcomeReader = 'receiver' | 'manager' | 'major';

/** Why a person gets a direct message about a case. */
export type Notice =
  | { kind: 'outcome'; reader: OutcomeReader }
  | { kind: 'assigned' | 'major' | 'registered' | 'approval_rejected' }
  /** With the deadline whose breach brought the case up, when a deadline did. */
  | { kind: 'escalated'; deadline?: DeadlineKind }
  | { kind: 'approval'; amount: number }
  | { kind: 'warned' | 'nudged'; deadline: DeadlineKind }
  /** The batch's cases, and how many customers (distinct phones) they come from. */
  | { kind: 'batch'; numbers: string[]; customers: number };

/**
 * A message as the chat adapter that sent it knows it (a Slack channel and ts, say): opaque to everyone else,
 * who pass it on and compare it, nothing more.
 */
export type MessageRef = string & { readonly __brand: 'MessageRef' };

/**
 * Messages about a case: the channel card and direct messages with buttons. They leave in the order they
 * were asked for, each key at most once, and show the case as it is when they leave.
 */
export interface Chat {
  postCard(c: Case): Promise<void>;
  /** Shows the case as it is now on its card and, when given, on the direct message a button was pressed in. */
  refresh(c: Case, pressedIn?: MessageRef): Promise<void>;
  /** With `gather`, messages that reach one person close together arrive as one digest. */
  notify(to: string, notice: Notice, c: Case, key: string, options?: { gather?: boolean }): Promise<void>;
  /** The statistics of a period, to one person, once per key. */
  report(to: string, report: Report, key: string): Promise<void>;
  /** A manager's list of their cases unresolved for more than a day, once per key. */
  overdueList(to: string, cases: Case[], key: string): Promise<void>;
}

/**
 * How one message fared with the chat platform: taken, to be sent again after `ms` (the platform asked to wait),
 * or refused for good, with the platform's reason (an unknown person, say): sending it again will not help.
 */
export type Delivery = { kind: 'sent' } | NotSent;
export type NotSent = { kind: 'retryAfter'; ms: number } | { kind: 'refused'; reason: string };

/**
 * What goes over the wire to the chat platform, one message per call; the outbox decides when. Each answers
 * how the message fared; a fault of the moment (no network) is thrown, and the message is tried again later.
 */
export interface ChatTransport {
  /** Posts the case's card where the team sees cases; sent, it says where the card is. */
  postCard(c: Case): Promise<{ kind: 'sent'; card: MessageRef } | NotSent>;
  /** Shows the case as it is now on its card. */
  updateCard(c: Case, card: MessageRef): Promise<Delivery>;
  /** Shows the case as it is now on a direct message that carries it (where a button was pressed). */
  updateMessage(c: Case, message: MessageRef): Promise<Delivery>;
  notify(to: string, notice: Notice, c: Case): Promise<Delivery>;
  /** One message listing many cases escalated to one person, each with a button. */
  digest(to: string, cases: Case[], reached?: Map<string, DeadlineKind[]>): Promise<Delivery>;
  /** Tells the card's thread of one thing that happened to the case. */
  threadEntry(c: Case, card: MessageRef, entry: TimelineEntry): Promise<Delivery>;
  /** A manager's list of their cases unresolved for more than a day. */
  overdueList(to: string, cases: Case[]): Promise<Delivery>;
  /** The statistics of a period. */
  report(
    to: string,
    kind: ReportKind,
    period: { from: Date; to: Date },
    stats: Statistics,
  ): Promise<Delivery>;
  /** The statistics of a period as a chart (PNG), uploaded to the person. */
  chart(to: string, report: Report): Promise<Delivery>;
  /** A person's home view in the chat app, published as it is now. */
  publishHome(to: string, home: Home): Promise<Delivery>;
  /** The conversation a message is in: messages to one conversation share its pace. */
  conversationOf(message: MessageRef): string;
}

/**
 * Answers that one person alone sees, told at once because they answer what the person just did (why a press did
 * nothing, that a request failed): Slack's ephemeral messages, a WeCom message to the member.
 */
export interface Answers {
  /** Tells a person, and only them, in the conversation they asked in (as their platform names it), else privately. */
  tell(person: string, where: string | undefined, text: string): Promise<void>;
}

/** The statistics of a week or a month, as the GM receives them. */
export interface Report {
  report: ReportKind;
  period: { from: Date; to: Date };
  stats: Statistics;
  /** The deadlines due and kept in each of the last weeks, oldest first, for the chart. */
  trend: { from: Date; judged: number; met: number }[];
}

/** Wake-up calls for deadlines. The store stays the truth; a timer only says "look again at this case". */
export interface Timers {
  /** Wakes the deadline up at its next step not sent yet, at once if that is past; no-op if it has a timer. */
  schedule(c: Case, d: Deadline): Promise<void>;
  cancel(timer: DeadlineTimer): Promise<void>;
  /** Every deadline timer waiting or running now. */
  pending(): Promise<DeadlineTimer[]>;
  /** Timers whose job used up its attempts; until cancelled, a timer of the same id cannot be scheduled. */
  failed(): Promise<DeadlineTimer[]>;
}

/** Work done after the request was answered, durably. */
export interface Jobs {
  announce(number: string): Promise<void>;
  /** Opens the case that follows a rejected one, durably. */
  followRejection(number: string): Promise<void>;
  /** Parks a submission the store could not take; it is stored when the store is back. */
  intake(submission: { complaint: Complaint; receiver: string; submissionKey: string }): Promise<void>;
}

/** How many case lookups (show, find) a person may make in a while. */
export interface LookupLimit {
  /** Counts one lookup of this person; false when they have made too many lately. */
  take(user: string): Promise<boolean>;
}

/** Requests that must not act twice (an export, say): a retry of one already taken is recognised. */
export interface Requests {
  /** True the first time a request id is seen, false for every retry of it. */
  firstTime(id: string): Promise<boolean>;
}

export interface Clock {
  now(): Date;
}

/** What use cases that act on a case and its timers, under the company's policy, work with. */
export interface CaseDeps {
  store: CaseStore;
  chat: Chat;
  timers: Timers;
  clock: Clock;
  policy: Policy;
}
