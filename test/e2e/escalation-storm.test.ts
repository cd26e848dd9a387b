import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, people, startHarness, testPolicy } from '../support/harness.js';
import { validComplaint } from '../support/slack-requests.js';

describe('escalations in a storm', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it('sends the first at once and gathers the rest into one digest, each case once with every deadline it breached', async () => {
    // Acknowledge due at 1 s and resolve at 2 s, the GM one rung up 0.2 s later: every case breaches twice.
    const policy = testPolicy({
      acknowledge: 1000,
      resolve: 2000,
      warnAt: 0.5,
      grace: 200,
      digestWindow: 6000,
    });
    policy.departments = [{ id: 'delivery', name: 'Delivery', owner: people.owner, manager: people.gm }];
    policy.csManager = people.gm;
    h = await startHarness(policy);
    const cases = await Promise.all(
      [1, 2, 3].map((i) => h.register({ ...validComplaint, customerName: `Customer ${i}` })),
    );
    const toGm = (call: { method: string; args: Record<string, unknown> }) =>
      call.method === 'chat.postMessage' && call.args.channel === people.gm;
    const [first, digest] = await h.slack.waitFor(toGm, 2, 20_000);
    expect(String(first?.args.text)).toMatch(/^Complaint \d{6}-\d{4} has been escalated to you\.$/);
    expect(String(digest?.args.text)).toBe(
      '3 complaints have been escalated to you in the last few minutes.',
    );
    const firstNumber = /\d{6}-\d{4}/.exec(String(first?.args.text))?.[0];
    const lines = JSON.stringify(digest?.args.blocks);
    for (const c of cases) {
      expect(lines.split(`*${c.number}*`)).toHaveLength(2); // listed once
      const reached = c.number === firstNumber ? 'Resolve overdue' : 'Acknowledge, Resolve overdue';
      expect(lines).toContain(`*${c.number}* · ${reached}`);
    }
    // Every owner nudge was due before the digest left; the GM got nothing else meanwhile.
    await h.slack.waitFor((call) => /Resolve for .* is due now/.test(String(call.args.text)), 3);
    expect(h.slack.calls.filter(toGm)).toHaveLength(2);
  });
});
