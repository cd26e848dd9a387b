import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ids } from '../../src/chat/blocks.js';
import { monthKey } from '../../src/domain/case-number.js';
import { type Harness, people, startHarness } from '../support/harness.js';
import {
  complaintValues,
  signatureHeaders,
  validComplaint,
  viewSubmission,
} from '../support/slack-requests.js';

describe('what is refused changes nothing', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });
  const firstNumber = () => `${monthKey(new Date(), 'Asia/Shanghai')}-0001`;
  const submission = () =>
    viewSubmission(people.receiver, {
      id: 'VFORGED',
      callbackId: ids.complaintView,
      values: complaintValues(validComplaint),
    });

  it('refuses a forged signature with 401 and stores nothing', async () => {
    const body = submission();
    const response = await h.post(body, signatureHeaders(body, 'not-the-secret'));
    expect(response.status).toBe(401);
    expect(await h.store.get(firstNumber())).toBeNull();
  });

  it('refuses a replayed request older than five minutes with 401 and stores nothing', async () => {
    const body = submission();
    const response = await h.post(
      body,
      signatureHeaders(body, undefined, Math.floor(Date.now() / 1000) - 6 * 60),
    );
    expect(response.status).toBe(401);
    expect(await h.store.get(firstNumber())).toBeNull();
    expect(h.slack.callsTo('chat.postMessage')).toEqual([]);
  });

  it.each([
    ['customerPhone', { customerPhone: '12ab' }, 'This is not a phone number'],
    ['customerPhone', { customerPhone: '' }, 'Please fill this in.'],
    ['summary', { summary: '   ' }, 'Please fill this in.'],
    ['summary', { summary: 'x'.repeat(3001) }, 'under 3,000 characters'],
    ['department', { department: undefined }, 'Please fill this in.'],
  ])('answers a bad %s with the error on that field and stores nothing', async (field, change, message) => {
    const response = await h.submit({ ...validComplaint, ...change });
    const answer = (await response.json()) as { response_action: string; errors: Record<string, string> };
    expect(answer.response_action).toBe('errors');
    expect(Object.keys(answer.errors)).toEqual([field]);
    expect(answer.errors[field]).toContain(message);
    expect(await h.store.get(firstNumber())).toBeNull();
  });

  it('answers a button pressed by someone not allowed privately, and leaves the case as it was', async () => {
    const c = await h.register();
    const before = await h.store.get(c.number);
    for (const [user, action, reason] of [
      [people.stranger, ids.acknowledge, `Only the owner of this case, <@${people.owner}>, can do this.`],
      [people.manager, ids.acknowledge, `Only the owner of this case, <@${people.owner}>, can do this.`],
      [people.stranger, ids.resolve, 'Only the owner of this case or a manager on its ladder can do this.'],
      [people.receiver, ids.escalate, 'Only the owner and the managers of this case can escalate it.'],
    ] as const) {
      const response = await h.press(user, action, c);
      expect(response.status).toBe(200);
      const [ephemeral] = await h.slack.waitFor(
        (call) =>
          call.method === 'chat.postEphemeral' && call.args.user === user && call.args.text === reason,
      );
      expect(ephemeral?.args.channel).toBe(c.card.channel);
    }
    expect(await h.store.get(c.number)).toEqual(before);
    expect(h.slack.callsTo('chat.update')).toEqual([]);
    expect(
      h.slack
        .callsTo('views.open')
        .filter((call) => JSON.stringify(call.args.view).includes(ids.resolveView)),
    ).toEqual([]);
  });
});
