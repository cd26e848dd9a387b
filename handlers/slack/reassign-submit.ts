import { reassignForm } from '../../src/app/forms/reassign-form.js';
import type { SlackDeps } from './deps.js';
import { caseForm, inputValue } from './form.js';

/** The handover form was submitted: the case goes to the new owner, who must acknowledge it. */
export const reassignSubmit = ({ reassignCase, ...deps }: SlackDeps) =>
  caseForm(
    deps,
    reassignForm,
    (view) => ({
      department: inputValue(view.state.values, 'department'),
      owner: inputValue(view.state.values, 'owner'),
    }),
    reassignCase,
  );
