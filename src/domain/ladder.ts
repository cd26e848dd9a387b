import type { Department, Policy } from './policy.js';

/**
 * The escalation ladder of a department: owner → department manager → CS manager → GM.
 * A person who holds two roles stands on it once, so their rung is skipped; the person complained about is left off.
 */
export function ladderFor(
  department: Department,
  policy: Pick<Policy, 'csManager' | 'gm'>,
  respondent?: string,
): string[] {
  // The person complained about is told nothing of the case: they stand on no rung (回避).
  const rungs = [department.owner, department.manager, policy.csManager, policy.gm].filter(
    (p) => p !== respondent,
  );
  return [...new Set(rungs)];
}
