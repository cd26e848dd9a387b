import type { HomeReaders } from '../../jobs/home-readers.js';
import type { acknowledgeCase } from '../../src/app/acknowledge-case.js';
import type { changeClassOf } from '../../src/app/change-class.js';
import type { closeCase } from '../../src/app/close-case.js';
import type { decideApprovalOf } from '../../src/app/decide-approval.js';
import type { escalateCase } from '../../src/app/escalate-case.js';
import type { extendCase } from '../../src/app/extend-case.js';
import type { Home } from '../../src/app/home.js';
import type { logContactWith } from '../../src/app/log-contact.js';
import type { CaseStore, LookupLimit, Requests } from '../../src/app/ports.js';
import type { reassignCase } from '../../src/app/reassign-case.js';
import type { recordRootCauseOf } from '../../src/app/record-root-cause.js';
import type { recordVerdictOf } from '../../src/app/record-verdict.js';
import type { registerComplaint } from '../../src/app/register-complaint.js';
import type { reopenCase } from '../../src/app/reopen-case.js';
import type { resolveCase } from '../../src/app/resolve-case.js';
import type { verifyFixOf } from '../../src/app/verify-fix.js';
import type { Translate } from '../../src/chat/i18n.js';
import type { Readers, Reading } from '../../src/chat/readers.js';
import type { PeopleNames } from '../../src/chat/slack-names.js';
import type { Policy } from '../../src/domain/policy.js';

/** What Slack handlers may call: use cases, and the store for reading. */
export interface SlackDeps {
  policy: Policy;
  /** Says a message in the language of the person whose request is being answered (reader.ts). */
  t: Translate;
  /** How that person reads: their language and time zone, the policy's outside a request. */
  reading(): Reading;
  /** How anyone reads, from their Slack account. */
  readers: Readers;
  /** A person's App Home as it is now. */
  home: (user: string) => Promise<Home>;
  /** Who opened their App Home, to publish it again when one of their cases changes. */
  homeReaders: HomeReaders;
  store: CaseStore;
  /** People's names from their Slack profiles, for what lists them by name (the export). */
  names: PeopleNames;
  lookups: LookupLimit;
  requests: Requests;
  /** Seals the message a form's button was in into the form's metadata (see metadata.ts). */
  formKey: Buffer;
  registerComplaint: ReturnType<typeof registerComplaint>;
  acknowledgeCase: ReturnType<typeof acknowledgeCase>;
  resolveCase: ReturnType<typeof resolveCase>;
  escalateCase: ReturnType<typeof escalateCase>;
  logContact: ReturnType<typeof logContactWith>;
  extendCase: ReturnType<typeof extendCase>;
  recordRootCause: ReturnType<typeof recordRootCauseOf>;
  verifyFix: ReturnType<typeof verifyFixOf>;
  closeCase: ReturnType<typeof closeCase>;
  reopenCase: ReturnType<typeof reopenCase>;
  recordVerdict: ReturnType<typeof recordVerdictOf>;
  changeClass: ReturnType<typeof changeClassOf>;
  reassignCase: ReturnType<typeof reassignCase>;
  decideApproval: ReturnType<typeof decideApprovalOf>;
}
