import type { Answers, CaseStore, Chat, Clock, LookupLimit, Requests } from '../../src/app/ports.js';
import type { CaseUseCases } from '../../src/app/use-cases.js';
import type { WecomApi } from '../../src/chat/wecom/api.js';
import type { WecomCrypto } from '../../src/chat/wecom/crypto.js';
import type { MemberPace } from '../../src/chat/wecom/pace.js';
import type { CardRecords, WecomNames } from '../../src/chat/wecom/records.js';
import type { DomainProof } from '../../src/config.js';
import type { Policy } from '../../src/domain/policy.js';
import type { Log } from '../../src/log.js';

/** What WeCom's entry points (the callback, the form pages) may call: use cases, the store for reading, the API. */
export interface WecomDeps extends CaseUseCases {
  policy: Policy;
  store: CaseStore;
  /** To bring a clicked card up to date when nothing else changes the case (Show). */
  chat: Pick<Chat, 'refresh'>;
  clock: Clock;
  log: Log;
  /** The app: its CorpID and AgentId, for sign-in and to recognise its own callbacks. */
  corpId: string;
  agentId: number;
  crypto: WecomCrypto;
  api: WecomApi;
  /** Callbacks acted on: WeCom posts one again when no answer came within 5 seconds. */
  requests: Requests;
  /** Tells a member, and only them, why their click did nothing. */
  answers: Answers;
  records: CardRecords;
  names: WecomNames;
  /** Case lookups (show, find) a member may make in a minute, as on Slack. */
  lookups: LookupLimit;
  /** Holds back what would go over a member's limits: answers in markdown and files are paced as the rest. */
  pace: MemberPace;
  /** Signs a form page's sign-in, so the member it names comes back with the form they were given. */
  sessionKey: Buffer;
  /** The web process's public address (https://…), where WeCom's sign-in sends members back to a page. */
  publicUrl: string;
  /** WeCom's sign-in page for the app's pages. */
  oauthUrl: string;
  /** The trusted domain's verification file, when the web process serves it (WECOM_VERIFY_FILE). */
  domainProof?: DomainProof;
}
