import { verdictModal } from '../../src/chat/blocks.js';
import type { Case } from '../../src/domain/case.js';
import { recordRefusal } from '../../src/domain/transitions.js';
import type { SlackDeps } from './deps.js';
import { caseFormButton } from './reply.js';

const verdictRefusal = (c: Case, user: string) =>
  recordRefusal(c, user) ?? (c.status !== 'resolved' || c.verdict ? 'refusal.verdict_after_resolve' : null);

/** Customer verdict (客户意见): after the case is resolved, once, for the owner or a manager. */
export const verdictButton = (deps: SlackDeps) => caseFormButton(deps, verdictModal, verdictRefusal);
