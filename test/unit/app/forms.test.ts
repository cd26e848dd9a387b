import { describe, expect, it } from 'vitest';
import { contactForm } from '../../../src/app/forms/contact-form.js';
import { extensionForm } from '../../../src/app/forms/extension-form.js';
import { rootCauseForm } from '../../../src/app/forms/root-cause-form.js';
import { slackUserId } from '../../../src/chat/slack-ids.js';
import { aCase } from '../../support/cases.js';
import { testPolicy } from '../../support/harness.js';

const HOUR = 3_600_000;
const issues = (result: { error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  result.error?.issues.map((i) => `${String(i.path[0])}: ${i.message}`);

describe('the case forms, as any chat platform’s form gives them', () => {
  it('a contact is a time between the registration and now, a way and what was said', () => {
    const c = aCase({ createdAt: new Date(Date.now() - 2 * HOUR) });
    const form = contactForm(c);
    expect(form.safeParse({ at: new Date(), how: 'phone', what: 'Called back' }).success).toBe(true);
    expect(issues(form.safeParse({ at: new Date(Date.now() + 2 * HOUR), how: 'phone', what: 'x' }))).toEqual([
      'at: error.in_future',
    ]);
    expect(issues(form.safeParse({ how: 'phone', what: ' ' }))).toEqual([
      'at: error.required',
      'what: error.required',
    ]);
  });

  it('more time is a later promise within the bound, told to the customer', () => {
    const form = extensionForm(7 * 24 * HOUR);
    const promisedAt = new Date(Date.now() + 24 * HOUR);
    expect(form.safeParse({ promisedAt, reason: 'Parts', informed: true }).success).toBe(true);
    expect(issues(form.safeParse({ promisedAt, reason: 'Parts', informed: false }))).toEqual([
      'informed: error.must_inform',
    ]);
  });

  it('the person responsible is an id of the platform in use, checked by its adapter', () => {
    const form = { cause: 'c', corrective: 'c', preventive: 'p', department: 'delivery', person: 'ZhangSan' };
    expect(rootCauseForm(testPolicy()).safeParse(form).success).toBe(true);
    expect(rootCauseForm(testPolicy(), slackUserId).safeParse(form).success).toBe(false);
  });
});
