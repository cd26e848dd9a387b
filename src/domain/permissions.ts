import type { Case } from './case.js';
import { isAccountable, isFinished, managersOf, needsRootCause } from './case.js';

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
  | 'refusal.already_escalated';

/** What a person can do to a case, from a button or a form. */
export type CaseAction =
  | 'acknowledge'
  | 'contact'
  | 'extend'
  | 'resolve'
  | 'escalate'
  | 'rootCause'
  | 'close'
  | 'reopen'
  | 'verdict'
  | 'changeClass'
  | 'reassign'
  | 'decideApproval';

/** Who holds the company-wide roles an action may need. */
export interface Roles {
  /** Who decides on compensations of this case: the GM, or their stand-in on a complaint about the GM. */
  gm: string;
}

type Rule = (c: Case, actor: string, roles: Partial<Roles>) => Refusal | null;

const handlesIt = (c: Case, actor: string) => isAccountable(c, actor) || managersOf(c).includes(actor);

/** The owner (or, during a handover, the receiver and the previous owner) and the managers on the ladder. */
const onTheCase: Rule = (c, actor) => (handlesIt(c, actor) ? null : 'refusal.not_owner_or_manager');

/** Working on an open case: finished ones are not, and a pending compensation waits for the GM first. */
const working: Rule = (c, actor, roles) =>
  (isFinished(c) ? 'refusal.already_resolved' : null) ??
  onTheCase(c, actor, roles) ??
  (c.pendingApproval ? 'refusal.awaiting_approval' : null);

/**
 * Who may do what, and when: the one table that both the transitions and the buttons opening forms read, so
 * a button refuses exactly what its form's submission would.
 */
const RULES: Record<CaseAction, Rule> = {
  acknowledge: (c, actor) =>
    (isFinished(c) ? 'refusal.already_resolved' : null) ??
    (actor !== c.owner ? 'refusal.not_owner' : null) ??
    (c.status !== 'registered' ? 'refusal.already_acknowledged' : null),
  contact: working,
  extend: working,
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
    (needsRootCause(c) && !c.rootCause ? 'refusal.root_cause_first' : null),
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
