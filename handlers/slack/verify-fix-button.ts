import type { SlackDeps } from './deps.js';
import { caseButton } from './reply.js';

/** Fix verified (验证有效): a manager on the case's ladder confirms the corrective action works. */
export const verifyFixButton = ({ t, verifyFix }: SlackDeps) => caseButton(t, verifyFix);
