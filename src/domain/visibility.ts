import type { Case } from './case.js';
import type { Policy } from './policy.js';

/** Anyone may look a case up, except the person complained about (不得透露给被投诉人). */
export function maySee(c: Pick<Case, 'respondent'>, user: string): boolean {
  return c.respondent !== user;
}

/** The customer's phone in full is for the owner and the managers on the case's ladder only. */
export function seesFullPhone(c: Pick<Case, 'ladder'>, user: string): boolean {
  return c.ladder.includes(user);
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

/** A search of the register: what to look for, and on whose behalf. */
export type CaseSearch =
  | { kind: 'list'; scope: ListScope; viewer: string }
  | { kind: 'find'; text: string; viewer: string };

/** Managers of a department, the CS manager and the GM: who may export the register. */
export function isManager(user: string, policy: Pick<Policy, 'gm' | 'csManager' | 'departments'>): boolean {
  return (
    user === policy.gm || user === policy.csManager || policy.departments.some((d) => d.manager === user)
  );
}
