import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/harness.js';
import { validComplaint } from '../support/slack-requests.js';

const numberIn = async (response: Response) => /(\d{6}-\d{4})/.exec(await response.text())?.[1];

describe('case numbers', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('makes one case of a submission delivered twice, one after the other or at once', async () => {
    const first = await numberIn(await h.submit(validComplaint, 'VTWICE'));
    const again = await numberIn(await h.submit(validComplaint, 'VTWICE'));
    expect(again).toBe(first);
    const both = await Promise.all([
      h.submit(validComplaint, 'VTOGETHER'),
      h.submit(validComplaint, 'VTOGETHER'),
    ]);
    const [a, b] = await Promise.all(both.map(numberIn));
    expect(a).toBe(b);
    const serials = [first, a].map((n) => Number(n?.slice(-4)));
    expect(serials[1]).toBe((serials[0] ?? 0) + 1); // the redelivery took no number
    const cards = await h.slack.waitFor(
      (call) => call.method === 'chat.postMessage' && call.args.channel === 'C0CASES',
      2,
    );
    expect(cards).toHaveLength(2);
  });

  it('gives 20 concurrent submissions 20 distinct consecutive numbers', async () => {
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) => h.submit(validComplaint, `VCONCURRENT${i}`)),
    );
    const numbers = await Promise.all(responses.map(numberIn));
    const serials = numbers.map((n) => Number(n?.slice(-4))).sort((x, y) => x - y);
    expect(new Set(numbers).size).toBe(20);
    expect(serials).toEqual(Array.from({ length: 20 }, (_, i) => (serials[0] ?? 0) + i));
  });
});
