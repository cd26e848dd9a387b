import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { expect } from 'vitest';
import type { CaseStore } from '../../src/app/ports.js';
import type { WecomConfig } from '../../src/config.js';
import type { DeadlinePolicy, Policy } from '../../src/domain/policy.js';
import { createLog } from '../../src/log.js';
import { type Redress, startRedress } from '../../src/redress.js';
import { type FakeWecom, type Received, startFakeWecom } from './fake-wecom.js';
import { baseEnv, REDIS_URL, testPolicy } from './harness.js';
import { testStore } from './test-store.js';

/** People by their WeCom userids. */
export const people = {
  receiver: 'zhangsan',
  owner: 'lisi',
  manager: 'wangwu',
  csManager: 'zhaoliu',
  gm: 'sunqi',
  stranger: 'zhouba',
} as const;
/** The complaints channel: a group chat of the app (unless a group robot is). */
export const CHAT = 'wrComplaints01';
export const PUBLIC_URL = 'https://redress.example.com';

/** The registration form as a member fills it in. */
export const form = {
  customerName: '王女士',
  customerPhone: '138 1234 5678',
  summary: '汤送到时是冷的',
  demand: '退款',
  category: 'delivery',
  class: '1',
  channel: 'phone',
  department: 'delivery',
};

/** A page as the member's WeCom shows it: its status, its HTML, and the form's sign-in and address if it has one. */
export interface Page {
  status: number;
  html: string;
  session: string;
  /** Where its form is sent: its own address. */
  action: string;
}

async function pageOf(path: string, response: Response): Promise<Page> {
  const html = await response.text();
  const attribute = (name: string) =>
    new RegExp(`${name}="([^"]+)"`).exec(html)?.[1]?.replaceAll('&amp;', '&') ?? '';
  return {
    status: response.status,
    html,
    session: /name="session" value="([^"]+)"/.exec(html)?.[1] ?? '',
    action: attribute('action') || path,
  };
}

export interface WecomOptions {
  deadlines?: Partial<DeadlinePolicy>;
  /** The key of a group robot's webhook: the policy's channel is then `robot`, the group it was added to. */
  robotKey?: string;
  /** Variables over the test's environment (LOOKUPS_PER_MINUTE…). */
  env?: Partial<WecomConfig['env']>;
}

export interface WecomHarness {
  wecom: FakeWecom;
  store: CaseStore;
  url: string;
  config: WecomConfig;
  /** Registers the form (with these fields changed) as a member, through WeCom's sign-in; returns the case number the page answers with. */
  register(fields?: Record<string, string>, user?: string): Promise<string>;
  /** Opens a page of the app (its path, or a button's URL) as a member, through WeCom's sign-in. */
  open(user: string, page: string): Promise<Page>;
  /** Sends a page's form back, with the sign-in the page carried. */
  send(page: Page, fields: Record<string, string>): Promise<Page>;
  /** The cards a member received, in order. */
  cardsTo(user: string): Received[];
  /** What a member received privately other than cards, in order. */
  to(user: string): Received[];
  /** What was posted to the complaints channel (the group chat, or the robot's group), in order. */
  channelSaid(): string[];
  /** Posts a callback as WeCom posts it. */
  callback(request: { query: string; body: string }): Promise<Response>;
  /** Posts the callback of a member's click on a button of a card, as WeCom posts it. */
  click(user: string, card: Received | undefined, key: string): Promise<Response>;
  /** A member writes the app; resolves once WeCom's callback was answered, with what it posted. */
  say(user: string, text: string): Promise<{ request: { query: string; body: string }; xml: string }>;
  close(): Promise<void>;
}

/** Redress with CHAT=wecom, on a free port, talking to a fake WeCom and the real Redis under a prefix of its own. */
export async function startWecom(options: WecomOptions = {}): Promise<WecomHarness> {
  const { robotKey } = options;
  const wecom = await startFakeWecom();
  if (robotKey) wecom.robot(robotKey);
  else wecom.chat(CHAT);
  wecom.name(people.owner, '李四');
  const channel = robotKey ? `robot:${robotKey}` : CHAT;
  const prefix = `redress-test-${randomUUID()}`;
  const policy: Policy = {
    ...testPolicy(options.deadlines),
    channel: robotKey ? 'robot' : CHAT,
    gm: people.gm,
    csManager: people.csManager,
    approvalStandIn: people.csManager,
    departments: [{ id: 'delivery', name: '配送部', owner: people.owner, manager: people.manager }],
  };
  const config: WecomConfig = {
    policy,
    env: {
      ...baseEnv(prefix),
      CHAT: 'wecom',
      ...wecom.appEnv(),
      WECOM_PUBLIC_URL: PUBLIC_URL,
      WECOM_OAUTH_URL: wecom.oauthUrl,
      ...(robotKey ? { WECOM_ROBOT_KEY: robotKey } : {}),
      ...options.env,
    },
  };
  const store = testStore();
  const redress: Redress = await startRedress(config, { role: 'all', log: createLog('silent'), store });
  const url = `http://127.0.0.1:${redress.port}`;
  const h: WecomHarness = {
    wecom,
    store,
    url,
    config,
    cardsTo: (user) => wecom.received.filter((m) => m.to === user && m.msgtype === 'template_card'),
    to: (user) => wecom.received.filter((m) => m.to === user && m.msgtype !== 'template_card'),
    channelSaid: () => wecom.received.filter((m) => m.to === channel).map((m) => String(m.content)),
    callback: ({ query, body }) => fetch(`${url}/wecom/callback?${query}`, { method: 'POST', body }),
    click: (user, card, key) =>
      h.callback(wecom.callback(wecom.click(user, String(card?.card?.task_id), key).xml)),
    async say(user, text) {
      const { xml } = wecom.message(user, text);
      const request = wecom.callback(xml);
      const answer = await h.callback(request);
      expect([answer.status, await answer.text()]).toEqual([200, 'success']);
      return { request, xml };
    },
    async open(user, page) {
      const path = page.replace(PUBLIC_URL, '');
      const signIn = await fetch(`${url}${path}`, { redirect: 'manual' });
      expect(signIn.status).toBe(302);
      const back = new URL(
        String(new URL(String(signIn.headers.get('location'))).searchParams.get('redirect_uri')),
      );
      expect(back.origin).toBe(PUBLIC_URL);
      // WeCom signs the member in and sends them back to the page with a single-use code.
      back.searchParams.set('code', wecom.oauthCode(user));
      back.searchParams.set('state', 'redress');
      return pageOf(path, await fetch(`${url}${back.pathname}${back.search}`));
    },
    async send(page, fields) {
      const answer = await fetch(`${url}${page.action}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ ...fields, session: page.session }).toString(),
      });
      return pageOf(page.action, answer);
    },
    async register(fields = {}, user = people.receiver) {
      const answer = await h.send(await h.open(user, '/wecom/forms/register'), { ...form, ...fields });
      expect(answer.status).toBe(200);
      const number = /Registered as (\d{6}-\d{4,})\./.exec(answer.html)?.[1];
      if (!number) throw new Error('the page gave no case number');
      return number;
    },
    async close() {
      await redress.stop();
      await wecom.close();
      const redis = new Redis(REDIS_URL);
      const keys = await redis.keys(`${prefix}:*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
    },
  };
  return h;
}
