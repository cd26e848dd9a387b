import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { redisDeliveries } from '../../jobs/deliveries.js';
import type { MessageRef } from '../../src/app/ports.js';
import { ids } from '../../src/chat/blocks.js';
import { type Harness, people, REDIS_URL, startHarness } from '../support/harness.js';
import { settled } from '../support/settle.js';

describe('what the chat adapter delivered of a case', () => {
  const redis = new Redis(REDIS_URL);
  const prefix = `redress-test-${randomUUID()}`;
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it('remembers where the card is, and how much of the timeline its thread tells, which only grows', async () => {
    const deliveries = redisDeliveries(redis, prefix);
    expect(await deliveries.of('202611-0001')).toEqual({});
    await deliveries.setCard('202611-0001', 'card-1' as MessageRef);
    await deliveries.setThreaded('202611-0001', 3);
    await deliveries.setThreaded('202611-0001', 2);
    expect(await deliveries.of('202611-0001')).toEqual({ card: 'card-1', threaded: 3 });
    await deliveries.setThreaded('202611-0001', 5);
    expect((await deliveries.of('202611-0001')).threaded).toBe(5);
    expect(await deliveries.of('202611-0002')).toEqual({});
  });
});

describe('a delivery', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it('is kept apart from the case: posting the card and telling its thread leave the revision alone', async () => {
    h = await startHarness();
    const c = await h.register();
    await settled(h);
    const before = await h.store.get(c.number);
    await h.press(people.owner, ids.acknowledge, c);
    await h.slack.waitFor(
      (call) => call.args.thread_ts === c.card.ts && /acknowledged/.test(String(call.args.text)),
    );
    await settled(h);
    const after = await h.store.get(c.number);
    // The acknowledgement is the one write; the card's update and its thread line are none.
    expect(after?.revision).toBe((before?.revision ?? 0) + 1);
    expect(after).not.toHaveProperty('card');
    expect(after).not.toHaveProperty('threaded');
  });
});
