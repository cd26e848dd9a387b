import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ids } from '../../src/chat/blocks.js';
import { CASES_CHANNEL, type Harness, people, startHarness, testPolicy } from '../support/harness.js';
import { slashCommand, validComplaint } from '../support/slack-requests.js';

const text = (call?: { args: Record<string, unknown> }) =>
  JSON.stringify(call?.args.blocks ?? call?.args.view ?? '');

describe('registering a complaint from Slack', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('opens the registration form with the typed summary', async () => {
    const response = await h.post(slashCommand(people.receiver, 'Cold soup, broken lid'));
    expect(response.status).toBe(200);
    const [open] = await h.slack.waitFor((c) => c.method === 'views.open');
    const view = open?.args.view as {
      callback_id: string;
      blocks: { block_id: string; element: { initial_value?: string } }[];
    };
    expect(view.callback_id).toBe(ids.complaintView);
    expect(view.blocks.map((b) => b.block_id)).toEqual([
      'customerName',
      'customerPhone',
      'summary',
      'demand',
      'address',
      'item',
      'category',
      'class',
      'channel',
      'department',
      'respondent',
      'compensation',
      'recurrence',
      'evidence',
    ]);
    expect(view.blocks.find((b) => b.block_id === 'summary')?.element.initial_value).toBe(
      'Cold soup, broken lid',
    );
  });

  it('stores the case, answers with its number, posts the card with a masked phone and tells the owner', async () => {
    const response = await h.submit(validComplaint);
    const answer = (await response.json()) as { response_action: string; view: object };
    expect(answer.response_action).toBe('update');
    const number = /(\d{6}-\d{4})/.exec(JSON.stringify(answer.view))?.[1] ?? '';
    expect(number).toMatch(/^\d{6}-0001$/);

    const c = await h.cardOf(number);
    expect(c).toMatchObject({
      status: 'registered',
      owner: people.owner,
      receiver: people.receiver,
      class: 1,
    });
    expect(c.customer.phone).toBe('+8613812345678'); // E.164, however it was typed

    const [card] = await h.slack.waitFor(
      (call) => call.method === 'chat.postMessage' && call.args.channel === CASES_CHANNEL,
    );
    expect(text(card)).toContain(number);
    expect(text(card)).toContain('138****5678');
    expect(text(card)).not.toContain('13812345678');
    expect(text(card)).toContain(ids.acknowledge);

    const [dm] = await h.slack.waitFor(
      (call) => call.method === 'chat.postMessage' && call.args.channel === people.owner,
    );
    expect(String(dm?.args.text)).toContain(`New complaint ${number}`);
    expect(text(dm)).toContain(ids.acknowledge);
    expect(h.slack.calls.some((call) => call.args.channel === people.gm)).toBe(false);
  });
});

describe('the web process', () => {
  it('answers GET /healthz', async () => {
    const h = await startHarness();
    const response = await fetch(`${h.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true });
    await h.close();
  });

  it('speaks the policy language to a reader whose Slack is in neither: the form in Chinese for a zh-CN policy', async () => {
    const h = await startHarness({ ...testPolicy(), locale: 'zh-CN' });
    h.slack.person(people.receiver, { locale: 'ja-JP' });
    await h.post(slashCommand(people.receiver));
    const [open] = await h.slack.waitFor((c) => c.method === 'views.open');
    const view = open?.args.view as { title: { text: string }; blocks: { label: { text: string } }[] };
    expect(view.title.text).toBe('登记投诉');
    expect(view.blocks.map((b) => b.label.text).slice(0, 3)).toEqual(['客户姓名', '客户电话', '投诉内容']);
    const response = await h.submit({ ...validComplaint, customerPhone: 'abc' });
    expect(((await response.json()) as { errors: Record<string, string> }).errors.customerPhone).toContain(
      '电话号码无效',
    );
    await h.close();
  });
});
