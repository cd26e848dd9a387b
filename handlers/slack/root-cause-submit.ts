import { z } from 'zod';
import type { SlackDeps } from './deps.js';
import { caseForm, inputValue, requiredText } from './form.js';

const form = z.object({
  cause: requiredText,
  corrective: requiredText,
  preventive: requiredText,
  department: z.string('error.required'),
});

/** The root-cause form was submitted: cause, corrective and preventive action, and who is responsible. */
export const rootCauseSubmit = ({ t, recordRootCause }: SlackDeps) =>
  caseForm(
    t,
    form,
    (view) => ({
      cause: inputValue(view.state.values, 'cause'),
      corrective: inputValue(view.state.values, 'corrective'),
      preventive: inputValue(view.state.values, 'preventive'),
      department: inputValue(view.state.values, 'department'),
    }),
    recordRootCause,
  );
