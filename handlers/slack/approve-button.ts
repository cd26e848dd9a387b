import type { SlackDeps } from './deps.js';
import { caseButton } from './reply.js';

/** Approve (批准), the GM's: the proposed compensation stands and the case is resolved. */
export const approveButton = ({ t, decideApproval }: SlackDeps) => caseButton(t, decideApproval(true));
