import type { SlackDeps } from './deps.js';
import { caseButton } from './reply.js';

/** Close (结案): archives a resolved case; a major one needs its root cause first. */
export const closeButton = ({ t, closeCase }: SlackDeps) => caseButton(t, closeCase);
