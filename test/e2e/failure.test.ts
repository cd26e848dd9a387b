import { afterEach, describe, expect, it } from 'vitest';
import type { CaseStore } from '../../src/app/ports.js';
import { ids } from '../../src/chat/blocks.js';
import { type Harness, people, startHarness } from '../support/harness.js';
import { testStore } from '../support/test-store.js';

/** A store whose next save fails: before writing, or after the write went through (the answer was lost). */
function failingSave(when: 'before' | 'after') {
  const store = testStore();
  const failing = { armed: false };
  const wrapped: CaseStore = {
    ...store,
    async save(prev, next) {
      if (!failing.armed) return store.save(prev, next);
      failing.armed = false;
      if (when === 'after') await store.save(prev, next);
      throw new Error('the store connection was reset');
    },
  };
  return { store: wrapped, failing };
}

describe('a request that fails after Slack was answered', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it('tells the person privately that nothing changed', async () => {
    const { store, failing } = failingSave('before');
    h = await startHarness(undefined, {}, store);
    const c = await h.register();
    failing.armed = true;
    await h.press(people.owner, ids.acknowledge, c);
    const [told] = await h.slack.waitFor((call) => call.method === 'chat.postEphemeral');
    expect(told?.args).toMatchObject({
      user: people.owner,
      text: 'Sorry, that did not work: something failed on our side, and nothing was changed. Please try again in a minute.',
    });
    expect((await h.store.get(c.number))?.status).toBe('registered');
  });

  it('tells the person privately that their change was saved when it was', async () => {
    const { store, failing } = failingSave('after');
    h = await startHarness(undefined, {}, store);
    const c = await h.register();
    failing.armed = true;
    await h.press(people.owner, ids.acknowledge, c);
    const [told] = await h.slack.waitFor((call) => call.method === 'chat.postEphemeral');
    expect(told?.args).toMatchObject({
      user: people.owner,
      text: `Your change to ${c.number} was saved, but something failed after it: the card and messages may not show it yet. No need to do it again.`,
    });
    expect((await h.store.get(c.number))?.status).toBe('accepted');
  });
});
