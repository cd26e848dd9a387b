import type { Case, Deadline, DeadlineKind, TimelineEntry } from './case.js';
import { isFinished, wasSent } from './case.js';
import type { DeadlinePolicy } from './policy.js';
import {
  type Advance,
  byCalendar,
  byTheClock,
  clockTimeBetween,
  type Measure,
  workingTimeBetween,
} from './working-time.js';

/** How the policy moves time forward: by the clock, or over working time only. */
const advanceOf = (policy: DeadlinePolicy): Advance =>
  policy.calendar ? byCalendar(policy.calendar) : byTheClock;

/** How the policy measures a deadline's span, the same way it moves time forward. */
export const measureOf = (policy: DeadlinePolicy): Measure =>
  policy.calendar ? workingTimeBetween(policy.calendar) : clockTimeBetween;

/** The deadlines a new case gets: acknowledge, then resolve; a major case also a callback. */
export function planDeadlines(major: boolean, now: Date, policy: DeadlinePolicy): Deadline[] {
  const advance = advanceOf(policy);
  const plan = (kind: DeadlineKind, span: number): Deadline => ({
    kind,
    startAt: now,
    dueAt: advance(now, span),
    span,
    version: 1,
  });
  return major
    ? [
        plan('acknowledge', policy.acknowledge),
        plan('callback', policy.majorCallback),
        plan('resolve', policy.majorResolve),
      ]
    : [plan('acknowledge', policy.acknowledge), plan('resolve', policy.resolve)];
}

/** One message a deadline sends when its time comes. */
export interface DeadlineStep {
  key: string;
  at: Date;
  type: 'warned' | 'nudged' | 'escalated';
  to: string;
  /** Index in the ladder the case reaches with this step. */
  rung: number;
}

/**
 * What a deadline sends, in order: a warning to the owner at `warnAt` of its span, a nudge when it is due,
 * then one rung up the ladder per grace period.
 */
export function stepsOf(d: Deadline, ladder: string[], policy: DeadlinePolicy): DeadlineStep[] {
  const advance = advanceOf(policy);
  const key = (name: string) => `${d.kind}.v${d.version}.${name}`;
  const owner = ladder[0] ?? '';
  const warnAt = advance(d.startAt, d.span * policy.warnAt);
  const steps: DeadlineStep[] = [
    { key: key('warn'), at: warnAt, type: 'warned', to: owner, rung: 0 },
    { key: key('due'), at: d.dueAt, type: 'nudged', to: owner, rung: 0 },
  ];
  ladder.slice(1).forEach((person, i) => {
    const rung = i + 1;
    const at = advance(d.dueAt, rung * policy.grace);
    steps.push({ key: key(`rung${rung}`), at, type: 'escalated', to: person, rung });
  });
  return steps;
}

/** The deadline whose step a timeline entry records, read from its key (`acknowledge.v1.rung1`); none for others. */
export function deadlineOfStep(entry: Pick<TimelineEntry, 'key'>): DeadlineKind | undefined {
  return /^(acknowledge|callback|resolve)\.v\d+\./.exec(entry.key ?? '')?.[1] as DeadlineKind | undefined;
}

/** Whether every step of a deadline can be planned: a calendar finds working time for each. */
export function canPlan(d: Deadline, ladder: string[], policy: DeadlinePolicy): boolean {
  try {
    return stepsOf(d, ladder, policy).every((s) => !Number.isNaN(s.at.getTime()));
  } catch {
    return false;
  }
}

/** When a deadline's timer should wake up next: the first step not sent yet; null when all were sent. */
export function nextWakeUp(c: Case, d: Deadline, policy: DeadlinePolicy): Date | null {
  return stepsOf(d, c.ladder, policy).find((s) => !wasSent(c, s.key))?.at ?? null;
}

/** Names the timer of one deadline of one case, in one version of its plan. */
export interface DeadlineTimer {
  number: string;
  kind: DeadlineKind;
  version: number;
}

export const timerOf = (c: Pick<Case, 'number'>, d: Deadline): DeadlineTimer => ({
  number: c.number,
  kind: d.kind,
  version: d.version,
});

/** What a deadline timer that woke up should do to the case as it is now. */
export type DeadlineDecision = { kind: 'stale' } | { kind: 'act'; due: DeadlineStep[]; next: Date | null };

export function onDeadline(
  c: Case,
  timer: Omit<DeadlineTimer, 'number'>,
  now: Date,
  policy: DeadlinePolicy,
): DeadlineDecision {
  const d = c.deadlines.find((x) => x.kind === timer.kind);
  if (!d || d.version !== timer.version || d.metAt || isFinished(c)) return { kind: 'stale' };
  const steps = stepsOf(d, c.ladder, policy);
  const due = steps.filter((s) => s.at <= now && !wasSent(c, s.key));
  const next = steps.find((s) => s.at > now)?.at ?? null;
  return { kind: 'act', due, next };
}

/** The deadlines still running. */
export function openDeadlines(c: Case): Deadline[] {
  return isFinished(c) ? [] : c.deadlines.filter((d) => !d.metAt);
}

/** The deadlines a timer must exist for: still running, with a step left to send. */
export function timedDeadlines(c: Case, policy: DeadlinePolicy): Deadline[] {
  return openDeadlines(c).filter((d) => nextWakeUp(c, d, policy) !== null);
}
