import { afterEach, describe, expect, it } from 'vitest';
import type { CaseStore } from '../../src/app/ports.js';
import { STORE_PATIENCE_MS } from '../../src/app/register-complaint.js';
import { CASES_CHANNEL, type Harness, people, startHarness } from '../support/harness.js';
import { settled } from '../support/settle.js';
import { validComplaint } from '../support/slack-requests.js';
import { testStore } from '../support/test-store.js';

/** A store that can be taken away: while it is down, every call hangs as an unreachable database would. */
function unreliable(inner: CaseStore) {
  let down = false;
  const waiting: (() => void)[] = [];
  const whenUp = () => (down ? new Promise<void>((resolve) => waiting.push(resolve)) : Promise.resolve());
  const store = new Proxy(inner, {
    get(target, name: keyof CaseStore) {
      const method = target[name];
      if (name === 'openCases') return method;
      return async (...args: unknown[]) => {
        await whenUp();
        return (method as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return {
    store,
    /** How many calls hang, waiting for the store to come back. */
    hanging: () => waiting.length,
    down: () => {
      down = true;
    },
    up: () => {
      down = false;
      for (const resume of waiting.splice(0)) resume();
    },
  };
}

describe('a store that does not answer at intake', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it('closes the form with "the number follows", keeps the submission in Redis, and stores it when the store is back', async () => {
    const inner = testStore();
    const outage = unreliable(inner);
    h = await startHarness(undefined, {}, outage.store);
    outage.down();
    const response = await h.submit(validComplaint, 'VOUTAGE');
    // Answered while the store still hangs: the form waits for it no longer than its patience, which leaves
    // room within Slack's 3 seconds.
    expect(outage.hanging()).toBeGreaterThan(0);
    expect(STORE_PATIENCE_MS).toBeLessThanOrEqual(2000);
    const answer = (await response.json()) as { response_action: string; view: object };
    expect(answer.response_action).toBe('update');
    expect(JSON.stringify(answer.view)).toContain('The case number follows in a direct message');
    expect(h.slack.callsTo('chat.postMessage')).toEqual([]);

    outage.up();
    const [told] = await h.slack.waitFor((c) => c.args.channel === people.receiver, 1, 20_000);
    const number = /\d{6}-\d{4}/.exec(String(told?.args.text))?.[0] ?? '';
    expect(String(told?.args.text)).toBe(`Your complaint is registered as ${number}.`);
    const stored = await inner.get(number);
    expect(stored).toMatchObject({
      submissionKey: 'VOUTAGE',
      summary: validComplaint.summary,
      customer: { phone: '+8613812345678' },
    });
    await h.slack.waitFor((c) => c.args.channel === CASES_CHANNEL && String(c.args.text).includes(number));
    await h.slack.waitFor((c) => c.args.channel === people.owner);
    await settled(h); // all the intake queued has left
    expect(h.slack.calls.filter((c) => c.args.channel === people.receiver)).toHaveLength(1);
  });
});
