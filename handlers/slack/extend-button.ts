import { extendModal } from '../../src/chat/blocks.js';
import type { SlackDeps } from './deps.js';
import { caseFormButton } from './reply.js';

/** Need more time (申请延期): opens the form for a new promised time, for the owner or a manager. */
export const extendButton = (deps: SlackDeps) => caseFormButton(deps, extendModal, 'extend');
