import type { SlackDeps } from './deps.js';
import { caseButton } from './reply.js';

/** Reject (驳回), the GM's: the compensation is refused and the owner resolves the case another way. */
export const rejectButton = ({ t, decideApproval }: SlackDeps) => caseButton(t, decideApproval(false));
