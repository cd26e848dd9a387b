import { CASE_FORMS } from '../../src/app/forms/case-forms.js';
import { classChangeForm } from '../../src/app/forms/class-change-form.js';
import type { SlackDeps } from './deps.js';
import { caseForm, inputValue } from './form.js';

/** The class form was submitted: the case is reclassified and its deadlines planned for the new class. */
export const classSubmit = (deps: SlackDeps) =>
  caseForm(
    deps,
    classChangeForm,
    (view) => ({
      class: inputValue(view.state.values, 'class'),
      reason: inputValue(view.state.values, 'reason'),
    }),
    CASE_FORMS.changeClass.act(deps),
  );
