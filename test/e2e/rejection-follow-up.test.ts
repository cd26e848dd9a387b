import { afterEach, describe, expect, it } from 'vitest';
import { ids } from '../../src/chat/blocks.js';
import { resolveValues, verdictValues } from '../support/forms.js';
import { CASES_CHANNEL, type Harness, people, startHarness, testPolicy } from '../support/harness.js';
import { settled } from '../support/settle.js';

describe('the case a rejected verdict opens', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it('follows the rejected case, linked to it, and is no repeat of it', async () => {
    h = await startHarness({ ...testPolicy(), repeatWindow: 90 * 86_400_000 });
    const c = await h.register();
    await h.fill(c, ids.resolve, ids.resolveView, resolveValues('explanation', 'Sent a new bowl.'));
    await h.slack.waitFor(
      (call) => call.method === 'chat.update' && JSON.stringify(call.args.blocks).includes(ids.verdict),
    );
    await h.fill(c, ids.verdict, ids.verdictView, verdictValues(false, 1, 'Still cold.'));

    const [gm] = await h.slack.waitFor((call) => call.args.channel === people.gm);
    const follower = /\d{6}-\d{4}/.exec(String(gm?.args.text))?.[0] ?? '';
    expect(String(gm?.args.text)).toBe(`Major complaint ${follower}: for your information.`);
    const opened = await h.store.get(follower);
    expect(opened).toMatchObject({ class: 2, rejectionOf: c.number });
    expect(opened?.repeat).toBeUndefined();
    expect((await h.store.get(c.number))?.repeatedBy).toBeUndefined();

    const [card] = await h.slack.waitFor(
      (call) => call.args.channel === CASES_CHANNEL && String(call.args.text).includes(follower),
    );
    const blocks = JSON.stringify(card?.args.blocks);
    expect(blocks).toContain(`Opened because the customer rejected ${c.number}`);
    expect(blocks).not.toContain('complaint from this customer');
    await settled(h);
    expect(h.slack.calls.filter((call) => call.args.channel === people.gm)).toHaveLength(1);
  });
});
