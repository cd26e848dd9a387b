import type { Case, Deadline, ResolutionAction, RootCause, TimelineEntry, Verdict } from './case.js';
import { isMajor, ladderVersion } from './case.js';
import type { DeadlineStep } from './deadlines.js';
import { canPlan, measureOf, planDeadlines } from './deadlines.js';
import { ladderFor } from './ladder.js';
import { type Refusal, refusalOf } from './permissions.js';
import type { DeadlinePolicy, Policy, Procedure } from './policy.js';

export type { Refusal } from './permissions.js';

export type Transition = { kind: 'ok'; case: Case } | { kind: 'refused'; reason: Refusal };

const refuse = (reason: Refusal): Transition => ({ kind: 'refused', reason });
/** What decides a case's weight and so its deadlines: major or not, and how long each deadline is. */
type Weighing = Pick<Policy, 'deadlines' | 'majorCategories'>;
const append = (c: Case, entry: TimelineEntry): TimelineEntry[] => [...c.timeline, entry];

/** The owner accepts the case (确认受理): the acknowledge deadline is met. */
export function acknowledge(c: Case, actor: string, now: Date): Transition {
  const refused = refusalOf('acknowledge', c, actor);
  if (refused) return refuse(refused);
  return {
    kind: 'ok',
    case: {
      ...c,
      status: 'accepted',
      handoverFrom: null,
      deadlines: c.deadlines.map((d) => (d.kind === 'acknowledge' ? { ...d, metAt: now } : d)),
      timeline: append(c, { at: now, by: actor, type: 'acknowledged' }),
    },
  };
}

/** What was done: how, the words for it, and the compensation paid, if any. */
export interface Resolution {
  action: ResolutionAction;
  text: string;
  amount?: number;
}

/** The owner or a manager records what was done; every deadline still running is met. */
export function resolve(c: Case, actor: string, resolution: string, now: Date, how?: Resolution): Transition {
  const refused = refusalOf('resolve', c, actor);
  if (refused) return refuse(refused);
  return {
    kind: 'ok',
    case: {
      ...c,
      status: 'resolved',
      resolution,
      ...(how ? { resolutionAction: how.action } : {}),
      ...(how?.amount !== undefined ? { amount: how.amount } : {}),
      deadlines: c.deadlines.map((d) => ({ ...d, metAt: d.metAt ?? now })),
      timeline: append(c, { at: now, by: actor, type: 'resolved', text: resolution }),
    },
  };
}

export const CONTACT_WAYS = ['phone', 'visit', 'message'] as const;
export interface Contact {
  at: Date;
  how: (typeof CONTACT_WAYS)[number];
  what: string;
}

/** The owner or a manager logs a contact with the customer; the first one is the callback (回访) a major case owes. */
export function logContact(c: Case, actor: string, contact: Contact, now: Date): Transition {
  const refused = refusalOf('contact', c, actor);
  if (refused) return refuse(refused);
  const entry: TimelineEntry = {
    at: contact.at,
    by: actor,
    type: 'contacted',
    text: `${contact.how}: ${contact.what}`,
  };
  return {
    kind: 'ok',
    case: {
      ...c,
      deadlines: c.deadlines.map((d) => (d.kind === 'callback' && !d.metAt ? { ...d, metAt: now } : d)),
      timeline: append(c, entry),
    },
  };
}

export interface Extension {
  promisedAt: Date;
  reason: string;
}

/**
 * The owner or a manager promised the customer a later time (need more time): every open deadline but the
 * acknowledgement moves to it, planned anew; each keeps its first due time for the statistics. A promise more
 * than `maxExtension` ahead, or one whose steps cannot be planned, is refused before anything is saved.
 */
export function extend(
  c: Case,
  actor: string,
  { promisedAt, reason }: Extension,
  now: Date,
  policy: DeadlinePolicy,
  maxExtension = Number.POSITIVE_INFINITY,
): Transition {
  const refused = refusalOf('extend', c, actor);
  if (refused) return refuse(refused);
  if (!(promisedAt.getTime() - now.getTime() <= maxExtension)) return refuse('refusal.too_far');
  const moved = (d: Deadline): Deadline => ({
    ...d,
    startAt: now,
    dueAt: promisedAt,
    // Measured as the steps count it: in working time under a calendar, else the warning lands after the due time.
    span: measureOf(policy)(now, promisedAt),
    version: d.version + 1,
    originalDueAt: d.originalDueAt ?? d.dueAt,
  });
  const deadlines = c.deadlines.map((d) => (d.kind === 'acknowledge' || d.metAt ? d : moved(d)));
  if (!deadlines.every((d) => canPlan(d, c.ladder, policy))) return refuse('refusal.too_far');
  return {
    kind: 'ok',
    case: {
      ...c,
      deadlines,
      timeline: append(c, {
        at: now,
        by: actor,
        type: 'extended',
        text: `${promisedAt.toISOString()} ${reason}`,
      }),
    },
  };
}

/**
 * Someone on the ladder takes the case one rung up now, without waiting for a deadline. Pressed at a level the
 * case has left (a second press at once, a retry), it does nothing: one press climbs one rung.
 */
export function escalate(c: Case, actor: string, now: Date, pressedAtLevel?: number): Transition {
  const refused = refusalOf('escalate', c, actor);
  const rung = c.level + 1;
  const to = c.ladder[rung];
  if (refused || !to) return refuse(refused ?? 'refusal.top_of_ladder');
  if (pressedAtLevel !== undefined && pressedAtLevel !== c.level) return refuse('refusal.already_escalated');
  return {
    kind: 'ok',
    case: {
      ...c,
      level: rung,
      timeline: append(c, {
        at: now,
        by: actor,
        type: 'escalated',
        to,
        key: `escalate.l${ladderVersion(c)}.rung${rung}`,
      }),
    },
  };
}

/** The timeline line that records a deadline step once its message was sent. */
export function stepEntry(step: DeadlineStep, now: Date): TimelineEntry & { key: string } {
  return { at: now, by: 'system', type: step.type, to: step.to, key: step.key };
}

/**
 * Root cause and corrective action (原因分析, 纠正预防措施), before or after the case is resolved. With
 * `verifyFix`, the corrective action, new or changed, waits for a manager to verify it before the case closes.
 */
export function recordRootCause(
  c: Case,
  actor: string,
  rootCause: RootCause,
  now: Date,
  verifyFix = false,
): Transition {
  const refused = refusalOf('rootCause', c, actor);
  if (refused) return refuse(refused);
  const entry: TimelineEntry = { at: now, by: actor, type: 'root-cause', text: rootCause.cause };
  const verification = verifyFix || c.fixVerified ? { fixVerified: null } : {};
  const { person, ...cause } = rootCause;
  const recorded: RootCause = person ? { ...cause, person } : cause;
  return { kind: 'ok', case: { ...c, rootCause: recorded, ...verification, timeline: append(c, entry) } };
}

/** A manager verified that the corrective action works (验证有效): the case may close. */
export function verifyFix(c: Case, actor: string, now: Date): Transition {
  const refused = refusalOf('verifyFix', c, actor);
  if (refused) return refuse(refused);
  const entry: TimelineEntry = { at: now, by: actor, type: 'fix-verified' };
  return { kind: 'ok', case: { ...c, fixVerified: { by: actor, at: now }, timeline: append(c, entry) } };
}

/** Closes (结案) a resolved case once the policy's conditions hold: its root cause in, the customer told the result. */
export function close(c: Case, actor: string, now: Date, procedure: Procedure): Transition {
  const refused = refusalOf('close', c, actor, procedure);
  if (refused) return refuse(refused);
  return {
    kind: 'ok',
    case: {
      ...c,
      status: 'closed',
      closedAt: now,
      timeline: append(c, { at: now, by: actor, type: 'closed' }),
    },
  };
}

/** Reopens a resolved or closed case, with a reason; it gets fresh deadlines from now, planned as for a new case. */
export function reopen(c: Case, actor: string, reason: string, now: Date, policy: Weighing): Transition {
  const refused = refusalOf('reopen', c, actor);
  if (refused) return refuse(refused);
  const fresh = planDeadlines(isMajor(c, policy), now, policy.deadlines).filter(
    (d) => d.kind !== 'acknowledge',
  );
  const version = (kind: string) => (c.deadlines.find((d) => d.kind === kind)?.version ?? 0) + 1;
  const deadlines = [
    ...c.deadlines.filter((d) => d.kind === 'acknowledge'),
    ...fresh.map((d) => ({ ...d, version: version(d.kind) })),
  ];
  const entry: TimelineEntry = { at: now, by: actor, type: 'reopened', text: reason };
  return {
    kind: 'ok',
    case: {
      ...c,
      status: 'accepted',
      ...(c.closedAt ? { closedAt: null } : {}),
      deadlines,
      timeline: append(c, entry),
    },
  };
}

/**
 * The customer's verdict on the resolution. Accepted: recorded. Rejected: recorded, and the case closes as
 * rejected; the caller opens the new major case that follows it (需要重新产生一个投诉意见).
 */
export function recordVerdict(c: Case, actor: string, verdict: Verdict, now: Date): Transition {
  const refused = refusalOf('verdict', c, actor);
  if (refused) return refuse(refused);
  const entry: TimelineEntry = { at: now, by: actor, type: 'verdict', text: verdict.comment };
  const closed = verdict.accepted ? {} : { status: 'closed' as const, closedAt: now };
  return { kind: 'ok', case: { ...c, verdict, ...closed, timeline: append(c, entry) } };
}

/**
 * Raises (owner or manager) or lowers (managers only) the class. The deadlines still open are planned anew
 * from registration for the case's new weight: becoming major adds the callback and gives 48 hours.
 */
export function changeClass(
  c: Case,
  actor: string,
  to: 1 | 2 | 3,
  reason: string,
  now: Date,
  policy: Weighing,
): Transition {
  const lowering = to < c.class;
  const refused =
    refusalOf('changeClass', c, actor) ??
    (to === c.class ? 'refusal.same_class' : null) ??
    (lowering && !c.ladder.slice(1).includes(actor) ? 'refusal.lower_needs_manager' : null);
  if (refused) return refuse(refused);
  const changed = { ...c, class: to };
  const deadlines = replanned(c, changed, policy);
  const entry: TimelineEntry = {
    at: now,
    by: actor,
    type: 'class-changed',
    text: `${c.class} → ${to}: ${reason}`,
  };
  return { kind: 'ok', case: { ...changed, deadlines, timeline: append(c, entry) } };
}

/**
 * Hands the case to another person or department. It waits for the new owner's acknowledgement, on a fresh
 * acknowledge deadline that escalates like any other; until then the one who handed it over stays accountable.
 */
export function reassign(
  c: Case,
  actor: string,
  to: { owner: string; department: string },
  now: Date,
  policy: Pick<Policy, 'departments' | 'csManager' | 'gm' | 'deadlines'>,
): Transition {
  const department = policy.departments.find((d) => d.id === to.department);
  const refused =
    refusalOf('reassign', c, actor) ??
    (to.owner === c.respondent ? 'refusal.respondent_owner' : null) ??
    (to.owner === c.owner ? 'refusal.same_owner' : null);
  if (refused) return refuse(refused);
  if (!department) throw new Error(`unknown department ${to.department}`);
  const ack = c.deadlines.find((d) => d.kind === 'acknowledge');
  const [fresh] = planDeadlines(false, now, policy.deadlines);
  const acknowledge = { ...(fresh as Deadline), version: (ack?.version ?? 0) + 1 };
  return {
    kind: 'ok',
    case: {
      ...c,
      owner: to.owner,
      department: department.id,
      ladder: ladderFor({ ...department, owner: to.owner }, policy, c.respondent),
      level: 0,
      status: 'registered',
      handoverFrom: c.handoverFrom ?? c.owner,
      deadlines: [acknowledge, ...c.deadlines.filter((d) => d.kind !== 'acknowledge')],
      timeline: append(c, { at: now, by: actor, type: 'reassigned', to: to.owner }),
    },
  };
}

/**
 * The deadlines of a case whose weight changed, planned anew from registration: a deadline whose due time
 * moves gets a new version, a kept one stays, and one the new plan has no more stays only if it was kept.
 */
function replanned(c: Case, changed: Case, policy: Weighing): Deadline[] {
  const plan = planDeadlines(isMajor(changed, policy), c.createdAt, policy.deadlines);
  const moved = plan.map((planned) => {
    const current = c.deadlines.find((d) => d.kind === planned.kind);
    if (current?.metAt || current?.dueAt.getTime() === planned.dueAt.getTime()) return current ?? planned;
    return { ...planned, version: (current?.version ?? 0) + 1 };
  });
  return [...moved, ...c.deadlines.filter((d) => d.metAt && !plan.some((p) => p.kind === d.kind))];
}

/** A case joins a batch (批量投诉): it becomes major, and its open deadlines are planned as such. */
export function joinBatch(c: Case, batch: string, now: Date, policy: Weighing): Transition {
  if (c.batch) return refuse('refusal.same_class');
  const changed = { ...c, batch };
  const entry: TimelineEntry = { at: now, by: 'system', type: 'batched', text: batch };
  return {
    kind: 'ok',
    case: { ...changed, deadlines: replanned(c, changed, policy), timeline: append(c, entry) },
  };
}

/** A compensation above the policy's threshold is proposed: the case waits for the GM before it is resolved. */
export function requestApproval(
  c: Case,
  actor: string,
  proposal: { amount: number; text: string; action?: ResolutionAction },
  now: Date,
): Transition {
  const refused = refusalOf('resolve', c, actor);
  if (refused) return refuse(refused);
  const entry: TimelineEntry = {
    at: now,
    by: actor,
    type: 'approval-requested',
    text: `${proposal.amount}: ${proposal.text}`,
  };
  return {
    kind: 'ok',
    case: { ...c, pendingApproval: { ...proposal, by: actor }, timeline: append(c, entry) },
  };
}

/**
 * The approver (the GM, or their stand-in on a complaint about them) approves the compensation, which resolves
 * the case, or rejects it, which sends it back to the owner.
 */
export function decideApproval(
  c: Case,
  actor: string,
  approved: boolean,
  approver: string | null,
  now: Date,
): Transition {
  const refused = refusalOf('decideApproval', c, actor, { gm: approver ?? undefined });
  const pending = c.pendingApproval;
  if (refused || !pending) return refuse(refused ?? 'refusal.nothing_to_approve');
  if (!approved) {
    const entry: TimelineEntry = { at: now, by: actor, type: 'approval-rejected' };
    return { kind: 'ok', case: { ...c, pendingApproval: null, timeline: append(c, entry) } };
  }
  const decided: Case = {
    ...c,
    pendingApproval: null,
    timeline: append(c, { at: now, by: actor, type: 'approved' }),
  };
  return resolve(decided, pending.by, pending.text, now, {
    action: pending.action ?? 'compensation',
    text: pending.text,
    amount: pending.amount,
  });
}
