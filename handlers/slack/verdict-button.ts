import { verdictModal } from '../../src/chat/blocks.js';
import type { SlackDeps } from './deps.js';
import { caseFormButton } from './reply.js';

/** Customer verdict (客户意见): after the case is resolved, once, for the owner or a manager. */
export const verdictButton = (deps: SlackDeps) => caseFormButton(deps, verdictModal, 'verdict');
