import type { HomeReaders } from '../../jobs/home-readers.js';
import type { Home } from '../../src/app/home.js';
import type { CaseStore, LookupLimit, Requests } from '../../src/app/ports.js';
import type { CaseUseCases } from '../../src/app/use-cases.js';
import type { Translate } from '../../src/chat/i18n.js';
import type { Readers, Reading } from '../../src/chat/readers.js';
import type { PeopleNames } from '../../src/chat/slack-names.js';
import type { Policy } from '../../src/domain/policy.js';

/** What Slack handlers may call: use cases, and the store for reading. */
export interface SlackDeps extends CaseUseCases {
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
}
