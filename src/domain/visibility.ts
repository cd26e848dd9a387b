import type { Case } from './case.js';
import { maskPhone, normalizePhone, showPhone } from './phone.js';
import type { Policy } from './policy.js';

/** The CS manager and the GM, who coordinate every case. */
type Coordinators = Pick<Policy, 'gm' | 'csManager'>;

/**
 * Who is on a case and may look it up (need to know, 不得告知不相关人员): its receiver, its owner, who handed it
 * over, the managers on its ladder, the CS manager and the GM; never the person complained about (回避).
 */
export function isOnCase(
  c: Pick<Case, 'respondent' | 'receiver' | 'owner' | 'handoverFrom' | 'ladder'>,
  user: string,
  policy: Coordinators,
): boolean {
  if (user === c.respondent) return false;
  const people = [c.receiver, c.owner, c.handoverFrom, ...c.ladder, policy.csManager, policy.gm];
  return people.includes(user);
}

/** The one rule every list of people told about a case goes through: each once, and never the respondent. */
export function recipients(c: Pick<Case, 'respondent'>, people: string[]): string[] {
  return [...new Set(people)].filter((p) => p !== c.respondent);
}

/**
 * Who decides on a compensation above the threshold: the GM, or, on a complaint about the GM, the stand-in the
 * policy names (then the CS manager).
 */
export function approverOf(
  c: Pick<Case, 'respondent'>,
  policy: Coordinators & Pick<Policy, 'approvalStandIn'>,
): string | null {
  return recipients(c, [policy.gm, policy.approvalStandIn, policy.csManager])[0] ?? null;
}

/** The customer's phone in full is for the owner and the managers on the case's ladder only. */
export function seesFullPhone(c: Pick<Case, 'ladder'>, user: string): boolean {
  return c.ladder.includes(user);
}

/** The customer's phone as this person may read it: in full, as dialled at home, or masked (`138****5678`). */
export function phoneFor(
  c: Pick<Case, 'ladder' | 'customer'>,
  user: string,
  policy: Pick<Policy, 'country'>,
): string {
  const { phone } = c.customer;
  return seesFullPhone(c, user) ? showPhone(phone, policy.country) : maskPhone(phone, policy.country);
}

/** Which open cases `/complaint list` shows someone. */
export type ListScope =
  | { kind: 'all' }
  | { kind: 'departments'; ids: string[] }
  | { kind: 'owner'; user: string };

/** The GM and the CS manager see every case; a department manager their departments'; anyone else their own. */
export function listScope(user: string, policy: Pick<Policy, 'gm' | 'csManager' | 'departments'>): ListScope {
  if (user === policy.gm || user === policy.csManager) return { kind: 'all' };
  const managed = policy.departments.filter((d) => d.manager === user).map((d) => d.id);
  return managed.length > 0 ? { kind: 'departments', ids: managed } : { kind: 'owner', user };
}

/** Whose cases someone reads in a list, and who they are: a case about them is never among them. */
export interface Reader {
  scope: ListScope;
  viewer: string;
}

/** The reader of a department manager's lists, the daily list and the export: their departments' cases. */
export function readerOf(user: string, policy: Pick<Policy, 'gm' | 'csManager' | 'departments'>): Reader {
  return { scope: listScope(user, policy), viewer: user };
}

/**
 * A search of the register: what to look for, and on whose behalf. `everything`: the reader coordinates every
 * case (the CS manager, the GM); anyone else finds the cases they are on, and others only by the full phone.
 */
export type CaseSearch =
  | ({ kind: 'list' } & Reader)
  | { kind: 'find'; text: string; phone: string | null; viewer: string; everything: boolean };

/**
 * `/complaint find <text>` on someone's behalf: the text as typed, and, when it is a whole phone number, that
 * number as stored (E.164), however it was written (`138 1234 5678`, `+86 138-1234-5678`, `0086…`).
 */
export function findSearch(
  text: string,
  viewer: string,
  policy: Pick<Policy, 'gm' | 'csManager' | 'departments' | 'country'>,
): CaseSearch {
  const everything = listScope(viewer, policy).kind === 'all';
  return { kind: 'find', text, phone: normalizePhone(text, policy.country), viewer, everything };
}

/** Managers of a department, the CS manager and the GM: who may export the register. */
export function isManager(user: string, policy: Pick<Policy, 'gm' | 'csManager' | 'departments'>): boolean {
  return (
    user === policy.gm || user === policy.csManager || policy.departments.some((d) => d.manager === user)
  );
}
