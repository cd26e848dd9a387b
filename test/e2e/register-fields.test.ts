import { Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { QUEUE_NAME } from '../../jobs/queue.js';
import {
  CASES_CHANNEL,
  type Harness,
  people,
  REDIS_URL,
  startHarness,
  testPolicy,
} from '../support/harness.js';
import { slashCommand, validComplaint } from '../support/slack-requests.js';

const blocksOf = (call?: { args: Record<string, unknown> }) => JSON.stringify(call?.args.blocks ?? '');

const photo = {
  id: 'F0PHOTO1',
  name: 'cold-soup.jpg',
  permalink: 'https://fake.slack.com/files/U0RECEIVER/F0PHOTO1/cold-soup.jpg',
};
const recording = {
  id: 'F0CALL01',
  name: 'call <1>.m4a',
  permalink: 'https://fake.slack.com/files/U0RECEIVER/F0CALL01/call_1.m4a',
};

describe('the register (投诉登记表) as the documents keep it', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it('asks for the demand, an address, a repeated fault and evidence files in the form Slack opens', async () => {
    const policy = testPolicy();
    policy.evidence = { maxFiles: 5, filetypes: ['jpg', 'png', 'm4a', 'mp3', 'pdf'] };
    h = await startHarness(policy);
    await h.post(slashCommand(people.receiver, 'The fridge stopped again'));
    const [open] = await h.slack.waitFor((c) => c.method === 'views.open');
    const view = open?.args.view as { blocks: { block_id: string; optional?: boolean; element: object }[] };
    const blocks = view.blocks;
    const block = (id: string) => blocks.find((b) => b.block_id === id);
    expect(block('demand')).toMatchObject({ optional: false, element: { type: 'plain_text_input' } });
    expect(block('address')).toMatchObject({ optional: true, element: { type: 'plain_text_input' } });
    expect(block('recurrence')).toMatchObject({ optional: true, element: { type: 'checkboxes' } });
    expect(block('evidence')).toMatchObject({
      optional: true,
      element: { type: 'file_input', max_files: 5, filetypes: ['jpg', 'png', 'm4a', 'mp3', 'pdf'] },
    });
  });

  it('keeps demand, address and evidence with the case, lists the files on the card, and makes a repeated fault major', async () => {
    h = await startHarness();
    const c = await h.register({
      ...validComplaint,
      summary: 'The fridge stopped cooling again, two weeks after the repair.',
      demand: 'Replace the fridge',
      address: '上海市徐汇区漕溪北路 88 号 3 楼',
      recurrence: true,
      evidence: [photo, recording],
    });
    expect(c).toMatchObject({
      demand: 'Replace the fridge',
      address: '上海市徐汇区漕溪北路 88 号 3 楼',
      recurrence: true,
      evidence: [photo, recording],
    });
    // A fault that recurs after repair is major (001): a callback is owed, and the GM is told at once.
    expect(c.deadlines.map((d) => d.kind)).toContain('callback');
    const [gm] = await h.slack.waitFor((call) => call.args.channel === people.gm);
    expect(String(gm?.args.text)).toBe(`Major complaint ${c.number}: for your information.`);

    const [card] = await h.slack.waitFor(
      (call) => call.method === 'chat.postMessage' && call.args.channel === CASES_CHANNEL,
    );
    const channel = blocksOf(card);
    expect(channel).toContain('Major');
    expect(channel).toContain('The customer asks for*\\nReplace the fridge');
    expect(channel).toContain('Repeated fault: the fault came back after a repair');
    expect(channel).toContain(`<${photo.permalink}|cold-soup.jpg>`);
    expect(channel).toContain(`<${recording.permalink}|call &lt;1&gt;.m4a>`);
    // The address is personal data: not in the channel, but in the owner's message.
    expect(channel).not.toContain('漕溪北路');
    const [owner] = await h.slack.waitFor((call) => call.args.channel === people.owner);
    expect(blocksOf(owner)).toContain('Address or place*\\n上海市徐汇区漕溪北路 88 号 3 楼');
  });

  it('refuses a form without the demand, and more files than the policy takes, on their fields', async () => {
    const policy = testPolicy();
    policy.evidence = { maxFiles: 2, filetypes: [] };
    h = await startHarness(policy);
    await h.post(slashCommand(people.receiver));
    await h.slack.waitFor((c) => c.method === 'views.open');
    const files = [photo, recording, { ...photo, id: 'F0PHOTO2', name: 'lid.jpg' }];
    const response = await h.submit({ ...validComplaint, demand: '  ', evidence: files });
    expect(await response.json()).toEqual({
      response_action: 'errors',
      errors: { demand: 'Please fill this in.', evidence: 'Too many files: attach fewer.' },
    });
    expect(h.slack.callsTo('chat.postMessage')).toEqual([]);
  });

  it('forgets the address with the name and phone once the retention after closing is over', async () => {
    h = await startHarness({ ...testPolicy(), retention: 86_400_000 });
    const c = await h.register({ ...validComplaint, address: 'Room 301, 88 Caoxi Road' });
    expect(c.address).toBe('Room 301, 88 Caoxi Road');
    await h.store.save(c, { ...c, status: 'closed', closedAt: new Date() });
    const queue = new Queue(QUEUE_NAME, {
      connection: new Redis(REDIS_URL, { maxRetriesPerRequest: null }),
      prefix: h.prefix,
    });
    const events = new QueueEvents(QUEUE_NAME, { connection: { url: REDIS_URL }, prefix: h.prefix });
    await events.waitUntilReady();
    await (await queue.add('retention', { at: Date.now() + 2 * 86_400_000 })).waitUntilFinished(events);
    await events.close();
    await queue.close();
    const forgotten = await h.store.get(c.number);
    expect(forgotten?.customer).toEqual({ name: '', phone: '' });
    expect(forgotten).not.toHaveProperty('address');
    expect(forgotten?.demand).toBe(validComplaint.demand);
  });
});
