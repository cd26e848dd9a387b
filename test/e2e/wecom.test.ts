import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import type { CaseStore } from '../../src/app/ports.js';
import { parseCardKey } from '../../src/chat/wecom/cards.js';
import { buildXml } from '../../src/chat/wecom/xml.js';
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
  stranger: 'zhouba',
} as const;
/** The complaints channel: a group chat of the app. */
const CHAT = 'wrComplaints01';

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

interface WecomHarness {
  wecom: FakeWecom;
  store: CaseStore;
  url: string;
  /** Registers the form as a member, through WeCom's sign-in; returns the case number the page answers with. */
  register(user?: string): Promise<string>;
  /** The cards a member received, in order. */
  cardsTo(user: string): Received[];
  /** Posts a callback as WeCom posts it. */
  callback(request: { query: string; body: string }): Promise<Response>;
  config: WecomConfig;
  close(): Promise<void>;
}

/** Redress with CHAT=wecom, on a free port, talking to a fake WeCom and the real Redis under a prefix of its own. */
async function startWecom(deadlines: Partial<DeadlinePolicy>): Promise<WecomHarness> {
  const wecom = await startFakeWecom();
  wecom.chat(CHAT);
  wecom.name(people.owner, '李四');
  const prefix = `redress-test-${randomUUID()}`;
  const policy: Policy = {
    ...testPolicy(deadlines),
    channel: CHAT,
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
    },
  };
  const store = testStore();
  const redress: Redress = await startRedress(config, { role: 'all', log: createLog('silent'), store });
  const url = `http://127.0.0.1:${redress.port}`;
  return {
    wecom,
    store,
    url,
    config,
    cardsTo: (user) => wecom.received.filter((m) => m.to === user && m.msgtype === 'template_card'),
    callback: ({ query, body }) => fetch(`${url}/wecom/callback?${query}`, { method: 'POST', body }),
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

/** What a card says happened, and its buttons' actions. */
const cardOf = (m: Received | undefined) => {
  const card = m?.card as { main_title?: { desc?: string }; button_list?: { key: string }[] } | undefined;
  return {
    said: String(card?.main_title?.desc),
    actions: (card?.button_list ?? []).map((b) => parseCardKey(b.key)?.action),
    task: String(m?.card?.task_id),
  };
};

describe('Redress on WeCom', () => {
  let h: WecomHarness;
  afterEach(async () => {
    await h.close();
    // A refusal WeCom would make of a call (a bad card, a used code) fails the test.
    expect(h.wecom.refused).toEqual([]);
  });

  it('registers from the form page, cards the owner, and warns, nudges and climbs to the GM once each', async () => {
    // Acknowledge within 2 s: warned at 1 s, nudged at 2 s, then manager, CS manager, GM one second apart.
    h = await startWecom({ acknowledge: 2000, warnAt: 0.5, grace: 1000 });
    const number = await h.register();
    await until(() => h.cardsTo(people.gm).length > 0, 'the GM’s card', 15_000);
    await settled(h.config);
    const said = (user: string) =>
      h.cardsTo(user).map((m) => cardOf(m).said.replace(/\d{4}-\d\d-\d\d \d\d:\d\d/, 'DATE'));
    expect(said(people.owner)).toEqual([
      `New complaint ${number} for you. Please acknowledge it.`,
      `Reminder: Acknowledge for ${number} is due DATE.`,
      `Acknowledge for ${number} is due now.`,
    ]);
    for (const manager of [people.manager, people.csManager, people.gm])
      expect(said(manager)).toEqual([`Complaint ${number} has been escalated to you.`]);
    expect(h.wecom.dropped).toEqual([]);
    // The owner's card carries the buttons that apply: acknowledge, and escalate now.
    expect(cardOf(h.cardsTo(people.owner)[0]).actions).toEqual(['acknowledge', 'escalate']);
    const stored = await h.store.get(number);
    expect(stored).toMatchObject({ receiver: people.receiver, owner: people.owner, level: 3 });
    // The complaints chat has the case (the phone masked) and hears of each rung.
    const chat = h.wecom.received.filter((m) => m.to === CHAT).map((m) => String(m.content));
    expect(chat[0]).toContain(`**Complaint ${number}**`);
    expect(chat[0]).toContain('138＊＊＊＊5678');
    expect(chat[0]).not.toContain('13812345678');
    expect(chat.filter((line) => line.includes('Escalated to'))).toEqual([
      `**${number}** · Escalated to Wangwu.`,
      `**${number}** · Escalated to Zhaoliu.`,
      `**${number}** · Escalated to Sunqi.`,
    ]);
  });

  it('acknowledges by a click, updates the clicked card with its response code, and shrugs off forgeries, replays and strangers', async () => {
    h = await startWecom({ acknowledge: 60_000 });
    const number = await h.register();
    const assigned = await until(() => h.cardsTo(people.owner)[0], 'the owner’s card');
    const click = h.wecom.click(people.owner, cardOf(assigned).task, `acknowledge:${number}`);
    const request = h.wecom.callback(click.xml);

    // Not signed with the app's Token: refused, and nothing changes.
    const forged = request.query.replace(/msg_signature=[0-9a-f]+/, `msg_signature=${'f'.repeat(40)}`);
    expect((await h.callback({ ...request, query: forged })).status).toBe(401);

    const answer = await h.callback(request);
    expect([answer.status, await answer.text()]).toEqual([200, 'success']);
    await until(async () => (await h.store.get(number))?.status === 'accepted', 'the case acknowledged');
    const [update] = await until(
      () => (h.wecom.updates.length > 0 ? h.wecom.updates : null),
      'the card updated',
    );
    expect(update).toMatchObject({ to: [people.owner], responseCode: click.responseCode });
    expect(JSON.stringify(update?.card)).toContain('Acknowledged, in progress');
    expect(cardOf({ card: update?.card } as Received).actions).toEqual(['escalate']);
    await until(
      () =>
        h.wecom.received.some(
          (m) => m.to === CHAT && m.content === `**${number}** · 李四 acknowledged the case.`,
        ),
      'the chat told',
    );

    // WeCom's retry, or a replay of what it posted: answered, and acted on no more.
    expect((await h.callback(request)).status).toBe(200);

    // Someone not on the case clicks Escalate now: refused, told privately, the case stays where it is.
    const strangerClick = buildXml({
      ToUserName: h.wecom.corpId,
      FromUserName: people.stranger,
      CreateTime: Math.floor(Date.now() / 1000),
      MsgType: 'event',
      Event: 'template_card_event',
      EventKey: `escalate:${number}/0`,
      TaskId: 'a-card-of-their-own',
      CardType: 'button_interaction',
      ResponseCode: 'rc-stranger',
      AgentID: h.wecom.agentId,
    });
    expect((await h.callback(h.wecom.callback(strangerClick))).status).toBe(200);
    const told = await until(
      () => h.wecom.received.find((m) => m.to === people.stranger),
      'the stranger told why not',
    );
    expect(told).toMatchObject({
      msgtype: 'text',
      content: 'Only the owner and the managers of this case can escalate it.',
    });
    await settled(h.config);
    const stored = await h.store.get(number);
    expect(stored?.level).toBe(0);
    expect(stored?.timeline.filter((e) => e.type === 'acknowledged')).toHaveLength(1);
    expect(h.wecom.updates).toHaveLength(1);
    // Nobody but the stranger was told anything privately: the replay made no "already acknowledged".
    expect(h.wecom.received.filter((m) => m.msgtype === 'text').map((m) => m.to)).toEqual([people.stranger]);
  });
});
