import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { redisDeliveries } from '../../jobs/deliveries.js';
import type { CaseStore } from '../../src/app/ports.js';
import { ids } from '../../src/chat/blocks.js';
import { messageOf, type SlackMessage } from '../../src/chat/slack-message.js';
import type { Config, Env } from '../../src/config.js';
import type { Case } from '../../src/domain/case.js';
import type { DeadlinePolicy, Policy } from '../../src/domain/policy.js';
import { createLog } from '../../src/log.js';
import { type Redress, type Role, startRedress } from '../../src/redress.js';
import { viewAnswerViolations } from './block-kit-limits.js';
import { type FakeSlack, startFakeSlack } from './fake-slack.js';
import { until } from './settle.js';
import {
  buttonPress,
  complaintValues,
  SIGNING_SECRET,
  signatureHeaders,
  slashCommand,
  validComplaint,
  viewSubmission,
} from './slack-requests.js';
import { testStore } from './test-store.js';

/** A case whose card has been posted, with where the card is in Slack. */
export type PostedCase = Case & { card: SlackMessage };

export const people = {
  owner: 'U0OWNER',
  manager: 'U0MANAGER',
  csManager: 'U0CSM',
  gm: 'U0GM',
  receiver: 'U0RECEIVER',
  stranger: 'U0STRANGER',
} as const;
export const CASES_CHANNEL = 'C0CASES';
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** What every test installation sets, Slack or WeCom: a free port, Redis under `prefix`, quick timers, no logs. */
export const baseEnv = (prefix: string) =>
  ({
    PORT: 0,
    REDIS_URL,
    REDIS_PREFIX: prefix,
    POLICY_FILE: '(test)',
    OUTBOX_PER_SECOND: 50,
    OUTBOX_BURST: 50,
    JOB_LOCK: 30_000,
    RECONCILE_EVERY: 300_000,
    WATCHDOG_EVERY: 30_000,
    OVERDUE_AFTER: 60_000,
    LOG_LEVEL: 'silent',
  }) satisfies Partial<Env>;

/** A policy with deadlines of seconds, so a whole escalation fits in a test. */
export function testPolicy(deadlines: Partial<DeadlinePolicy> = {}): Policy {
  return {
    locale: 'en',
    timezone: 'Asia/Shanghai',
    channel: CASES_CHANNEL,
    gm: people.gm,
    csManager: people.csManager,
    departments: [{ id: 'delivery', name: 'Delivery', owner: people.owner, manager: people.manager }],
    categories: ['delivery', 'food_safety', 'other'],
    // Off, so that tests may register many cases of one customer; the repeat tests turn it on.
    repeatWindow: 0,
    batch: { size: 3, window: 7 * 86_400_000 },
    compensationApproval: 500,
    evidence: { maxFiles: 10, filetypes: [] },
    verifyFix: true,
    approvalStandIn: people.csManager,
    retention: 3 * 365 * 86_400_000,
    maxExtension: 30 * 86_400_000,
    country: 'CN',
    anonymous: 'forbidden',
    rootCause: 'all',
    majorCategories: ['food_safety'],
    closeNeedsCustomerTold: true,
    reports: {
      daily: '0 9 * * *',
      weekly: '0 9 * * 1',
      monthly: '0 9 1 * *',
      halfYear: '0 9 1 6,12 *',
      annual: '0 9 1 1 *',
    },
    deadlines: {
      acknowledge: 3600_000,
      resolve: 86_400_000,
      majorCallback: 86_400_000,
      majorResolve: 172_800_000,
      warnAt: 0.75,
      grace: 4 * 3600_000,
      digestWindow: 0,
      calendar: null,
      ...deadlines,
    },
  };
}

export interface Harness {
  slack: FakeSlack;
  store: CaseStore;
  /** The Redis key prefix of this harness's queue. */
  prefix: string;
  env: Env;
  url: string;
  /** Posts a signed request to /slack/events. */
  post(body: string, headers?: Record<string, string>): Promise<Response>;
  /** Posts a signed Events API delivery (JSON) to /slack/events. */
  postEvent(body: string): Promise<Response>;
  /** Types `/complaint` and submits the form it opens; returns the stored case. */
  register(form?: Parameters<typeof complaintValues>[0], viewId?: string): Promise<PostedCase>;
  submit(form: Parameters<typeof complaintValues>[0], viewId?: string, user?: string): Promise<Response>;
  press(
    user: string,
    actionId: string,
    c: Case & { card?: SlackMessage },
    where?: SlackMessage,
  ): Promise<Response>;
  /** The owner presses a button that opens a form, and submits the form it opened with these values. */
  fill(c: PostedCase, button: string, view: string, values: object): Promise<Response>;
  /** Waits until the case's card is posted and stored, and returns the case with it. */
  cardOf(number: string): Promise<PostedCase>;
  close(): Promise<void>;
}

const FORM = 'application/x-www-form-urlencoded';

/** The real app, on a free port, talking to a fake Slack and the real Redis under a key prefix of its own. */
export async function startHarness(
  policy: Policy = testPolicy(),
  overrides: Partial<Env> = {},
  store: CaseStore = testStore(),
  role: Role = 'all',
): Promise<Harness> {
  const slack = await startFakeSlack();
  const prefix = `redress-test-${randomUUID()}`;
  const env: Env = {
    ...baseEnv(prefix),
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_API_URL: slack.url,
    ...overrides,
  };
  const config: Config = { env, policy };
  const redress: Redress = await startRedress(config, { role, log: createLog('silent'), store });
  const url = `http://127.0.0.1:${redress.port}`;
  const redis = new Redis(env.REDIS_URL);
  const deliveries = redisDeliveries(redis, prefix);

  /** Checks the answer to a form submission as Slack would, and records what it would refuse. */
  async function checkViewAnswer(body: string, response: Response) {
    const payload = new URLSearchParams(body).get('payload');
    if (!payload) return;
    const submitted = JSON.parse(payload) as { type?: string; view?: { callback_id?: string } };
    if (submitted.type !== 'view_submission') return;
    const text = await response.clone().text();
    if (!/^\s*\{/.test(text)) return;
    const opened = slack.calls
      .filter((c) => c.method.startsWith('views.'))
      .map((c) => c.args.view as { callback_id?: string } | undefined)
      .findLast((v) => v?.callback_id === submitted.view?.callback_id);
    const violations = viewAnswerViolations(JSON.parse(text), opened);
    if (violations.length > 0) slack.violations.push({ method: 'view_submission answer', violations });
  }

  async function post(body: string, headers: Record<string, string> = signatureHeaders(body)) {
    const response = await fetch(`${url}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': FORM, ...headers },
      body,
    });
    if (response.ok) await checkViewAnswer(body, response);
    return response;
  }

  async function submit(
    form: Parameters<typeof complaintValues>[0],
    viewId = `V${randomUUID()}`,
    user: string = people.receiver,
  ) {
    return post(
      viewSubmission(user, { id: viewId, callbackId: ids.complaintView, values: complaintValues(form) }),
    );
  }

  async function press(
    user: string,
    actionId: string,
    c: Case & { card?: SlackMessage },
    where?: SlackMessage,
  ) {
    const message = where ?? c.card;
    if (!message) throw new Error(`case ${c.number} has no card to press on`);
    return post(buttonPress(user, actionId, c.number, message));
  }

  function cardOf(number: string): Promise<PostedCase> {
    return until(async () => {
      const c = await store.get(number);
      const { card } = await deliveries.of(number);
      return c && card ? { ...c, card: messageOf(card) } : null;
    }, `case ${number}'s card`);
  }

  return {
    slack,
    store,
    prefix,
    env,
    url,
    post,
    postEvent: (body) => post(body, { ...signatureHeaders(body), 'content-type': 'application/json' }),
    submit,
    cardOf,
    async register(form = validComplaint, viewId = `V${randomUUID()}`) {
      await post(slashCommand(people.receiver, form.summary));
      const response = await submit(form, viewId);
      const answer = (await response.json()) as { view?: { blocks: { text: { text: string } }[] } };
      const number = /\d{6}-\d{4,}/.exec(answer.view?.blocks[0]?.text.text ?? '')?.[0];
      if (!number) throw new Error(`no case number in ${JSON.stringify(answer)}`);
      return cardOf(number);
    },
    async fill(c, button, view, values) {
      const opened = slack.callsTo('views.open').length;
      await press(people.owner, button, c);
      const all = await slack.waitFor((call) => call.method === 'views.open', opened + 1);
      const metadata = String(
        (all.at(-1)?.args.view as { private_metadata?: string } | undefined)?.private_metadata,
      );
      return post(
        viewSubmission(people.owner, { id: `V${view}`, callbackId: view, values: values as never, metadata }),
      );
    },
    press,
    async close() {
      await redress.stop();
      await slack.close();
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
      if (slack.violations.length > 0 && !slack.refusalsExpected) {
        const lines = slack.violations.flatMap((v) => v.violations.map((line) => `${v.method} ${line}`));
        throw new Error(`Slack would refuse ${slack.violations.length} call(s):\n${lines.join('\n')}`);
      }
    },
  };
}
