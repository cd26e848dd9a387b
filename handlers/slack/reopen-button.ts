import { reopenModal } from '../../src/chat/blocks.js';
import type { Case } from '../../src/domain/case.js';
import { isFinished } from '../../src/domain/case.js';
import { recordRefusal } from '../../src/domain/transitions.js';
import type { SlackDeps } from './deps.js';
import { caseFormButton } from './reply.js';

const reopenRefusal = (c: Case, user: string) =>
  recordRefusal(c, user) ?? (isFinished(c) ? null : 'refusal.not_finished');

/** Reopen (重新打开): asks why, for the owner or a manager, on a resolved or closed case. */
export const reopenButton = (deps: SlackDeps) => caseFormButton(deps, reopenModal, reopenRefusal);
