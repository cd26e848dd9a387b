import { CASE_FORMS } from '../../src/app/forms/case-forms.js';
import { extensionForm } from '../../src/app/forms/extension-form.js';
import type { SlackDeps } from './deps.js';
import { caseForm, dateValue, inputValue } from './form.js';

/** The need-more-time form was submitted: the case's deadlines move to the new promise. */
export const extendSubmit = (deps: SlackDeps) =>
  caseForm(
    deps,
    extensionForm(deps.policy.maxExtension),
    (view) => ({
      promisedAt: dateValue(view.state.values, 'promisedAt'),
      reason: inputValue(view.state.values, 'reason'),
      informed: (inputValue(view.state.values, 'informed') ?? []).length > 0,
    }),
    CASE_FORMS.extend.act(deps),
  );
