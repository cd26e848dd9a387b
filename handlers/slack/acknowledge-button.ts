import type { SlackDeps } from './deps.js';
import { caseButton } from './reply.js';

/** Acknowledge (确认受理), owner only. */
export const acknowledgeButton = ({ t, acknowledgeCase }: SlackDeps) => caseButton(t, acknowledgeCase);
