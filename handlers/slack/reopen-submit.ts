import { CASE_FORMS } from '../../src/app/forms/case-forms.js';
import { reopenForm } from '../../src/app/forms/reopen-form.js';
import type { SlackDeps } from './deps.js';
import { caseForm, inputValue } from './form.js';

/** The reopen form was submitted: the case is open again, with fresh deadlines. */
export const reopenSubmit = (deps: SlackDeps) =>
  caseForm(
    deps,
    reopenForm,
    (view) => ({ reason: inputValue(view.state.values, 'reason') }),
    CASE_FORMS.reopen.act(deps),
  );
