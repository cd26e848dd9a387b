import { Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { QUEUE_NAME } from '../../jobs/queue.js';
import { ids } from '../../src/chat/blocks.js';
import { monthKey } from '../../src/domain/case-number.js';
import type { SlackCall } from '../support/fake-slack.js';
import { type Harness, people, REDIS_URL, startHarness, testPolicy } from '../support/harness.js';
import { until } from '../support/settle.js';
import { slashCommand, validComplaint, viewSubmission } from '../support/slack-requests.js';

const text = (call?: SlackCall) => `${String(call?.args.text)} ${JSON.stringify(call?.args.blocks ?? '')}`;
const sentTo = (h: Harness, user: string) =>
  h.slack.calls.filter((c) => c.method === 'chat.postMessage' && c.args.channel === user);

/** Runs a job of the worker's queue now, and waits until it finished. */
async function runJob(h: Harness, name: string, data: object): Promise<void> {
  const queue = new Queue(QUEUE_NAME, {
    connection: new Redis(REDIS_URL, { maxRetriesPerRequest: null }),
    prefix: h.prefix,
  });
  const events = new QueueEvents(QUEUE_NAME, { connection: { url: REDIS_URL }, prefix: h.prefix });
  await events.waitUntilReady();
  await (await queue.add(name, data)).waitUntilFinished(events);
  await events.close();
  await queue.close();
}

describe('the person complained about', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it('is never told of a major case about them, even as the GM; their approval goes to the stand-in', async () => {
    h = await startHarness();
    const c = await h.register({ ...validComplaint, class: '3', compensation: true, respondent: people.gm });
    // The CS manager, who coordinates a class 3 case, is told; the GM is not.
    await h.slack.waitFor(
      (call) => call.args.channel === people.csManager && /Major complaint/.test(text(call)),
    );
    const values = {
      action: {
        value: {
          type: 'static_select',
          selected_option: { text: { type: 'plain_text', text: 'c' }, value: 'compensation' },
        },
      },
      amount: { value: { type: 'number_input', value: '900' } },
      resolution: { value: { type: 'plain_text_input', value: 'Paid the cleaning.' } },
    };
    const metadata = JSON.stringify({ number: c.number });
    await h.post(viewSubmission(people.owner, { id: 'VPAY', callbackId: ids.resolveView, values, metadata }));
    await h.slack.waitFor(
      (call) => call.args.channel === people.csManager && /needs your approval/.test(text(call)),
    );

    await h.press(people.gm, ids.approve, c);
    const [refused] = await h.slack.waitFor(
      (call) => call.method === 'chat.postEphemeral' && call.args.user === people.gm,
    );
    expect(String(refused?.args.text)).toMatch(/^Only/);
    expect((await h.store.get(c.number))?.pendingApproval).toMatchObject({ amount: 900 });

    await h.press(people.csManager, ids.approve, c);
    await until(
      async () => (await h.store.get(c.number))?.status === 'resolved',
      'the approved case resolved',
    );
    expect(sentTo(h, people.gm)).toEqual([]);
  });

  it('as a department manager, finds no case about them in the daily list or the export', async () => {
    const policy = testPolicy();
    policy.departments.push({ id: 'kitchen', name: 'Kitchen', owner: 'U0COOK', manager: people.manager });
    h = await startHarness(policy);
    const about = await h.register({ ...validComplaint, department: 'kitchen', respondent: people.manager });
    const other = await h.register({ ...validComplaint, department: 'kitchen', summary: 'Salty' });

    await runJob(h, 'daily-report', { at: Date.now() + 2 * 86_400_000 });
    const [list] = await h.slack.waitFor(
      (call) => call.args.channel === people.manager && /more than a day/.test(text(call)),
    );
    expect(text(list)).toContain(other.number);
    expect(text(list)).not.toContain(about.number);

    const month = monthKey(new Date(), 'Asia/Shanghai');
    await h.post(slashCommand(people.manager, `export ${month.slice(0, 4)}-${month.slice(4)}`));
    await h.slack.waitFor((call) => call.method === 'files.completeUploadExternal');
    const csv = h.slack.uploads.map((u) => u.body.toString('utf8')).join('');
    expect(csv).toContain(other.number);
    expect(csv).not.toContain(about.number);
  });

  it('never owns the case that follows a rejected verdict', async () => {
    h = await startHarness();
    const c = await h.register({ ...validComplaint, respondent: people.owner });
    expect(c.owner).toBe(people.manager);
    const store = h.store;
    const form = (callbackId: string, values: object) =>
      h.post(
        viewSubmission(people.manager, {
          id: `V${callbackId}`,
          callbackId,
          values: values as never,
          metadata: JSON.stringify({ number: c.number }),
        }),
      );
    const select = (value: string) => ({
      value: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: value }, value } },
    });
    await form(ids.resolveView, {
      resolution: { value: { type: 'plain_text_input', value: 'Apologised.' } },
    });
    await until(async () => (await store.get(c.number))?.status === 'resolved', 'the case resolved');
    await form(ids.verdictView, { verdict: select('rejected'), satisfaction: select('1') });
    const [gm] = await h.slack.waitFor(
      (call) => call.args.channel === people.gm && /Major complaint/.test(text(call)),
    );
    const follower = /\d{6}-\d{4}/.exec(String(gm?.args.text))?.[0];
    expect(await store.get(follower ?? '')).toMatchObject({
      owner: people.manager,
      respondent: people.owner,
    });
  });

  it('reads only number, category, department and status on the channel’s card, and nothing in its thread', async () => {
    h = await startHarness();
    const c = await h.register({ ...validComplaint, respondent: people.stranger });
    const [card] = h.slack.calls.filter(
      (call) => call.method === 'chat.postMessage' && call.args.channel === c.card.channel,
    );
    expect(text(card)).toContain(c.number);
    expect(text(card)).toContain('Delivery');
    for (const detail of [validComplaint.customerName, validComplaint.summary, '5678', people.owner])
      expect(text(card)).not.toContain(detail);
    await h.press(people.owner, ids.acknowledge, c, { channel: `D${people.owner.slice(1)}`, ts: '1.000001' });
    await h.slack.waitFor((call) => call.method === 'chat.update' && call.args.ts === '1.000001');
    // The owner's own message shows the details; the card stays discreet and its thread silent.
    const updates = h.slack.calls.filter(
      (call) => call.method === 'chat.update' && call.args.ts === c.card.ts,
    );
    for (const update of updates) expect(text(update)).not.toContain(validComplaint.summary);
    expect(h.slack.calls.filter((call) => call.args.thread_ts === c.card.ts)).toEqual([]);
  });
});

describe('need to know', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it('limits lookups per person', async () => {
    h = await startHarness(undefined, { LOOKUPS_PER_MINUTE: 3 });
    const c = await h.register();
    for (let i = 0; i < 4; i++) await h.post(slashCommand(people.stranger, `find ${1000 + i}`));
    await h.post(slashCommand(people.stranger, `show ${c.number}`));
    const answers = await h.slack.waitFor(
      (call) => call.method === 'chat.postEphemeral' && call.args.user === people.stranger,
      5,
    );
    expect(answers.filter((a) => /wait a minute/.test(String(a.args.text)))).toHaveLength(2);
  });

  it('anonymises a closed case’s name and phone once its retention has passed', async () => {
    h = await startHarness({ ...testPolicy(), retention: 86_400_000 });
    const c = await h.register();
    const closed = { ...c, status: 'closed' as const, closedAt: new Date() };
    await h.store.save(c, closed);
    await runJob(h, 'retention', { at: Date.now() + 3600_000 });
    expect((await h.store.get(c.number))?.customer).toEqual(c.customer);
    await runJob(h, 'retention', { at: Date.now() + 2 * 86_400_000 });
    const forgotten = await h.store.get(c.number);
    expect(forgotten?.customer).toEqual({ name: '', phone: '' });
    expect(forgotten?.summary).toBe(c.summary);
  });

  it('keeps nothing of a registration in Redis once the case is stored', async () => {
    h = await startHarness();
    await h.register({ ...validComplaint, customerName: 'Ms. Unforgettable', customerPhone: '13811112222' });
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${h.prefix}:*`);
    const dumps = await Promise.all(keys.map(async (k) => `${k} ${JSON.stringify(await redis.dump(k))}`));
    redis.disconnect();
    expect(dumps.filter((d) => d.includes('13811112222') || d.includes('Unforgettable'))).toEqual([]);
  });
});
