import { afterEach, describe, expect, it } from 'vitest';
import type { SlackCall } from '../support/fake-slack.js';
import { CASES_CHANNEL, type Harness, people, startHarness, testPolicy } from '../support/harness.js';
import { slashCommand, validComplaint } from '../support/slack-requests.js';

const DAY = 86_400_000;
const blocksOf = (call?: SlackCall) => JSON.stringify(call?.args.blocks ?? '');

describe('a customer’s phone, however it is written', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  async function ask(user: string, text: string): Promise<SlackCall | undefined> {
    const mine = () => h.slack.calls.filter((c) => c.method === 'chat.postEphemeral' && c.args.user === user);
    const before = mine().length;
    await h.post(slashCommand(user, text));
    return (
      await h.slack.waitFor((c) => c.method === 'chat.postEphemeral' && c.args.user === user, before + 1)
    ).at(-1);
  }

  it('is one customer: stored in E.164, so the second complaint is a repeat of the first', async () => {
    h = await startHarness({ ...testPolicy(), repeatWindow: 90 * DAY });
    const first = await h.register({ ...validComplaint, customerPhone: '+86 138 1234 5678' });
    const second = await h.register({ ...validComplaint, customerPhone: '13812345678' });
    expect(first.customer.phone).toBe('+8613812345678');
    expect(second).toMatchObject({
      customer: { phone: '+8613812345678' },
      class: 2,
      repeat: { of: first.number, count: 2 },
    });
    const third = await h.register({ ...validComplaint, customerPhone: '0086 138-1234-5678' });
    expect(third.repeat).toEqual({ of: second.number, count: 3 });

    // Shown as it is dialled at home: masked on the card, in full to the owner.
    const [card] = await h.slack.waitFor(
      (c) => c.args.channel === CASES_CHANNEL && String(c.args.text).includes(first.number),
    );
    expect(blocksOf(card)).toContain('138****5678');
    expect(blocksOf(card)).not.toContain('+86');
    const [toOwner] = await h.slack.waitFor((c) => c.args.channel === people.owner);
    expect(blocksOf(toOwner)).toContain('13812345678');

    // Found by the whole number written any way, by someone not on the cases; by part of it, by those on them.
    const byStranger = blocksOf(await ask(people.stranger, 'find +86 (138) 1234-5678'));
    for (const c of [first, second, third]) expect(byStranger).toContain(c.number);
    expect(byStranger).not.toContain('13812345678');
    expect(blocksOf(await ask(people.stranger, 'find 1234 5678'))).not.toContain(first.number);
    const byOwner = blocksOf(await ask(people.owner, 'find 1234 5678'));
    for (const c of [first, second, third]) expect(byOwner).toContain(c.number);
  });

  it('takes a number from abroad with its country code, and refuses what cannot be dialled on its field', async () => {
    h = await startHarness();
    const abroad = await h.register({ ...validComplaint, customerPhone: '+44 20 7946 0958' });
    expect(abroad.customer.phone).toBe('+442079460958');
    const [card] = await h.slack.waitFor(
      (c) => c.args.channel === CASES_CHANNEL && String(c.args.text).includes(abroad.number),
    );
    expect(blocksOf(card)).toContain('+44******0958');

    for (const customerPhone of ['138 1234', '12345678901234', '138-1234-567x']) {
      const answer = await (await h.submit({ ...validComplaint, customerPhone })).json();
      expect(answer).toEqual({
        response_action: 'errors',
        errors: {
          customerPhone:
            'This is not a phone number: write it as you would dial it, e.g. 138 1234 5678, or with its country code, e.g. +44 20 7946 0958.',
        },
      });
    }
  });
});
