import { reopenForm } from '../../src/app/forms/reopen-form.js';
import type { SlackDeps } from './deps.js';
import { caseForm, inputValue } from './form.js';

/** The reopen form was submitted: the case is open again, with fresh deadlines. */
export const reopenSubmit = ({ reopenCase, ...deps }: SlackDeps) =>
  caseForm(
    deps,
    reopenForm,
    (view) => ({ reason: inputValue(view.state.values, 'reason') }),
    (number, actor, { reason }, pressedIn) => reopenCase(number, actor, reason, pressedIn),
  );
