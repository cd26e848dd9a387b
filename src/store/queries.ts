import { type Case, type CaseDraft, OPEN_STATUSES, type TimelineEntry } from '../domain/case.js';
import type { CaseSearch, ListScope, Reader } from '../domain/visibility.js';

/**
 * Every filter and update the store sends, as plain data. The Mongo adapter and the in-memory one run these
 * same objects, so the tests on the in-memory store prove the queries themselves.
 */
type Doc = Record<string, unknown>;
export interface Write {
  filter: Doc;
  update: Doc;
}

/** Fields a transition may change with `$set`; the timeline only grows and the revision only counts. */
const SETTABLE = [
  'status',
  'owner',
  'handoverFrom',
  'department',
  'ladder',
  'level',
  'deadlines',
  'resolution',
  'resolutionAction',
  'amount',
  'pendingApproval',
  'rootCause',
  'fixVerified',
  'verdict',
  'rejectedInto',
  'batch',
  'class',
  'compensation',
  'closedAt',
] as const;

export const caseBySubmission = (submissionKey: string): Doc => ({ submissionKey });
export const caseByNumber = (number: string): Doc => ({ number });
/** A case still being handled, as the domain defines it. */
const isOpen: Doc = { status: { $in: [...OPEN_STATUSES] } };
export const openCases = (): Doc => ({ ...isOpen, number: { $exists: true } });

/** Inserts the case unless a case of the same submission exists (run as an upsert). */
export const insertCase = (draft: CaseDraft): Write => ({
  filter: { submissionKey: draft.submissionKey },
  update: { $setOnInsert: { ...draft, revision: 0 } },
});

/** Takes the month's next serial atomically (run as an upsert returning the document after). */
export const nextSerial = (month: string): Write => ({
  filter: { _id: `case-${month}` },
  update: { $inc: { seq: 1 } },
});

/** Gives a stored case its number, once. */
export const assignNumber = (submissionKey: string, number: string): Write => ({
  filter: { submissionKey, number: { $exists: false } },
  update: { $set: { number }, $inc: { revision: 1 } },
});

/** Writes what a transition changed, only if nothing else wrote the case since it was read. */
export function saveTransition(prev: Case, next: Case): Write {
  const set: Doc = {};
  const unset: Doc = {};
  for (const field of SETTABLE) {
    if (JSON.stringify(prev[field]) === JSON.stringify(next[field])) continue;
    // A field the transition dropped is unset: a $set to undefined is a no-op through mongoose.
    if (next[field] === undefined) unset[field] = '';
    else set[field] = next[field];
  }
  const added = next.timeline.slice(prev.timeline.length);
  const update: Doc = { $inc: { revision: 1 } };
  if (Object.keys(set).length > 0) update.$set = set;
  if (Object.keys(unset).length > 0) update.$unset = unset;
  if (added.length > 0) update.$push = { timeline: { $each: added } };
  return { filter: { number: prev.number, revision: prev.revision }, update };
}

/** Appends a keyed entry unless the timeline has that key: a ping is recorded once, whoever retries. */
export function recordOnce(number: string, entry: TimelineEntry & { key: string }, level?: number): Write {
  const update: Doc = { $push: { timeline: entry }, $inc: { revision: 1 } };
  if (level !== undefined) update.$max = { level };
  return { filter: { number, 'timeline.key': { $ne: entry.key } }, update };
}

/** Text as a case-insensitive regular expression matching it literally. */
const literally = (text: string) => ({ $regex: text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), $options: 'i' });

/** The cases of a list's scope: every case, some departments', or one owner's. */
const whose = (scope: ListScope): Doc =>
  scope.kind === 'all'
    ? {}
    : scope.kind === 'departments'
      ? { department: { $in: scope.ids } }
      : { owner: scope.user };

/** What a reader may have in a list: the cases of their scope, none about them (回避). */
const readable = ({ scope, viewer }: Reader): Doc => ({ ...whose(scope), respondent: { $ne: viewer } });

/** The cases someone is on (need to know): as receiver, owner, who handed it over, or on its ladder. */
const isOnCase = (viewer: string): Doc => ({
  $or: [{ receiver: viewer }, { owner: viewer }, { handoverFrom: viewer }, { ladder: viewer }],
});

/**
 * A search of the register as a filter, newest first. The person complained about never finds the case. Who
 * coordinates every case finds any; anyone else finds the cases they are on, and others only by the customer's
 * full phone, so that a masked phone cannot be recovered digit by digit.
 */
export function searchCases(search: CaseSearch): { filter: Doc; sort: Record<string, 1 | -1> } {
  const hidden = { respondent: { $ne: search.viewer } };
  const sort = { number: -1 as const };
  if (search.kind === 'list') return { filter: { ...openCases(), ...readable(search) }, sort };
  const digits = search.text.replace(/[\s\-().+]/g, '');
  const text = search.text.trim();
  const byPhone = /^\d{4,}$/.test(digits);
  // Phones are stored in E.164: some of its digits, or the whole number however it was typed.
  const wholePhone = search.phone ? [{ 'customer.phone': search.phone }] : [];
  const matches = byPhone
    ? [{ 'customer.phone': { $regex: digits } }, ...wholePhone, { number: literally(text) }]
    : [{ summary: literally(text) }, { 'customer.name': literally(text) }, { number: literally(text) }];
  const allowed = search.everything ? [] : [{ $or: [isOnCase(search.viewer), ...wholePhone] }];
  return { filter: { $and: [{ $or: matches }, ...allowed], number: { $exists: true }, ...hidden }, sort };
}

/** The customer's latest case registered since a time: what makes a new complaint a repeat. */
export const latestOfCustomer = (phone: string, since: Date) => ({
  filter: { 'customer.phone': phone, createdAt: { $gte: since }, number: { $exists: true } },
  sort: { createdAt: -1 as const },
});

/** Records on an earlier case that a later one repeats it. */
export const linkRepeat = (earlier: string, later: string): Write => ({
  filter: { number: earlier },
  update: { $addToSet: { repeatedBy: later }, $inc: { revision: 1 } },
});

/** Whether a field is there, in an aggregation expression. */
const present = (field: string) => ({ $ne: [{ $ifNull: [field, null] }, null] });

/**
 * Of the deadlines of some kinds of the cases at hand, those due by `now`, and how many of them were kept as
 * first promised: a deadline moved by "need more time" counts as missed.
 */
const kept = (kinds: Doc, now: Date): Doc[] => [
  { $unwind: '$deadlines' },
  { $match: { 'deadlines.kind': kinds } },
  {
    $project: {
      due: { $ifNull: ['$deadlines.originalDueAt', '$deadlines.dueAt'] },
      metAt: '$deadlines.metAt',
      moved: present('$deadlines.originalDueAt'),
    },
  },
  { $match: { due: { $lte: now } } },
  {
    $group: {
      _id: null,
      judged: { $sum: 1 },
      met: {
        $sum: {
          $cond: [{ $and: [present('$metAt'), { $lte: ['$metAt', '$due'] }, { $not: ['$moved'] }] }, 1, 0],
        },
      },
    },
  },
];

/** Per case, its procedure deadlines (not the acknowledgement) due by `now` and not kept as first promised. */
const missedBy = (now: Date): Doc => ({
  $size: {
    $filter: {
      input: { $ifNull: ['$deadlines', []] },
      as: 'd',
      cond: {
        $and: [
          { $ne: ['$$d.kind', 'acknowledge'] },
          { $lte: [{ $ifNull: ['$$d.originalDueAt', '$$d.dueAt'] }, now] },
          {
            $not: [
              {
                $and: [
                  present('$$d.metAt'),
                  { $lte: ['$$d.metAt', '$$d.dueAt'] },
                  { $not: [present('$$d.originalDueAt')] },
                ],
              },
            ],
          },
        ],
      },
    },
  },
});

/** The department a case is held against: its root cause's responsible department, else its own. */
const responsibleDepartment = { $ifNull: ['$rootCause.department', '$department'] };

/** Cases grouped by a key (绩效考核): how many, deadlines missed, satisfaction, reopened, rejected. */
const assessBy = (key: unknown, now: Date): Doc[] => [
  {
    $project: {
      key,
      missed: missedBy(now),
      satisfaction: '$verdict.satisfaction',
      reopened: { $cond: [{ $in: ['reopened', { $ifNull: ['$timeline.type', []] }] }, 1, 0] },
      rejected: { $cond: [{ $eq: ['$verdict.accepted', false] }, 1, 0] },
    },
  },
  {
    $group: {
      _id: '$key',
      cases: { $sum: 1 },
      missed: { $sum: '$missed' },
      satisfaction: { $avg: '$satisfaction' },
      reopened: { $sum: '$reopened' },
      rejected: { $sum: '$rejected' },
    },
  },
  { $sort: { _id: 1 } },
];

/**
 * The register of a month (`YYYYMM`) as a reader may have it, by responsible department and by owner, its
 * deadlines judged at `now`: the assessment that goes with the export.
 */
export const assessmentOfMonth = (month: string, now: Date, reader: Reader): Doc[] => [
  { $match: { number: { $regex: `^${month}-` }, ...readable(reader) } },
  {
    $facet: {
      byResponsible: assessBy(responsibleDepartment, now),
      byOwner: assessBy('$owner', now),
    },
  },
];

/**
 * The statistics of the cases registered in [from, to) (客户投诉周统计表): counts by category, class and
 * department; of their deadlines due by `now`, how many were kept as first promised, the documents' deadlines
 * (callback, resolve) apart from the acknowledgement; the repeats; the customers' average satisfaction. The
 * overdue list is of every case overdue at `now`, whenever it was registered.
 */
export function statistics(from: Date, to: Date, now: Date, reader?: string): Doc[] {
  // The lists name cases; none about the reader (回避). The counts stay whole.
  const named = reader ? { respondent: { $ne: reader } } : {};
  const registered = { createdAt: { $gte: from, $lt: to } };
  const inPeriod = (stages: Doc[]) => [{ $match: registered }, ...stages];
  const countBy = (field: string) =>
    inPeriod([{ $group: { _id: `$${field}`, count: { $sum: 1 } } }, { $sort: { _id: 1 } }]);
  return [
    // The period's cases, and the open ones of any time, which may be overdue now.
    { $match: { number: { $exists: true }, $or: [registered, isOpen] } },
    {
      $facet: {
        total: inPeriod([{ $count: 'count' }]),
        byCategory: countBy('category'),
        byClass: countBy('class'),
        byDepartment: countBy('department'),
        deadlines: inPeriod(kept({ $ne: 'acknowledge' }, now)),
        acknowledged: inPeriod(kept({ $eq: 'acknowledge' }, now)),
        overdue: [
          {
            $match: {
              ...isOpen,
              ...named,
              deadlines: { $elemMatch: { metAt: { $exists: false }, dueAt: { $lt: now } } },
            },
          },
          { $project: { _id: 0, number: 1, owner: 1, department: 1 } },
          { $sort: { number: 1 } },
        ],
        repeats: inPeriod([
          { $match: { repeat: { $exists: true }, ...named } },
          { $project: { _id: 0, number: 1 } },
          { $sort: { number: 1 } },
        ]),
        batches: inPeriod([
          { $match: { batch: { $exists: true }, ...named } },
          { $project: { _id: 0, number: 1 } },
          { $sort: { number: 1 } },
        ]),
        satisfaction: inPeriod([
          { $match: { 'verdict.satisfaction': { $exists: true } } },
          { $group: { _id: null, average: { $avg: '$verdict.satisfaction' }, count: { $sum: 1 } } },
        ]),
        byResponsible: inPeriod(assessBy(responsibleDepartment, now)),
        byOwner: inPeriod(assessBy('$owner', now)),
      },
    },
  ];
}

/** The register of a month (`YYYYMM`) as a reader may have it, in the order of its numbers. */
export const casesOfMonth = (month: string, reader: Reader) => ({
  filter: { number: { $regex: `^${month}-` }, ...readable(reader) },
  sort: { number: 1 as const },
});

/** Open cases registered before a time, as a reader may have them: a manager's daily list. */
export const openSince = (before: Date, reader: Reader) => ({
  filter: { ...openCases(), createdAt: { $lt: before }, ...readable(reader) },
  sort: { number: 1 as const },
});

/** Links a case the customer rejected and the new case that follows it, both ways. */
export const linkRejection = (rejected: string, follower: string): Write[] => [
  { filter: { number: rejected }, update: { $set: { rejectedInto: follower }, $inc: { revision: 1 } } },
  { filter: { number: follower }, update: { $set: { rejectionOf: rejected }, $inc: { revision: 1 } } },
];

/** Cases of one category about one item (case-insensitive) registered since a time: a batch in the making. */
export const sameProblem = (category: string, item: string, since: Date) => ({
  filter: {
    category,
    item: { $regex: `^${item.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, $options: 'i' },
    createdAt: { $gte: since },
    number: { $exists: true },
  },
  sort: { number: 1 as const },
});

/** Closed cases that still hold their customer's name and phone although they closed before a time. */
export const dueForAnonymising = (closedBefore: Date): Doc => ({
  status: 'closed',
  closedAt: { $lt: closedBefore },
  anonymisedAt: { $exists: false },
});

/**
 * Forgets the customer's name, phone and address of a case, once; the rest of the record stays for the
 * statistics.
 */
export const anonymise = (number: string, now: Date): Write => ({
  filter: { number, anonymisedAt: { $exists: false } },
  update: {
    $set: { 'customer.name': '', 'customer.phone': '', anonymisedAt: now },
    $unset: { address: '' },
    $inc: { revision: 1 },
  },
});
