import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import type { CaseStore } from '../../src/app/ports.js';
import { ROBOT_LIMITS, redisRobotPace } from '../../src/chat/wecom/pace.js';
import type { WecomConfig } from '../../src/config.js';
import type { DeadlinePolicy, Policy } from '../../src/domain/policy.js';
import { createLog } from '../../src/log.js';
import { type Redress, startRedress } from '../../src/redress.js';
import { type FakeWecom, type Received, startFakeWecom } from '../support/fake-wecom.js';
import { REDIS_URL, testPolicy } from '../support/harness.js';
import { settled, until } from '../support/settle.js';
import { testStore } from '../support/test-store.js';

/** People by their WeCom userids. */
const people = {
  receiver: 'zhangsan',
  owner: 'lisi',
  manager: 'wangwu',
  csManager: 'zhaoliu',
  gm: 'sunqi',
} as const;
/** The group robot's webhook key: the complaints channel is the group it was added to. */
const KEY = randomUUID();
const ROBOT = `robot:${KEY}`;

const form = {
  customerName: '王女士',
  customerPhone: '138 1234 5678',
  summary: '汤送到时是冷的',
  demand: '退款',
  category: 'delivery',
  class: '1',
  channel: 'phone',
  department: 'delivery',
};

interface RobotHarness {
  wecom: FakeWecom;
  store: CaseStore;
  config: WecomConfig;
  /** Registers the form as a member, through WeCom's sign-in; returns the case number the page answers with. */
  register(user?: string): Promise<string>;
  /** The cards a member received, in order. */
  cardsTo(user: string): Received[];
  /** What the robot posted to the complaints group, in order. */
  robotSaid(): string[];
  /** Posts the callback of a member's click on a card, as WeCom posts it. */
  click(user: string, card: Received | undefined, key: string): Promise<Response>;
  close(): Promise<void>;
}

/** Redress with CHAT=wecom and `channel: robot`, talking to a fake WeCom and the real Redis under a prefix of its own. */
async function startRobot(deadlines: Partial<DeadlinePolicy>): Promise<RobotHarness> {
  const wecom = await startFakeWecom();
  wecom.robot(KEY);
  wecom.name(people.owner, '李四');
  const prefix = `redress-test-${randomUUID()}`;
  const policy: Policy = {
    ...testPolicy(deadlines),
    channel: 'robot',
    gm: people.gm,
    csManager: people.csManager,
    approvalStandIn: people.csManager,
    departments: [{ id: 'delivery', name: '配送部', owner: people.owner, manager: people.manager }],
  };
  const config: WecomConfig = {
    policy,
    env: {
      CHAT: 'wecom',
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
      WECOM_CORP_ID: wecom.corpId,
      WECOM_AGENT_ID: wecom.agentId,
      WECOM_SECRET: wecom.secret,
      WECOM_TOKEN: wecom.token,
      WECOM_ENCODING_AES_KEY: wecom.encodingAesKey,
      WECOM_API_URL: wecom.url,
      WECOM_PUBLIC_URL: 'https://redress.example.com',
      WECOM_ROBOT_KEY: KEY,
    },
  };
  const store = testStore();
  const redress: Redress = await startRedress(config, { role: 'all', log: createLog('silent'), store });
  const url = `http://127.0.0.1:${redress.port}`;
  return {
    wecom,
    store,
    config,
    cardsTo: (user) => wecom.received.filter((m) => m.to === user && m.msgtype === 'template_card'),
    robotSaid: () => wecom.received.filter((m) => m.to === ROBOT).map((m) => String(m.content)),
    click(user, card, key) {
      const { xml } = wecom.click(user, String(card?.card?.task_id), key);
      const { query, body } = wecom.callback(xml);
      return fetch(`${url}/wecom/callback?${query}`, { method: 'POST', body });
    },
    async register(user = people.receiver) {
      const signIn = await fetch(`${url}/wecom/forms/register`, { redirect: 'manual' });
      expect(signIn.status).toBe(302);
      const redirect = new URL(String(signIn.headers.get('location'))).searchParams.get('redirect_uri');
      // WeCom signs the member in and sends them back to the page with a single-use code.
      const page = await fetch(
        `${redirect?.replace('https://redress.example.com', url)}?code=${wecom.oauthCode(user)}`,
      );
      const session = /name="session" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
      const answer = await fetch(`${url}/wecom/forms/register`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ ...form, session }).toString(),
      });
      expect(answer.status).toBe(200);
      const number = /Registered as (\d{6}-\d{4,})\./.exec(await answer.text())?.[1];
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
}

/** The keys of a card's buttons that click back to Redress (not those that open a page). */
const keysOf = (m: Received | undefined) =>
  ((m?.card?.button_list ?? []) as { key?: string }[]).flatMap((b) => (b.key ? [b.key] : []));

describe('Redress on WeCom with a group robot as the complaints channel', () => {
  let h: RobotHarness;
  afterEach(async () => {
    await h.close();
    // A refusal WeCom would make of a call (an unknown key, a 21st message in a minute, too long) fails the test.
    expect(h.wecom.refused).toEqual([]);
  });

  it('posts the case’s card through the robot, the phone masked, and a line when it is escalated and acknowledged', async () => {
    h = await startRobot({ acknowledge: 60_000 });
    const number = await h.register();
    const card = await until(() => h.robotSaid()[0], 'the robot’s card');
    expect(card).toContain(`**Complaint ${number}**`);
    expect(card).toContain('138＊＊＊＊5678');
    expect(card).not.toContain('13812345678');
    expect(h.wecom.callsTo('webhook/send')[0]?.body).toMatchObject({ msgtype: 'markdown' });

    // The owner escalates from their card, then acknowledges: the group hears of each.
    const assigned = await until(() => h.cardsTo(people.owner)[0], 'the owner’s card');
    const escalate = keysOf(assigned).find((k) => k.startsWith('escalate:'));
    expect((await h.click(people.owner, assigned, String(escalate))).status).toBe(200);
    await until(() => h.robotSaid().includes(`**${number}** · Escalated to Wangwu.`), 'the escalation told');
    expect((await h.click(people.owner, assigned, `acknowledge:${number}`)).status).toBe(200);
    await until(
      () => h.robotSaid().includes(`**${number}** · 李四 acknowledged the case.`),
      'the acknowledgement told',
    );
    await settled(h.config);
    expect(await h.store.get(number)).toMatchObject({ status: 'accepted', level: 1 });
    // The channel is the robot's group alone: no group chat of the app was posted to.
    expect(h.wecom.callsTo('appchat/send')).toEqual([]);
    expect(h.robotSaid()[0]).toBe(card);
  });

  it('holds the card back while the robot’s minute is full, and posts it once a slot frees, never refused', async () => {
    h = await startRobot({ acknowledge: 60_000 });
    // Twenty posts of the last minute, as another worker would have made them: the next slot frees in 2 s.
    const redis = new Redis(REDIS_URL);
    const windowMs = Math.max(...ROBOT_LIMITS.map((l) => l.windowMs));
    const filledAt = Date.now() - windowMs + 2_000;
    const pace = redisRobotPace(redis, h.config.env.REDIS_PREFIX);
    for (let i = 0; i < 20; i++) expect(await pace.take(KEY, filledAt)).toBe(0);
    redis.disconnect();

    const number = await h.register();
    await until(() => h.cardsTo(people.owner)[0], 'the owner’s card');
    const card = await until(() => h.robotSaid()[0], 'the robot’s card');
    expect(Date.now()).toBeGreaterThanOrEqual(filledAt + windowMs);
    expect(card).toContain(`**Complaint ${number}**`);
    // Held back by the pace, not tried and refused: one post only.
    expect(h.wecom.callsTo('webhook/send')).toHaveLength(1);
  });
});
