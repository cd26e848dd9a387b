import { afterEach, describe, expect, it } from 'vitest';
import { ids } from '../../src/chat/blocks.js';
import { type Harness, people, startHarness } from '../support/harness.js';
import { validComplaint, viewSubmission } from '../support/slack-requests.js';

/** Zero-width space, non-joiner and joiner, word joiner, byte order mark, and a right-to-left override. */
const INVISIBLE = '\u200B\u200C\u200D\u2060\uFEFF\u202E';

describe('text of invisible characters only', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it('is empty: the registration form and a case form say the field is required', async () => {
    h = await startHarness();
    const response = await h.submit({
      ...validComplaint,
      customerName: INVISIBLE,
      summary: ` ${INVISIBLE} `,
    });
    expect(await response.json()).toEqual({
      response_action: 'errors',
      errors: { customerName: 'Please fill this in.', summary: 'Please fill this in.' },
    });

    const c = await h.register();
    const before = await h.store.get(c.number);
    const resolved = await h.post(
      viewSubmission(people.owner, {
        id: 'VRESOLVE',
        callbackId: ids.resolveView,
        metadata: JSON.stringify({ number: c.number }),
        values: {
          action: {
            value: {
              type: 'static_select',
              selected_option: { text: { type: 'plain_text', text: 'x' }, value: 'explanation' },
            },
          },
          amount: { value: { type: 'number_input', value: null } },
          resolution: { value: { type: 'plain_text_input', value: INVISIBLE } },
        },
      }),
    );
    expect(await resolved.json()).toEqual({
      response_action: 'errors',
      errors: { resolution: 'Please fill this in.' },
    });
    expect(await h.store.get(c.number)).toEqual(before);
  });

  it('is taken out of a name where it would turn the name around', async () => {
    h = await startHarness();
    const c = await h.register({ ...validComplaint, customerName: '\u2066Wang \u202Egnaw\u202C\u2069' });
    expect(c.customer.name).toBe('Wang gnaw');
  });
});
