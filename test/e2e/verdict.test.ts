import { afterEach, describe, expect, it } from 'vitest';
import type { CaseStore } from '../../src/app/ports.js';
import { ids } from '../../src/chat/blocks.js';
import { type Harness, type PostedCase, people, startHarness } from '../support/harness.js';
import { viewSubmission } from '../support/slack-requests.js';
import { testStore } from '../support/test-store.js';

const select = (value: string) => ({
  value: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: value }, value } },
});
const text = (value: string | null) => ({ value: { type: 'plain_text_input', value } });

describe('the customer’s verdict', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  async function resolved(): Promise<PostedCase> {
    const c = await h.register();
    await h.fill(c, ids.resolve, ids.resolveView, { resolution: text('Sent a new bowl of soup.') });
    await h.slack.waitFor(
      (call) => call.method === 'chat.update' && JSON.stringify(call.args.blocks).includes(ids.verdict),
    );
    return c;
  }

  it('records an accepted resolution with its satisfaction, once', async () => {
    h = await startHarness();
    const c = await resolved();
    await h.fill(c, ids.verdict, ids.verdictView, {
      verdict: select('accepted'),
      satisfaction: select('4'),
      comment: text('Thanks'),
    });
    await h.slack.waitFor(
      (call) => call.method === 'chat.update' && JSON.stringify(call.args.blocks).includes('★★★★'),
    );
    expect(await h.store.get(c.number)).toMatchObject({
      status: 'resolved',
      verdict: { accepted: true, satisfaction: 4, comment: 'Thanks' },
    });
    await h.press(people.owner, ids.verdict, c);
    const [again] = await h.slack.waitFor((call) => call.method === 'chat.postEphemeral');
    expect(again?.args.text).toBe('The customer’s verdict is recorded once the case is resolved, and once.');
  });

  it('closes a rejected case and opens a linked major case for the GM, once', async () => {
    h = await startHarness();
    const c = await resolved();
    const unscored = {
      verdict: select('rejected'),
      satisfaction: { value: { type: 'static_select', selected_option: null } },
      comment: text(''),
    };
    const invalid = await h.fill(c, ids.verdict, ids.verdictView, unscored);
    expect(await invalid.json()).toEqual({
      response_action: 'errors',
      errors: { satisfaction: 'Please fill this in.' },
    });

    const rejection = {
      verdict: select('rejected'),
      satisfaction: select('1'),
      comment: text('Still cold.'),
    };
    await h.fill(c, ids.verdict, ids.verdictView, rejection);
    const [gm] = await h.slack.waitFor((call) => call.args.channel === people.gm);
    const follower = /\d{6}-\d{4}/.exec(String(gm?.args.text))?.[0] ?? '';
    expect(String(gm?.args.text)).toBe(`Major complaint ${follower}: for your information.`);
    await h.slack.waitFor(
      (call) =>
        call.method === 'chat.update' && JSON.stringify(call.args.blocks).includes(`followed by ${follower}`),
    );
    expect(await h.store.get(c.number)).toMatchObject({
      status: 'closed',
      rejectedInto: follower,
      verdict: { accepted: false },
    });
    expect(await h.store.get(follower)).toMatchObject({
      class: 2,
      status: 'registered',
      rejectionOf: c.number,
      summary: c.summary,
    });

    await h.press(people.owner, ids.verdict, c); // the case is closed now: refused, and no second follower
    await h.slack.waitFor((call) => call.method === 'chat.postEphemeral');
    expect(h.slack.calls.filter((call) => call.args.channel === people.gm)).toHaveLength(1);
  });

  it('opens the follower exactly once although opening it failed the first time', async () => {
    const store = testStore();
    let failures = 1;
    const flaky: CaseStore = {
      ...store,
      async create(draft, month) {
        if (draft.submissionKey.startsWith('rejection.') && failures-- > 0)
          throw new Error('store went away');
        return store.create(draft, month);
      },
    };
    h = await startHarness(undefined, {}, flaky);
    const c = await resolved();
    await h.fill(c, ids.verdict, ids.verdictView, {
      verdict: select('rejected'),
      satisfaction: select('2'),
      comment: text('No.'),
    });
    const [gm] = await h.slack.waitFor((call) => call.args.channel === people.gm, 1, 20_000);
    const follower = /\d{6}-\d{4}/.exec(String(gm?.args.text))?.[0] ?? '';
    await h.slack.waitFor(
      (call) =>
        call.method === 'chat.update' && JSON.stringify(call.args.blocks).includes(`followed by ${follower}`),
    );
    expect(failures).toBe(-1);
    expect(await h.store.get(c.number)).toMatchObject({ status: 'closed', rejectedInto: follower });
    const all = await h.store.search({ kind: 'list', scope: { kind: 'all' }, viewer: people.gm }, 0, 10);
    expect(all.cases.map((x) => x.number)).toEqual([follower]);

    // The same form submitted again (from a second open copy, say) is refused: the follower is there.
    const values = { verdict: select('rejected'), satisfaction: select('2'), comment: text('') };
    const metadata = JSON.stringify({ number: c.number });
    await h.post(
      viewSubmission(people.owner, { id: 'VAGAIN', callbackId: ids.verdictView, values, metadata }),
    );
    await h.slack.waitFor((call) => call.method === 'chat.postEphemeral');
    expect(h.slack.calls.filter((call) => call.args.channel === people.gm)).toHaveLength(1);
  });
});
