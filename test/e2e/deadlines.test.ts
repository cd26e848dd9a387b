import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { QUEUE_NAME } from '../../jobs/queue.js';
import { ids } from '../../src/chat/blocks.js';
import type { SlackCall } from '../support/fake-slack.js';
import { type Harness, people, REDIS_URL, startHarness, testPolicy } from '../support/harness.js';
import { settled } from '../support/settle.js';
import { validComplaint, viewSubmission } from '../support/slack-requests.js';

/** Direct messages about deadlines: warnings, nudges and escalations, in the order they arrived. */
const pings = (h: Harness) =>
  h.slack.calls.filter(
    (c: SlackCall) =>
      c.method === 'chat.postMessage' && /Reminder|due now|escalated to you/.test(String(c.args.text)),
  );
const describePing = (c: SlackCall) =>
  `${String(c.args.channel)}: ${String(c.args.text).replace(/<!date[^>]+>/, 'DATE')}`;

describe('deadlines enforce themselves', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it('warns, nudges, then climbs the ladder one rung per grace period, each ping once and in order', async () => {
    // Acknowledge within 2 s: warned at 1 s, nudged at 2 s, then manager, CS manager, GM one second apart.
    h = await startHarness(testPolicy({ acknowledge: 2000, warnAt: 0.5, grace: 1000 }));
    const c = await h.register();
    await h.slack.waitFor((call) => call.args.channel === people.gm, 1, 10_000);
    // The chain is over: its timer is gone, and all it queued has left. Anything sent twice would be here.
    await settled(h);
    const queue = new Queue(QUEUE_NAME, { connection: { url: REDIS_URL }, prefix: h.prefix });
    expect(await queue.getJob(`deadline.${c.number}.acknowledge.v1`)).toBeUndefined();
    await queue.close();
    expect(pings(h).map(describePing)).toEqual([
      `${people.owner}: Reminder: Acknowledge for ${c.number} is due DATE.`,
      `${people.owner}: Acknowledge for ${c.number} is due now.`,
      `${people.manager}: Complaint ${c.number} has been escalated to you.`,
      `${people.csManager}: Complaint ${c.number} has been escalated to you.`,
      `${people.gm}: Complaint ${c.number} has been escalated to you.`,
    ]);
    // None leaves before its time, however late a loaded machine sends it: the GM three graces after the due time.
    const due = (c.deadlines.find((d) => d.kind === 'acknowledge')?.dueAt ?? new Date(0)).getTime();
    const times = [due - 1000, due, due + 1000, due + 2000, due + 3000];
    pings(h).forEach((p, i) => {
      expect(p.at).toBeGreaterThanOrEqual(times[i] ?? Infinity);
    });
    const stored = await h.store.get(c.number);
    expect(stored?.level).toBe(3);
    const card = h.slack.callsTo('chat.update').at(-1);
    expect(JSON.stringify(card?.args.blocks)).toContain(`<@${people.gm}>`); // the card shows whom it reached
  });

  it('stops the chain when the owner acknowledges', async () => {
    // Warned at 1 s, nudged at 4 s, then the rungs at 4.5, 5 and 5.5 s; the resolve deadline warns at 6 s.
    h = await startHarness(testPolicy({ acknowledge: 4000, resolve: 24_000, warnAt: 0.25, grace: 500 }));
    const c = await h.register();
    await h.slack.waitFor((call) => /Reminder/.test(String(call.args.text)));
    const response = await h.press(people.owner, ids.acknowledge, c);
    expect(response.status).toBe(200);
    const updated = await h.slack.waitFor((call) => call.method === 'chat.update');
    expect(JSON.stringify(updated[0]?.args.blocks)).toContain('Acknowledged, in progress');
    expect(JSON.stringify(updated[0]?.args.blocks)).not.toContain(ids.acknowledge);
    // The resolve warning comes after the nudge and every rung would have, through the same mailbox.
    await h.slack.waitFor((call) => /Reminder: Resolve/.test(String(call.args.text)), 1, 15_000);
    expect(pings(h).map(describePing)).toEqual([
      `${people.owner}: Reminder: Acknowledge for ${c.number} is due DATE.`,
      `${people.owner}: Reminder: Resolve for ${c.number} is due DATE.`,
    ]);
    const stored = await h.store.get(c.number);
    expect(stored?.status).toBe('accepted');
    expect(stored?.timeline.map((e) => e.type)).toEqual([
      'registered',
      'owner-notified',
      'warned',
      'acknowledged',
      'warned',
    ]);
  });

  it('stops every timer when the case is resolved', async () => {
    // The first step is 5 s away: the case is resolved before anything is due.
    h = await startHarness(testPolicy({ acknowledge: 10_000, resolve: 20_000, warnAt: 0.5, grace: 1000 }));
    const c = await h.register();
    await h.press(people.owner, ids.resolve, c);
    const [open] = await h.slack.waitFor(
      (call) => call.method === 'views.open' && JSON.stringify(call.args.view).includes(ids.resolveView),
    );
    const view = open?.args.view as { private_metadata: string };
    const values = {
      resolution: { value: { type: 'plain_text_input', value: 'Refunded the soup and apologised.' } },
    };
    const response = await h.post(
      viewSubmission(people.owner, {
        id: 'VRESOLVE1',
        callbackId: ids.resolveView,
        values,
        metadata: view.private_metadata,
      }),
    );
    expect(response.status).toBe(200);
    await h.slack.waitFor(
      (call) =>
        call.method === 'chat.update' && JSON.stringify(call.args.blocks).includes('Refunded the soup'),
    );
    const stored = await h.store.get(c.number);
    expect(stored).toMatchObject({ status: 'resolved', resolution: 'Refunded the soup and apologised.' });

    const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    const queue = new Queue(QUEUE_NAME, { connection: redis, prefix: h.prefix });
    // No timer is left to fire, in any state; and all that was queued has left.
    const pending = await queue.getJobs(['delayed', 'wait', 'active', 'prioritized']);
    expect(pending.filter((job) => job.name === 'deadline')).toEqual([]);
    await settled(h);
    expect(pings(h)).toEqual([]);
    await queue.close();
    redis.disconnect();
  });

  it('tells the GM of a major case at once and schedules its callback and 48-hour deadlines', async () => {
    h = await startHarness();
    const c = await h.register({ ...validComplaint, class: '2' });
    const [gm] = await h.slack.waitFor((call) => call.args.channel === people.gm);
    expect(String(gm?.args.text)).toBe(`Major complaint ${c.number}: for your information.`);
    expect(JSON.stringify(gm?.args.blocks)).toContain('13812345678'); // the GM sees the full number

    const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    const queue = new Queue(QUEUE_NAME, { connection: redis, prefix: h.prefix });
    const wakeUp = async (kind: string) => {
      const job = await queue.getJob(`deadline.${c.number}.${kind}.v1`);
      return job ? (job.timestamp + (job.opts.delay ?? 0) - c.createdAt.getTime()) / 3600_000 : null;
    };
    // First wake-up is the warning at 75%: 18 h for the 24 h callback, 36 h for the 48 h resolution.
    expect(await wakeUp('acknowledge')).toBeCloseTo(0.75, 1);
    expect(await wakeUp('callback')).toBeCloseTo(18, 1);
    expect(await wakeUp('resolve')).toBeCloseTo(36, 1);
    expect(c.deadlines.map((d) => [d.kind, (d.dueAt.getTime() - c.createdAt.getTime()) / 3600_000])).toEqual([
      ['acknowledge', 1],
      ['callback', 24],
      ['resolve', 48],
    ]);
    await queue.close();
    redis.disconnect();
  });
});
