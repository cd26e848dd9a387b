import type { ResolutionAction } from './case.js';

/** What pays the customer money: an amount belongs to these, and above the threshold waits for the GM. */
export const PAYING_ACTIONS: readonly ResolutionAction[] = ['compensation', 'refund'];

/** The largest amount a resolution may name: more is a typing slip, not a payment. */
export const AMOUNT_MAX = 100_000_000;

export const paysCustomer = (action: ResolutionAction) => PAYING_ACTIONS.includes(action);

/** A payment above the policy's threshold waits for the GM's approval, whatever it is called. */
export function waitsForApproval(
  how: { action: ResolutionAction; amount?: number },
  threshold: number,
): boolean {
  return paysCustomer(how.action) && (how.amount ?? 0) > threshold;
}
