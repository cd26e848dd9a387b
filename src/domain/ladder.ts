import type { Department, Policy } from './policy.js';

/**
 * The escalation ladder of a department: owner → department manager → CS manager → GM.
 * A person who holds two roles stands on it once, so their rung is skipped.
 */
export function ladderFor(department: Department, policy: Pick<Policy, 'csManager' | 'gm'>): string[] {
  return [...new Set([department.owner, department.manager, policy.csManager, policy.gm])];
}
