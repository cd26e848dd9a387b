import { afterEach, describe, expect, it } from 'vitest';
import { CASES_CHANNEL, type Harness, people, startHarness } from '../support/harness.js';
import { settled } from '../support/settle.js';
import { validComplaint } from '../support/slack-requests.js';

describe('a batch of complaints', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it('makes the third case of one category and item major, all of them with it, and tells the GM once', async () => {
    h = await startHarness();
    // Not food safety: that category is major by itself.
    const soup = { ...validComplaint, category: 'other', item: 'Beef noodle soup' };
    const first = await h.register({ ...soup, customerPhone: '13800000001' });
    await h.register({ ...validComplaint, customerPhone: '13800000009', item: 'Beef noodle soup' }); // other category
    const second = await h.register({ ...soup, customerPhone: '13800000002', item: 'beef noodle soup ' });
    expect(h.slack.calls.filter((c) => c.args.channel === people.gm)).toEqual([]);
    const third = await h.register({ ...soup, customerPhone: '13800000003' });

    const [gm] = await h.slack.waitFor((c) => c.args.channel === people.gm);
    expect(String(gm?.args.text)).toBe(
      `Batch complaint: 3 customers report the same problem with Beef noodle soup (${first.number}, ${second.number}, ${third.number}).`,
    );
    for (const c of [first, second, third]) {
      const stored = await h.store.get(c.number);
      expect(stored?.batch).toBe(first.number);
      expect(stored?.deadlines.map((d) => d.kind)).toContain('callback'); // major now
    }
    await h.slack.waitFor(
      (c) => c.method === 'chat.update' && JSON.stringify(c.args.blocks).includes(`batch ${first.number}`),
      2,
    );

    const fourth = await h.register({ ...soup, customerPhone: '13800000004' });
    await h.slack.waitFor(
      (c) => c.args.channel === CASES_CHANNEL && String(c.args.text).includes(fourth.number),
    );
    await settled(h); // the fourth case's announcement has run, and whatever it queued has left
    expect((await h.store.get(fourth.number))?.batch).toBe(first.number);
    expect(h.slack.calls.filter((c) => c.args.channel === people.gm)).toHaveLength(1); // once per batch
  });
});
