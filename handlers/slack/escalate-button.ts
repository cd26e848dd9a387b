import type { SlackDeps } from './deps.js';
import { caseButton } from './reply.js';

/** Escalate now (升级), for anyone on the case's ladder. */
export const escalateButton = ({ t, escalateCase }: SlackDeps) => caseButton(t, escalateCase);
