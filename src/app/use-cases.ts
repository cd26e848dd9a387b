import type { Policy } from '../domain/policy.js';
import type { CaseActionDeps } from './acknowledge-case.js';
import { acknowledgeCase } from './acknowledge-case.js';
import { changeClassOf } from './change-class.js';
import { closeCase } from './close-case.js';
import { decideApprovalOf } from './decide-approval.js';
import { escalateCase } from './escalate-case.js';
import { extendCase } from './extend-case.js';
import { logContactWith } from './log-contact.js';
import type { openCase } from './open-case.js';
import type { Jobs } from './ports.js';
import { reassignCase } from './reassign-case.js';
import { recordRootCauseOf } from './record-root-cause.js';
import { recordVerdictOf } from './record-verdict.js';
import { registerComplaint } from './register-complaint.js';
import { reopenCase } from './reopen-case.js';
import { resolveCase } from './resolve-case.js';
import { verifyFixOf } from './verify-fix.js';

/** What a person can do to complaints, whichever chat they do it from. */
export function caseUseCases(
  actions: CaseActionDeps,
  { policy, jobs, open }: { policy: Policy; jobs: Jobs; open: ReturnType<typeof openCase> },
) {
  const withPolicy = { ...actions, policy };
  return {
    registerComplaint: registerComplaint({ open, jobs }),
    acknowledgeCase: acknowledgeCase(actions),
    resolveCase: resolveCase(withPolicy),
    escalateCase: escalateCase(actions),
    logContact: logContactWith(actions),
    extendCase: extendCase(withPolicy),
    recordRootCause: recordRootCauseOf(withPolicy),
    verifyFix: verifyFixOf(actions),
    closeCase: closeCase(withPolicy),
    reopenCase: reopenCase(withPolicy),
    recordVerdict: recordVerdictOf({ ...actions, jobs }),
    changeClass: changeClassOf(withPolicy),
    reassignCase: reassignCase(withPolicy),
    decideApproval: decideApprovalOf(withPolicy),
  };
}

export type CaseUseCases = ReturnType<typeof caseUseCases>;
