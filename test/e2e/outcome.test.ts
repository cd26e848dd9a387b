import { afterEach, describe, expect, it } from 'vitest';
import { ids } from '../../src/chat/blocks.js';
import type { SlackCall } from '../support/fake-slack.js';
import { resolveValues } from '../support/forms.js';
import { type Harness, type PostedCase, people, startHarness, testPolicy } from '../support/harness.js';
import { settled } from '../support/settle.js';
import { validComplaint } from '../support/slack-requests.js';

const resolvedNotice = (call: SlackCall) => /is resolved|was resolved/.test(String(call.args.text));

describe('how a case ended reaches the people the documents name', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  /** Resolves the case as its owner, and waits until everything it sent has left. */
  async function resolveIt(c: PostedCase) {
    await h.fill(c, ids.resolve, ids.resolveView, resolveValues('apology', 'Apologised; a new bowl sent.'));
    await h.slack.waitFor((call) => call.args.channel === c.receiver && resolvedNotice(call));
    await settled(h);
  }
  const toldOf = (c: PostedCase) =>
    h.slack.calls
      .filter((call) => resolvedNotice(call) && String(call.args.text).includes(c.number))
      .map((call) => [call.args.channel, call.args.text]);

  it('a class 2 case: the receiver, the department manager and the GM, once each', async () => {
    h = await startHarness();
    const c = await h.register({ ...validComplaint, class: '2' });
    await resolveIt(c);
    expect(toldOf(c)).toEqual([
      [people.receiver, `The complaint you registered, ${c.number}, is resolved.`],
      [people.manager, `Complaint ${c.number} of your department is resolved: for your information.`],
      [people.gm, `How major complaint ${c.number} was resolved: for your information.`],
    ]);
    // The receiver is not on the ladder: the phone reaches them masked.
    const [receiver] = h.slack.calls.filter(
      (call) => call.args.channel === people.receiver && resolvedNotice(call),
    );
    expect(JSON.stringify(receiver?.args.blocks)).toContain('138****5678');
    expect(JSON.stringify(receiver?.args.blocks)).toContain('Apologised; a new bowl sent.');
    const stored = await h.store.get(c.number);
    expect(stored?.timeline.filter((e) => e.type === 'outcome-told').map((e) => e.to)).toEqual([
      people.receiver,
      people.manager,
      people.gm,
    ]);
  });

  it('a class 3 case: the CS manager too; a class 1 case: the receiver only; never the person complained about', async () => {
    h = await startHarness();
    const public3 = await h.register({ ...validComplaint, class: '3' });
    await resolveIt(public3);
    expect(toldOf(public3).map(([to]) => to)).toEqual([
      people.receiver,
      people.manager,
      people.gm,
      people.csManager,
    ]);

    const first = await h.register();
    await resolveIt(first);
    expect(toldOf(first)).toEqual([
      [people.receiver, `The complaint you registered, ${first.number}, is resolved.`],
    ]);

    // About the department manager: they own no rung of it and hear nothing of it.
    const aboutManager = await h.register({ ...validComplaint, class: '2', respondent: people.manager });
    await resolveIt(aboutManager);
    expect(toldOf(aboutManager).map(([to]) => to)).toEqual([people.receiver, people.gm]);
    // The receiver is on that case: told how it ended, not shown the channel's discreet card.
    const [toReceiver] = h.slack.calls.filter(
      (call) => call.args.channel === people.receiver && String(call.args.text).includes(aboutManager.number),
    );
    expect(JSON.stringify(toReceiver?.args.blocks)).toContain('Apologised; a new bowl sent.');
    expect(JSON.stringify(toReceiver?.args.blocks)).toContain('138****5678');
  });

  it('a compensation the GM approves: told once approved, to everyone but the GM who approved it', async () => {
    h = await startHarness({ ...testPolicy() });
    const c = await h.register({ ...validComplaint, compensation: true });
    await h.fill(c, ids.resolve, ids.resolveView, resolveValues('compensation', 'Paid the cleaning.', '800'));
    await h.slack.waitFor(
      (call) => call.args.channel === people.gm && /needs your approval/.test(String(call.args.text)),
    );
    await settled(h);
    expect(toldOf(c)).toEqual([]);
    await h.press(people.gm, ids.approve, c);
    await h.slack.waitFor((call) => call.args.channel === people.receiver && resolvedNotice(call));
    await settled(h);
    expect(toldOf(c).map(([to]) => to)).toEqual([people.receiver]);
  });
});
