import { afterEach, describe, expect, it } from 'vitest';
import { CASES_CHANNEL, type Harness, people, startHarness, testPolicy } from '../support/harness.js';
import { settled } from '../support/settle.js';
import { slashCommand, validComplaint } from '../support/slack-requests.js';

const DAY = 86_400_000;

describe('anonymous complaints (匿名)', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it('are refused by default, as document 001 asks for a name and a phone', async () => {
    h = await startHarness();
    const answer = await (await h.submit({ ...validComplaint, customerName: '', customerPhone: '' })).json();
    expect(answer).toEqual({
      response_action: 'errors',
      errors: { customerName: 'Please fill this in.', customerPhone: 'Please fill this in.' },
    });
  });

  it('where allowed, leave name and phone empty, and are never anyone’s repeat', async () => {
    h = await startHarness({ ...testPolicy(), anonymous: 'allowed', repeatWindow: 90 * DAY });
    await h.post(slashCommand(people.receiver, 'Rude driver'));
    const [form] = await h.slack.waitFor((c) => c.method === 'views.open');
    const { blocks } = (form?.args.view ?? { blocks: [] }) as {
      blocks: { block_id: string; optional?: boolean }[];
    };
    expect(
      blocks.filter((b) => ['customerName', 'customerPhone'].includes(b.block_id)).map((b) => b.optional),
    ).toEqual([true, true]);

    const anonymous = { ...validComplaint, customerName: '', customerPhone: '' };
    const first = await h.register(anonymous);
    const second = await h.register(anonymous);
    expect(first.customer).toEqual({ name: '', phone: '' });
    expect(second).toMatchObject({ class: 1, customer: { name: '', phone: '' } });
    expect(second.repeat).toBeUndefined();
    const [card] = await h.slack.waitFor(
      (c) => c.args.channel === CASES_CHANNEL && String(c.args.text).includes(first.number),
    );
    expect(JSON.stringify(card?.args.blocks)).toContain('*Customer*\\nAnonymous');

    // A customer who gives their number is still recognised the second time.
    const named = await h.register();
    expect((await h.register()).repeat).toEqual({ of: named.number, count: 2 });
  });
});

describe('categories that make a complaint major', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it('are food safety by default: the GM is told at once, the customer called back, 48 hours to resolve', async () => {
    h = await startHarness();
    const c = await h.register({ ...validComplaint, category: 'food_safety' });
    expect(c.deadlines.map((d) => d.kind)).toEqual(['acknowledge', 'callback', 'resolve']);
    const [gm] = await h.slack.waitFor((call) => call.args.channel === people.gm);
    expect(String(gm?.args.text)).toBe(`Major complaint ${c.number}: for your information.`);
    const [card] = await h.slack.waitFor(
      (call) => call.args.channel === CASES_CHANNEL && String(call.args.text).includes(c.number),
    );
    expect(JSON.stringify(card?.args.blocks)).toContain(`Complaint ${c.number} · Major`);
  });

  it('are as the policy names them', async () => {
    h = await startHarness({ ...testPolicy(), majorCategories: ['delivery'] });
    const food = await h.register({ ...validComplaint, category: 'food_safety' });
    const delivery = await h.register({ ...validComplaint, category: 'delivery' });
    expect(food.deadlines.map((d) => d.kind)).toEqual(['acknowledge', 'resolve']);
    expect(delivery.deadlines.map((d) => d.kind)).toEqual(['acknowledge', 'callback', 'resolve']);
    await h.slack.waitFor((call) => call.args.channel === people.gm);
    await settled(h);
    expect(
      h.slack.calls.filter((call) => call.args.channel === people.gm).map((call) => call.args.text),
    ).toEqual([`Major complaint ${delivery.number}: for your information.`]);
  });
});
