import { CASE_FORMS } from '../../src/app/forms/case-forms.js';
import { resolutionForm } from '../../src/app/forms/resolution-form.js';
import type { SlackDeps } from './deps.js';
import { caseForm, inputValue } from './form.js';

/** The resolve form was submitted: what was done; a large payment (compensation, refund) goes to the GM first. */
export const resolveSubmit = (deps: SlackDeps) =>
  caseForm(
    deps,
    resolutionForm,
    (view) => ({
      action: inputValue(view.state.values, 'action'),
      amount: inputValue(view.state.values, 'amount') || undefined,
      resolution: inputValue(view.state.values, 'resolution'),
    }),
    CASE_FORMS.resolve.act(deps),
  );
