import { reopenModal } from '../../src/chat/blocks.js';
import type { SlackDeps } from './deps.js';
import { caseFormButton } from './reply.js';

/** Reopen (重新打开): asks why, for the owner or a manager, on a resolved or closed case. */
export const reopenButton = (deps: SlackDeps) => caseFormButton(deps, reopenModal, 'reopen');
