import { afterEach, describe, expect, it } from 'vitest';
import { ids } from '../../src/chat/blocks.js';
import type { Policy } from '../../src/domain/policy.js';
import type { SlackCall } from '../support/fake-slack.js';
import { contactValues, resolveValues, rootCauseValues, verdictValues } from '../support/forms.js';
import { type Harness, type PostedCase, people, startHarness, testPolicy } from '../support/harness.js';
import { validComplaint } from '../support/slack-requests.js';

const BOTH =
  'Before this case closes, record its root cause and corrective action, and tell the customer the result (log a contact after resolving, or record the customer’s verdict).';
const TELL =
  'Tell the customer the result before closing: log a contact after resolving, or record the customer’s verdict.';
const CAUSE = 'This case needs its root cause and corrective action before it closes.';

describe('closing a case (结案)', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  // The corrective action's verification is a policy choice of its own, left out here.
  const policy = (fields: Partial<Policy> = {}): Policy => ({ ...testPolicy(), verifyFix: false, ...fields });
  /** Presses Close as the owner: the refusal the owner is told, or `closed` once the card says so. */
  async function pressClose(c: PostedCase): Promise<unknown> {
    const closedCard = (call: SlackCall) =>
      call.method === 'chat.update' &&
      call.args.ts === c.card.ts &&
      JSON.stringify(call.args.blocks).includes('Closed"');
    const answer = (call: SlackCall) => call.method === 'chat.postEphemeral' || closedCard(call);
    const before = h.slack.calls.filter(answer).length;
    await h.press(people.owner, ids.close, c);
    const last = (await h.slack.waitFor(answer, before + 1)).at(-1);
    return last && closedCard(last) ? 'closed' : last?.args.text;
  }
  async function resolved(form = {}): Promise<PostedCase> {
    const c = await h.register({ ...validComplaint, ...form });
    await h.fill(c, ids.resolve, ids.resolveView, resolveValues('apology', 'Apologised.'));
    await h.slack.waitFor(
      (call) => call.method === 'chat.update' && JSON.stringify(call.args.blocks).includes(ids.close),
    );
    return c;
  }

  it('needs, for every complaint, its root cause and the customer told of the result; the refusal says what is missing', async () => {
    h = await startHarness(policy());
    const c = await resolved();
    expect(await pressClose(c)).toBe(BOTH);

    await h.fill(c, ids.rootCause, ids.rootCauseView, rootCauseValues('Lid not checked at packing'));
    await h.slack.waitFor(
      (call) => call.method === 'chat.update' && JSON.stringify(call.args.blocks).includes('Lid not checked'),
    );
    expect(await pressClose(c)).toBe(TELL);
    expect((await h.store.get(c.number))?.status).toBe('resolved');

    // A contact after resolving: the customer heard the result.
    await h.fill(c, ids.contact, ids.contactView, contactValues('Told her a new bowl is on its way.'));
    await h.slack.waitFor((call) => JSON.stringify(call.args.text ?? '').includes('contacted the customer'));
    expect(await pressClose(c)).toBe('closed');
    expect((await h.store.get(c.number))?.status).toBe('closed');
  });

  it('takes the customer’s verdict as the customer told; a contact before resolving does not count', async () => {
    h = await startHarness(policy());
    const c = await h.register();
    await h.fill(c, ids.contact, ids.contactView, contactValues('Said we are looking into it.'));
    await h.slack.waitFor((call) => JSON.stringify(call.args.text ?? '').includes('contacted the customer'));
    await h.fill(c, ids.rootCause, ids.rootCauseView, rootCauseValues('Lid not checked at packing'));
    await h.fill(c, ids.resolve, ids.resolveView, resolveValues('apology', 'Apologised.'));
    await h.slack.waitFor(
      (call) => call.method === 'chat.update' && JSON.stringify(call.args.blocks).includes(ids.close),
    );
    expect(await pressClose(c)).toBe(TELL);

    await h.fill(c, ids.verdict, ids.verdictView, verdictValues(true, 5, 'Fine now.'));
    await h.slack.waitFor(
      (call) => call.method === 'chat.update' && JSON.stringify(call.args.blocks).includes('★★★★★'),
    );
    expect(await pressClose(c)).toBe('closed');
  });

  it('as the policy says: root cause for major cases only, and no word to the customer required', async () => {
    h = await startHarness(policy({ rootCause: 'major', closeNeedsCustomerTold: false }));
    const general = await resolved();
    expect(await pressClose(general)).toBe('closed');
    const major = await resolved({ compensation: true });
    expect(await pressClose(major)).toBe(CAUSE);
  });
});
