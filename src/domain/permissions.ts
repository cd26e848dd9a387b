import type { Case } from './case.js';
import { customerTold, isAccountable, isFinished, managersOf, needsRootCause } from './case.js';
import { DEFAULT_PROCEDURE, type Procedure } from './policy.js';

/** Why a person may not do what they asked; each is a message-catalog key. */
export type Refusal =
  | 'refusal.not_owner'
  | 'refusal.not_owner_or_manager'
  | 'refusal.not_on_ladder'
  | 'refusal.already_acknowledged'
  | 'refusal.already_resolved'
  | 'refusal.top_of_ladder'
  | 'refusal.not_resolved'
  | 'refusal.root_cause_first'
  | 'refusal.customer_not_told'
  | 'refusal.root_cause_and_customer_first'
  | 'refusal.not_finished'
  | 'refusal.verdict_after_resolve'
  | 'refusal.same_class'
  | 'refusal.lower_needs_manager'
  | 'refusal.same_owner'
  | 'refusal.respondent_owner'
  | 'refusal.awaiting_approval'
  | 'refusal.gm_only'
  | 'refusal.nothing_to_approve'
  | 'refusal.too_far'
  | 'refusal.fix_not_verified'
  | 'refusal.managers_verify'
  | 'refusal.nothing_to_verify'
  | 'refusal.already_escalated';

/** What a person can do to a case, from a button or a form. */
export type CaseAction =
  | 'acknowledge'
  | 'contact'
  | 'extend'
  | 'resolve'
  | 'escalate'
  | 'rootCause'
  | 'verifyFix'
  | 'close'
  | 'reopen'
  | 'verdict'
  | 'changeClass'
  | 'reassign'
  | 'decideApproval';

/** Who holds the company-wide roles an action may need, and what the policy asks before a case closes. */
export interface Roles extends Procedure {
  /** Who decides on compensations of this case: the GM, or their stand-in on a complaint about the GM. */
  gm: string;
}

type Rule = (c: Case, actor: string, roles: Partial<Roles>) => Refusal | null;

/** What is still missing before the case may close: its root cause, the customer told of the result, or both. */
const closeMissing: Rule = (c, _actor, roles) => {
  const procedure: Procedure = {
    rootCause: roles.rootCause ?? DEFAULT_PROCEDURE.rootCause,
    majorCategories: roles.majorCategories ?? DEFAULT_PROCEDURE.majorCategories,
    closeNeedsCustomerTold: roles.closeNeedsCustomerTold ?? DEFAULT_PROCEDURE.closeNeedsCustomerTold,
  };
  const cause = needsRootCause(c, procedure) && !c.rootCause;
  const told = procedure.closeNeedsCustomerTold && !customerTold(c);
  if (cause && told) return 'refusal.root_cause_and_customer_first';
  return cause ? 'refusal.root_cause_first' : told ? 'refusal.customer_not_told' : null;
};

const handlesIt = (c: Case, actor: string) => isAccountable(c, actor) || managersOf(c).includes(actor);

/** The owner (or, during a handover, the receiver and the previous owner) and the managers on the ladder. */
const onTheCase: Rule = (c, actor) => (handlesIt(c, actor) ? null : 'refusal.not_owner_or_manager');

/** Handling an open case, also while a compensation waits for the GM: the clocks run on meanwhile. */
const handling: Rule = (c, actor, roles) =>
  (isFinished(c) ? 'refusal.already_resolved' : null) ?? onTheCase(c, actor, roles);

/** Working on an open case: finished ones are not, and a pending compensation waits for the GM first. */
const working: Rule = (c, actor, roles) =>
  handling(c, actor, roles) ?? (c.pendingApproval ? 'refusal.awaiting_approval' : null);

/**
 * Who may do what, and when: the one table that both the transitions and the buttons opening forms read, so
 * a button refuses exactly what its form's submission would.
 */
const RULES: Record<CaseAction, Rule> = {
  acknowledge: (c, actor) =>
    (isFinished(c) ? 'refusal.already_resolved' : null) ??
    (actor !== c.owner ? 'refusal.not_owner' : null) ??
    (c.status !== 'registered' ? 'refusal.already_acknowledged' : null),
  // Also once resolved: telling the customer the result is a contact (001 4.4.5).
  contact: (c, actor, roles) =>
    onTheCase(c, actor, roles) ?? (c.status === 'closed' ? 'refusal.already_resolved' : null),
  extend: handling,
  resolve: working,
  reassign: working,
  changeClass: working,
  escalate: (c, actor) =>
    (isFinished(c) ? 'refusal.already_resolved' : null) ??
    (!c.ladder.includes(actor) ? 'refusal.not_on_ladder' : null) ??
    (c.ladder[c.level + 1] === undefined ? 'refusal.top_of_ladder' : null),
  rootCause: (c, actor, roles) =>
    onTheCase(c, actor, roles) ?? (c.status === 'closed' ? 'refusal.already_resolved' : null),
  close: (c, actor, roles) =>
    onTheCase(c, actor, roles) ??
    (c.status !== 'resolved' ? 'refusal.not_resolved' : null) ??
    closeMissing(c, actor, roles) ??
    (c.fixVerified === null ? 'refusal.fix_not_verified' : null),
  // Someone other than who carried the fix out confirms it works (效果确认): a manager on the ladder.
  verifyFix: (c, actor) =>
    (!managersOf(c).includes(actor) ? 'refusal.managers_verify' : null) ??
    (!c.rootCause || c.fixVerified || c.status === 'closed' ? 'refusal.nothing_to_verify' : null),
  reopen: (c, actor, roles) => onTheCase(c, actor, roles) ?? (isFinished(c) ? null : 'refusal.not_finished'),
  verdict: (c, actor, roles) =>
    onTheCase(c, actor, roles) ??
    (c.status !== 'resolved' || c.verdict ? 'refusal.verdict_after_resolve' : null),
  decideApproval: (c, actor, roles) =>
    (actor !== roles.gm || actor === c.respondent ? 'refusal.gm_only' : null) ??
    (!c.pendingApproval || isFinished(c) ? 'refusal.nothing_to_approve' : null),
};

/** Why this person may not do this to the case now, or null when they may. */
export function refusalOf(
  action: CaseAction,
  c: Case,
  actor: string,
  roles: Partial<Roles> = {},
): Refusal | null {
  return RULES[action](c, actor, roles);
}
