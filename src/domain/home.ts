import type { Case, Deadline } from './case.js';
import { isFinished } from './case.js';
import { refusalOf } from './permissions.js';
import type { Policy } from './policy.js';
import { approverOf, isOnCase, recipients } from './visibility.js';

/** Something a person is to press on a case: acknowledge it as its owner, or decide on a compensation. */
export interface Waiting {
  case: Case;
  action: 'acknowledge' | 'decideApproval';
}

/** Who a person's Home lists cases for: the policy's roles. */
export type HomeRoles = Pick<Policy, 'gm' | 'csManager' | 'approvalStandIn' | 'departments'>;

/** A person's cases on their Home, sorted as they read them; lists hold every case, the view shows the first. */
export interface HomeCases {
  waiting: Waiting[];
  /** Open cases they own, the soonest due first. */
  mine: Case[];
  /** A department manager's departments' open cases, the overdue first; null for anyone else. */
  departments: { cases: Case[]; overdue: number } | null;
  /** For the CS manager and the GM: open cases by class, and those overdue now; null for anyone else. */
  overview: { byClass: { class: 1 | 2 | 3; count: number }[]; overdue: Case[] } | null;
}

/** The deadline a case must keep next: the earliest not met. */
export function nextDeadline(c: Pick<Case, 'deadlines'>): Deadline | null {
  const open = c.deadlines.filter((d) => !d.metAt);
  return open.reduce<Deadline | null>((next, d) => (!next || d.dueAt < next.dueAt ? d : next), null);
}

/** Whether a deadline of the case passed unmet. */
export function isOverdue(c: Pick<Case, 'deadlines' | 'status'>, now: Date): boolean {
  return !isFinished(c) && c.deadlines.some((d) => !d.metAt && d.dueAt <= now);
}

/** Whether a person coordinates every case (the CS manager, the GM) or stands in for the GM's approvals. */
export function seesEveryOpenCase(
  user: string,
  roles: Pick<HomeRoles, 'gm' | 'csManager' | 'approvalStandIn'>,
) {
  return user === roles.gm || user === roles.csManager || user === roles.approvalStandIn;
}

/**
 * The people whose Home a change to the case may change: its owner and who handed it over, the managers on its
 * ladder, the CS manager, the GM and whoever approves its compensation; never the person complained about.
 */
export function homesOfCase(c: Case, roles: HomeRoles): string[] {
  const approver = approverOf(c, roles);
  const people = [c.owner, c.handoverFrom ?? '', ...c.ladder, roles.csManager, roles.gm, approver ?? ''];
  return recipients(
    c,
    people.filter((p) => p !== ''),
  );
}

const bySoonest = (a: Case, b: Case) =>
  (nextDeadline(a)?.dueAt.getTime() ?? Number.POSITIVE_INFINITY) -
  (nextDeadline(b)?.dueAt.getTime() ?? Number.POSITIVE_INFINITY);

/**
 * What a person's Home shows of these open cases: what waits for them to press, the cases they own, a manager's
 * departments' cases, and for the CS manager and the GM an overview. A case about the person is not there (回避).
 */
export function homeCases(user: string, open: Case[], roles: HomeRoles, now: Date): HomeCases {
  const visible = open.filter(
    (c) => !isFinished(c) && (isOnCase(c, user, roles) || approverOf(c, roles) === user),
  );
  const waiting: Waiting[] = [];
  for (const c of visible) {
    if (refusalOf('acknowledge', c, user) === null) waiting.push({ case: c, action: 'acknowledge' });
    const approver = approverOf(c, roles) ?? undefined;
    if (refusalOf('decideApproval', c, user, { gm: approver }) === null)
      waiting.push({ case: c, action: 'decideApproval' });
  }
  waiting.sort((a, b) => bySoonest(a.case, b.case));
  const mine = visible.filter((c) => c.owner === user).sort(bySoonest);
  const managed = roles.departments.filter((d) => d.manager === user).map((d) => d.id);
  const ofDepartments = visible.filter((c) => managed.includes(c.department));
  const overdueFirst = (a: Case, b: Case) =>
    Number(isOverdue(b, now)) - Number(isOverdue(a, now)) || bySoonest(a, b);
  const departments =
    managed.length > 0
      ? {
          cases: ofDepartments.sort(overdueFirst),
          overdue: ofDepartments.filter((c) => isOverdue(c, now)).length,
        }
      : null;
  const coordinates = user === roles.gm || user === roles.csManager;
  const overview = coordinates
    ? {
        byClass: ([1, 2, 3] as const).map((n) => ({
          class: n,
          count: visible.filter((c) => c.class === n).length,
        })),
        overdue: visible.filter((c) => isOverdue(c, now)).sort(bySoonest),
      }
    : null;
  return { waiting, mine, departments, overview };
}
