import { classModal } from '../../src/chat/blocks.js';
import type { SlackDeps } from './deps.js';
import { caseFormButton } from './reply.js';

/** Change class (调整等级): raising is for the owner or a manager; lowering is checked at submission. */
export const classButton = (deps: SlackDeps) => caseFormButton(deps, classModal, 'changeClass');
