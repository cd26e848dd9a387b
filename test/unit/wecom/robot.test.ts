import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Redis } from 'ioredis';
import { beforeEach, describe, expect, it } from 'vitest';
import { wecomEnv } from '../../../src/chat/wecom/config.js';
import { messageOf, refOf } from '../../../src/chat/wecom/message.js';
import { ROBOT_LIMITS, redisMemberPace, redisRobotPace } from '../../../src/chat/wecom/pace.js';
import { redisCardRecords, wecomNames } from '../../../src/chat/wecom/records.js';
import { wecomChat } from '../../../src/chat/wecom/wecom-chat.js';
import { loadInstallation } from '../../../src/config.js';
import type { Policy } from '../../../src/domain/policy.js';
import { aCase, T0 } from '../../support/cases.js';
import type { FakeWecom } from '../../support/fake-wecom.js';
import { testPolicy } from '../../support/harness.js';
import { useWecomTestbed, WECOM_INSTALLATION_ENV, type WecomTestbed } from '../../support/wecom-testbed.js';

const KEY = randomUUID();
let redis: Redis;
let wecom: FakeWecom;
let prefix: string;
let client: WecomTestbed['client'];

const robotSays = () => wecom.received.filter((m) => m.to === `robot:${KEY}`).map((m) => m.content);

useWecomTestbed((bed) => {
  ({ wecom, redis, prefix, client } = bed);
});
beforeEach(() => {
  wecom.robot(KEY);
});

describe('a group robot (群机器人) in the API client', () => {
  it('posts markdown to webhook/send by its key, with no access token', async () => {
    expect(await client().sendToRobot(KEY, { markdown: '**202611-0007** registered' })).toEqual({
      kind: 'sent',
    });
    const [call] = wecom.callsTo('webhook/send');
    expect(call?.query).toEqual({ key: KEY });
    expect(call?.body).toEqual({ msgtype: 'markdown', markdown: { content: '**202611-0007** registered' } });
    expect(wecom.tokensIssued).toBe(0);
    expect(robotSays()).toEqual(['**202611-0007** registered']);
  });

  it('cuts markdown at 4096 bytes and text at 2048 itself, on a character, as the robot refuses longer', async () => {
    const api = client();
    expect(await api.sendToRobot(KEY, { markdown: '文'.repeat(2000) })).toEqual({ kind: 'sent' });
    expect(await api.sendToRobot(KEY, { text: '中'.repeat(1000) })).toEqual({ kind: 'sent' });
    const [markdown, text] = wecom.received;
    expect(Buffer.byteLength(markdown?.content ?? '')).toBeLessThanOrEqual(4096);
    expect(Buffer.byteLength(markdown?.content ?? '')).toBeGreaterThan(2048);
    expect(Buffer.byteLength(text?.content ?? '')).toBeLessThanOrEqual(2048);
    expect(markdown?.content).toMatch(/文…$/);
    expect(wecom.refused).toEqual([]);
  });

  it('throws a wrong key as a fault of the configuration, without the key; waits out 45009', async () => {
    const wrong = randomUUID();
    const sent = client().sendToRobot(wrong, { markdown: 'x' });
    await expect(sent).rejects.toMatchObject({ code: 'configuration', errcode: 93000 });
    await expect(sent).rejects.toThrow(/WECOM_ROBOT_KEY/);
    await expect(sent).rejects.not.toThrow(wrong);
    wecom.fail('webhook/send', 45009);
    expect(await client().sendToRobot(KEY, { markdown: 'x' })).toEqual({ kind: 'retryAfter', ms: 60_000 });
  });

  it('is held to 20 messages a minute by the fake, as by WeCom', async () => {
    const api = client();
    for (let i = 0; i < 20; i++)
      expect(await api.sendToRobot(KEY, { markdown: `${i}` })).toEqual({ kind: 'sent' });
    expect(await api.sendToRobot(KEY, { markdown: '21st' })).toEqual({ kind: 'retryAfter', ms: 60_000 });
    wecom.advance(60_000);
    expect(await api.sendToRobot(KEY, { markdown: 'a minute on' })).toEqual({ kind: 'sent' });
    expect(wecom.refused.map((r) => r.errcode)).toEqual([45009]);
  });
});

describe('the fake group robot', () => {
  it('refuses what WeCom refuses: too long (40058), an unknown key (93000), a message type it does not serve', async () => {
    const post = async (key: string, body: unknown) => {
      const url = `${wecom.url}webhook/send?key=${key}`;
      const answer = await fetch(url, { method: 'POST', body: JSON.stringify(body) });
      return ((await answer.json()) as { errcode: number }).errcode;
    };
    expect(await post(KEY, { msgtype: 'markdown', markdown: { content: 'a'.repeat(4096) } })).toBe(0);
    expect(await post(KEY, { msgtype: 'markdown', markdown: { content: 'a'.repeat(4097) } })).toBe(40058);
    expect(await post(KEY, { msgtype: 'text', text: { content: 'a'.repeat(2049) } })).toBe(40058);
    expect(await post(randomUUID(), { msgtype: 'text', text: { content: 'x' } })).toBe(93000);
    expect(await post(KEY, { msgtype: 'template_card', template_card: {} })).toBe(40008);
    expect(wecom.received.map((m) => m.to)).toEqual([`robot:${KEY}`]);
  });
});

describe('pacing a group robot', () => {
  it('lets 20 go in a minute and a second, keeps the count apart from members’, and never in the key’s name', async () => {
    expect(ROBOT_LIMITS).toEqual([{ count: 20, windowMs: 61_000 }]);
    const pace = redisRobotPace(redis, prefix);
    for (let i = 0; i < 20; i++) expect(await pace.take(KEY, 1_000 + i)).toBe(0);
    expect(await pace.take(KEY, 5_000)).toBe(57_000);
    expect(await pace.take(randomUUID(), 5_000)).toBe(0);
    expect(await redisMemberPace(redis, prefix).take(KEY, 5_000)).toBe(0);
    expect(await pace.take(KEY, 62_000)).toBe(0);
    const keys = await redis.keys(`${prefix}:*`);
    expect(keys.some((k) => k.includes(':wecom:robot-pace:'))).toBe(true);
    expect(keys.filter((k) => k.includes(KEY))).toEqual([`${prefix}:wecom:pace:${KEY}`]);
  });
});

describe('the complaints channel as a group robot', () => {
  const policy: Policy = {
    ...testPolicy(),
    channel: 'robot',
    gm: 'zhaogm',
    csManager: 'qiancs',
    approvalStandIn: 'qiancs',
    departments: [{ id: 'delivery', name: 'Delivery', owner: 'lisi', manager: 'wangmgr' }],
  };
  const wecomCase = () =>
    aCase({ receiver: 'zhangsan', owner: 'lisi', ladder: ['lisi', 'wangmgr', 'qiancs', 'zhaogm'] }, policy);
  const chatWith = (robotPace = redisRobotPace(redis, prefix)) => {
    const api = client();
    const deps = {
      api,
      policy,
      channel: { kind: 'robot' as const, key: KEY, pace: robotPace },
      pace: redisMemberPace(redis, prefix),
      records: redisCardRecords(redis, prefix),
      names: wecomNames(api, redis, prefix),
      // Where the cards' form buttons open pages, for a transport that links them.
      pages: 'https://redress.example.com',
    };
    return wecomChat(deps);
  };

  it('posts the card and the lines as the group chat’s, under a ref that holds no key', async () => {
    wecom.name('lisi', '李四');
    const chat = chatWith();
    const c = wecomCase();
    const posted = await chat.postCard(c);
    if (posted.kind !== 'sent') throw new Error(`not sent: ${JSON.stringify(posted)}`);
    expect(posted.card).not.toContain(KEY);
    expect(messageOf(posted.card)).toEqual({ kind: 'robot' });
    expect(chat.conversationOf(posted.card)).toBe('robot');
    expect(await chat.threadEntry(c, posted.card, { at: T0, by: 'lisi', type: 'acknowledged' })).toEqual({
      kind: 'sent',
    });
    const [card, line] = robotSays();
    expect(card).toContain(`**Complaint ${c.number}**`);
    expect(card).toContain('138＊＊＊＊5678');
    expect(card).not.toContain('13812345678');
    expect(line).toBe(`**${c.number}** · 李四 acknowledged the case.`);
    // A card in a member's conversation is still updated there, not posted by the robot.
    expect(await chat.updateMessage(c, posted.card)).toEqual({ kind: 'sent' });
    expect(robotSays()).toHaveLength(2);
  });

  it('waits when the robot’s minute is full, rather than post and be refused', async () => {
    const chat = chatWith(redisRobotPace(redis, `${prefix}:full`, [{ count: 1, windowMs: 60_000 }]));
    const c = wecomCase();
    expect(await chat.postCard(c)).toMatchObject({ kind: 'sent' });
    const line = await chat.threadEntry(c, refOf({ kind: 'robot' }), {
      at: T0,
      by: 'lisi',
      type: 'acknowledged',
    });
    expect(line).toMatchObject({ kind: 'retryAfter' });
    expect(line.kind === 'retryAfter' && line.ms).toBeGreaterThan(59_000);
    expect(robotSays()).toHaveLength(1);
    expect(wecom.refused).toEqual([]);
  });
});

describe('configuring a group robot', () => {
  const env = WECOM_INSTALLATION_ENV;
  const policyFile = (channel: string) => {
    const file = join(mkdtempSync(join(tmpdir(), 'redress-')), 'policy.yaml');
    writeFileSync(
      file,
      `channel: ${channel}\ngm: sunqi\ncsManager: zhaoliu\ndepartments: [{id: delivery, name: 配送部, owner: lisi, manager: wangwu}]\n`,
    );
    return file;
  };

  it('refuses channel: robot without WECOM_ROBOT_KEY, in one line', () => {
    const load = () => loadInstallation({ ...env, POLICY_FILE: policyFile('robot') });
    expect(load).toThrow(
      /^Invalid configuration:\n {2}WECOM_ROBOT_KEY: is required when .* channel is robot[^\n]*$/,
    );
  });

  it('takes the key, or the key of the whole webhook address, and never repeats a bad one', () => {
    const withKey = (key: string) =>
      loadInstallation({ ...env, POLICY_FILE: policyFile('robot'), WECOM_ROBOT_KEY: key });
    expect(withKey(KEY).env).toMatchObject({ WECOM_ROBOT_KEY: KEY });
    expect(withKey(`https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${KEY}`).env).toMatchObject({
      WECOM_ROBOT_KEY: KEY,
    });
    const bad = 'not-the-key-but-a-secret-all-the-same';
    expect(() => withKey(bad)).toThrow(/WECOM_ROBOT_KEY: must be the key of the group robot’s webhook/);
    expect(() => withKey(bad)).not.toThrow(bad);
    expect(wecomEnv.shape.WECOM_ROBOT_KEY.safeParse(undefined).success).toBe(true);
    // A group chat stays the default; the key is then not needed.
    expect(loadInstallation({ ...env, POLICY_FILE: policyFile('wrComplaints01') }).policy.channel).toBe(
      'wrComplaints01',
    );
  });
});
