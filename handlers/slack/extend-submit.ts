import { extensionForm } from '../../src/app/forms/extension-form.js';
import type { SlackDeps } from './deps.js';
import { caseForm, dateValue, inputValue } from './form.js';

/** The need-more-time form was submitted: the case's deadlines move to the new promise. */
export const extendSubmit = ({ policy, extendCase, ...deps }: SlackDeps) =>
  caseForm(
    deps,
    extensionForm(policy.maxExtension),
    (view) => ({
      promisedAt: dateValue(view.state.values, 'promisedAt'),
      reason: inputValue(view.state.values, 'reason'),
      informed: (inputValue(view.state.values, 'informed') ?? []).length > 0,
    }),
    (number, actor, { promisedAt, reason }, pressedIn) =>
      extendCase(number, actor, { promisedAt, reason }, pressedIn),
  );
