import { reassignModal } from '../../src/chat/blocks.js';
import type { SlackDeps } from './deps.js';
import { caseFormButton } from './reply.js';

/** Reassign (转交): opens the handover form, for the owner or a manager. */
export const reassignButton = (deps: SlackDeps) =>
  caseFormButton(deps, reassignModal(deps.policy), 'reassign');
