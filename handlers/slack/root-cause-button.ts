import { rootCauseModal } from '../../src/chat/blocks.js';
import type { SlackDeps } from './deps.js';
import { caseFormButton } from './reply.js';

/** Root cause (原因分析): opens the 8D form, for the owner or a manager, before or after resolving. */
export const rootCauseButton = (deps: SlackDeps) =>
  caseFormButton(deps, rootCauseModal(deps.policy), 'rootCause');
