import { resolveModal } from '../../src/chat/blocks.js';
import type { SlackDeps } from './deps.js';
import { caseFormButton } from './reply.js';

/** Resolve (处理): opens the short form for what was done, for the owner or a manager only. */
export const resolveButton = (deps: SlackDeps) => caseFormButton(deps, resolveModal, 'resolve');
