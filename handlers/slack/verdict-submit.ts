import { CASE_FORMS } from '../../src/app/forms/case-forms.js';
import { verdictForm } from '../../src/app/forms/verdict-form.js';
import type { SlackDeps } from './deps.js';
import { caseForm, inputValue } from './form.js';

/** The verdict form was submitted: accepted is recorded; rejected closes the case and opens a major one. */
export const verdictSubmit = (deps: SlackDeps) =>
  caseForm(
    deps,
    verdictForm,
    (view) => ({
      verdict: inputValue(view.state.values, 'verdict'),
      satisfaction: inputValue(view.state.values, 'satisfaction'),
      comment: inputValue(view.state.values, 'comment') || undefined,
    }),
    CASE_FORMS.verdict.act(deps),
  );
