import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { QUEUE_NAME } from '../../jobs/queue.js';
import { ids } from '../../src/chat/blocks.js';
import { type Harness, type PostedCase, people, REDIS_URL, startHarness } from '../support/harness.js';
import { viewSubmission } from '../support/slack-requests.js';

const H = 3600_000;
const classForm = (n: string, reason: string) => ({
  class: {
    value: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: n }, value: n } },
  },
  reason: { value: { type: 'plain_text_input', value: reason } },
});

describe('changing the class', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  async function submit(user: string, c: PostedCase, values: ReturnType<typeof classForm>) {
    const metadata = JSON.stringify({ number: c.number });
    return h.post(
      viewSubmission(user, { id: `VCLASS${user}`, callbackId: ids.changeClassView, values, metadata }),
    );
  }

  it('raises a case to class 3: deadlines re-planned as major, the GM told; lowering needs a manager', async () => {
    h = await startHarness();
    const c = await h.register();
    await h.press(people.owner, ids.changeClass, c);
    await h.slack.waitFor(
      (call) => call.method === 'views.open' && JSON.stringify(call.args.view).includes(ids.changeClassView),
    );
    await submit(people.owner, c, classForm('3', 'The customer posted it on social media.'));

    const [gm] = await h.slack.waitFor((call) => call.args.channel === people.gm);
    expect(String(gm?.args.text)).toBe(`Major complaint ${c.number}: for your information.`);
    // Class 3 (public, media): the CS manager, who coordinates it, is told too.
    const [csm] = await h.slack.waitFor((call) => call.args.channel === people.csManager);
    expect(String(csm?.args.text)).toBe(`Major complaint ${c.number}: for your information.`);
    const raised = await h.store.get(c.number);
    const due = (kind: string) => raised?.deadlines.find((d) => d.kind === kind);
    expect(raised?.class).toBe(3);
    expect(due('callback')).toMatchObject({ version: 1, dueAt: new Date(c.createdAt.getTime() + 24 * H) });
    expect(due('resolve')).toMatchObject({ version: 2, dueAt: new Date(c.createdAt.getTime() + 48 * H) });
    expect(due('acknowledge')?.version).toBe(1);
    const queue = new Queue(QUEUE_NAME, {
      connection: new Redis(REDIS_URL, { maxRetriesPerRequest: null }),
      prefix: h.prefix,
    });
    expect(await queue.getJob(`deadline.${c.number}.resolve.v1`)).toBeUndefined();
    expect(await queue.getJob(`deadline.${c.number}.resolve.v2`)).toBeDefined();
    expect(await queue.getJob(`deadline.${c.number}.callback.v1`)).toBeDefined();

    await submit(people.owner, c, classForm('1', 'It was a misunderstanding.'));
    const [refused] = await h.slack.waitFor((call) => call.method === 'chat.postEphemeral');
    expect(refused?.args.text).toBe('Only a manager on the case’s ladder can lower its class.');
    expect((await h.store.get(c.number))?.class).toBe(3);

    await submit(people.manager, c, classForm('1', 'It was a misunderstanding.'));
    await h.slack.waitFor(
      (call) =>
        call.method === 'chat.update' &&
        JSON.stringify(call.args.blocks).includes('Class 1 · first complaint'),
    );
    const lowered = await h.store.get(c.number);
    expect(lowered?.class).toBe(1);
    expect(lowered?.deadlines.map((d) => [d.kind, d.version])).toEqual([
      ['acknowledge', 1],
      ['resolve', 3],
    ]);
    expect(await queue.getJob(`deadline.${c.number}.callback.v1`)).toBeUndefined();
    await queue.close();
  });
});
