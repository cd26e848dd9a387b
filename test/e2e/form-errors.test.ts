import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ids } from '../../src/chat/blocks.js';
import { type Harness, type PostedCase, people, startHarness } from '../support/harness.js';
import { viewSubmission } from '../support/slack-requests.js';

const empty = { value: { type: 'plain_text_input', value: '' } };
const unselected = { value: { type: 'static_select', selected_option: null } };

describe('every case form answers bad input on its fields and changes nothing', () => {
  let h: Harness;
  let c: PostedCase;
  beforeAll(async () => {
    h = await startHarness();
    c = await h.register();
  });
  afterAll(async () => {
    await h.close();
  });

  it.each([
    [
      'reassign',
      ids.reassignView,
      { department: unselected, owner: { value: { type: 'users_select', selected_user: null } } },
      { department: 'Please fill this in.' },
    ],
    [
      'change class',
      ids.changeClassView,
      { class: unselected, reason: empty },
      { class: 'Please fill this in.', reason: 'Please fill this in.' },
    ],
    ['reopen', ids.reopenView, { reason: empty }, { reason: 'Please fill this in.' }],
    [
      'resolve',
      ids.resolveView,
      { action: unselected, amount: { value: { type: 'number_input', value: null } }, resolution: empty },
      { resolution: 'Please fill this in.' },
    ],
  ])('%s', async (_name, callbackId, values, errors) => {
    const before = await h.store.get(c.number);
    const metadata = JSON.stringify({ number: c.number });
    const response = await h.post(
      viewSubmission(people.owner, { id: `V${callbackId}`, callbackId, values: values as never, metadata }),
    );
    expect(await response.json()).toEqual({ response_action: 'errors', errors });
    expect(await h.store.get(c.number)).toEqual(before);
  });
});
