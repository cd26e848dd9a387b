import { afterEach, describe, expect, it } from 'vitest';
import { CASES_CHANNEL, type Harness, people, startHarness, testPolicy } from '../support/harness.js';
import { validComplaint } from '../support/slack-requests.js';

describe('a customer who complains again', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it('is a repeat: raised to class 2, linked both ways, the GM told, and the card says so', async () => {
    h = await startHarness({ ...testPolicy(), repeatWindow: 90 * 86_400_000 });
    const first = await h.register({ ...validComplaint, customerPhone: '138 1234 5678' });
    await h.register({ ...validComplaint, customerPhone: '139 9999 0000' }); // someone else
    const second = await h.register({
      ...validComplaint,
      customerPhone: '138-1234-5678',
    });
    expect(first.class).toBe(1);
    expect(second).toMatchObject({ class: 2, repeat: { of: first.number, count: 2 } });
    expect((await h.store.get(first.number))?.repeatedBy).toEqual([second.number]);

    const [card] = await h.slack.waitFor(
      (c) => c.args.channel === CASES_CHANNEL && String(c.args.text).includes(second.number),
    );
    expect(JSON.stringify(card?.args.blocks)).toContain(
      `2nd complaint from this customer, see ${first.number}`,
    );
    const [gm] = await h.slack.waitFor((c) => c.args.channel === people.gm);
    expect(String(gm?.args.text)).toBe(`Major complaint ${second.number}: for your information.`);

    const third = await h.register({ ...validComplaint, customerPhone: '13812345678', summary: 'Again!' });
    expect(third).toMatchObject({ class: 2, repeat: { of: second.number, count: 3 } });
    const [thirdCard] = await h.slack.waitFor(
      (c) => c.args.channel === CASES_CHANNEL && String(c.args.text).includes(third.number),
    );
    expect(JSON.stringify(thirdCard?.args.blocks)).toContain(
      `3rd complaint from this customer, see ${second.number}`,
    );
  });
});
