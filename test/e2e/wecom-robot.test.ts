import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { ROBOT_LIMITS, redisRobotPace } from '../../src/chat/wecom/pace.js';
import type { Received } from '../support/fake-wecom.js';
import { REDIS_URL } from '../support/harness.js';
import { settled, until } from '../support/settle.js';
import { people, startWecom, type WecomHarness } from '../support/wecom-harness.js';

/** The group robot's webhook key: the complaints channel is the group it was added to. */
const KEY = randomUUID();
/** Redress with CHAT=wecom and `channel: robot`. */
const startRobot = () => startWecom({ deadlines: { acknowledge: 60_000 }, robotKey: KEY });

/** The keys of a card's buttons that click back to Redress (not those that open a page). */
const keysOf = (m: Received | undefined) =>
  ((m?.card?.button_list ?? []) as { key?: string }[]).flatMap((b) => (b.key ? [b.key] : []));

describe('Redress on WeCom with a group robot as the complaints channel', () => {
  let h: WecomHarness;
  afterEach(async () => {
    await h.close();
    // A refusal WeCom would make of a call (an unknown key, a 21st message in a minute, too long) fails the test.
    expect(h.wecom.refused).toEqual([]);
  });

  it('posts the case’s card through the robot, the phone masked, and a line when it is escalated and acknowledged', async () => {
    h = await startRobot();
    const number = await h.register();
    const card = await until(() => h.channelSaid()[0], 'the robot’s card');
    expect(card).toContain(`**Complaint ${number}**`);
    expect(card).toContain('138＊＊＊＊5678');
    expect(card).not.toContain('13812345678');
    expect(h.wecom.callsTo('webhook/send')[0]?.body).toMatchObject({ msgtype: 'markdown' });

    // The owner escalates from their card, then acknowledges: the group hears of each.
    const assigned = await until(() => h.cardsTo(people.owner)[0], 'the owner’s card');
    const escalate = keysOf(assigned).find((k) => k.startsWith('escalate:'));
    expect((await h.click(people.owner, assigned, String(escalate))).status).toBe(200);
    await until(
      () => h.channelSaid().includes(`**${number}** · 李四 escalated the case to Wangwu.`),
      'the escalation told',
    );
    expect((await h.click(people.owner, assigned, `acknowledge:${number}`)).status).toBe(200);
    await until(
      () => h.channelSaid().includes(`**${number}** · 李四 acknowledged the case.`),
      'the acknowledgement told',
    );
    await settled(h.config);
    expect(await h.store.get(number)).toMatchObject({ status: 'accepted', level: 1 });
    // The channel is the robot's group alone: no group chat of the app was posted to.
    expect(h.wecom.callsTo('appchat/send')).toEqual([]);
    expect(h.channelSaid()[0]).toBe(card);
  });

  it('holds the card back while the robot’s minute is full, and posts it once a slot frees, never refused', async () => {
    h = await startRobot();
    // Twenty posts of the last minute, as another worker would have made them: the next slot frees in 2 s.
    const redis = new Redis(REDIS_URL);
    const windowMs = Math.max(...ROBOT_LIMITS.map((l) => l.windowMs));
    const filledAt = Date.now() - windowMs + 2_000;
    const pace = redisRobotPace(redis, h.config.env.REDIS_PREFIX);
    for (let i = 0; i < 20; i++) expect(await pace.take(KEY, filledAt)).toBe(0);
    redis.disconnect();

    const number = await h.register();
    await until(() => h.cardsTo(people.owner)[0], 'the owner’s card');
    const card = await until(() => h.channelSaid()[0], 'the robot’s card');
    expect(Date.now()).toBeGreaterThanOrEqual(filledAt + windowMs);
    expect(card).toContain(`**Complaint ${number}**`);
    // Held back by the pace, not tried and refused: one post only.
    expect(h.wecom.callsTo('webhook/send')).toHaveLength(1);
  });
});
