import { afterEach, describe, expect, it } from 'vitest';
import { CASES_CHANNEL, type Harness, people, startHarness } from '../support/harness.js';
import { settled } from '../support/settle.js';
import { validComplaint } from '../support/slack-requests.js';

describe('a batch counts customers, not cases', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it('is no batch when one customer complains three times about one item; three customers make one', async () => {
    h = await startHarness();
    const lamp = { ...validComplaint, category: 'other', item: 'Desk lamp' };
    const again = [];
    // One customer, one number written three ways.
    for (const customerPhone of ['138 1234 5678', '+86 138 1234 5678', '13812345678'])
      again.push(await h.register({ ...lamp, customerPhone }));
    const last = again.at(-1);
    await h.slack.waitFor(
      (c) => c.args.channel === CASES_CHANNEL && String(c.args.text).includes(`${last?.number}`),
    );
    await settled(h);
    expect(h.slack.calls.filter((c) => c.args.channel === people.gm)).toEqual([]);
    for (const c of again) expect((await h.store.get(c.number))?.batch).toBeUndefined();

    const second = await h.register({ ...lamp, customerPhone: '139 0000 1111' });
    await h.slack.waitFor(
      (c) => c.args.channel === CASES_CHANNEL && String(c.args.text).includes(second.number),
    );
    await settled(h);
    expect(h.slack.calls.filter((c) => c.args.channel === people.gm)).toEqual([]);

    const third = await h.register({ ...lamp, customerPhone: '139 0000 2222' });
    const [gm] = await h.slack.waitFor((c) => c.args.channel === people.gm);
    const all = [...again, second, third].map((c) => c.number);
    expect(String(gm?.args.text)).toBe(
      `Batch complaint: 3 customers report the same problem with Desk lamp (${all.join(', ')}).`,
    );
    for (const number of all) expect((await h.store.get(number))?.batch).toBe(all[0]);
  });
});
