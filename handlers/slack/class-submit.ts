import { classChangeForm } from '../../src/app/forms/class-change-form.js';
import type { SlackDeps } from './deps.js';
import { caseForm, inputValue } from './form.js';

/** The class form was submitted: the case is reclassified and its deadlines planned for the new class. */
export const classSubmit = ({ changeClass, ...deps }: SlackDeps) =>
  caseForm(
    deps,
    classChangeForm,
    (view) => ({
      class: inputValue(view.state.values, 'class'),
      reason: inputValue(view.state.values, 'reason'),
    }),
    (number, actor, change, pressedIn) => changeClass(number, actor, change.class, change.reason, pressedIn),
  );
