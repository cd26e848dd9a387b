import { z } from 'zod';
import type { SlackDeps } from './deps.js';
import { caseForm, inputValue, requiredText } from './form.js';

const form = z.object({
  class: z.enum(['1', '2', '3'], 'error.required').transform((n) => Number(n) as 1 | 2 | 3),
  reason: requiredText,
});

/** The class form was submitted: the case is reclassified and its deadlines planned for the new class. */
export const classSubmit = ({ changeClass, ...deps }: SlackDeps) =>
  caseForm(
    deps,
    form,
    (view) => ({
      class: inputValue(view.state.values, 'class'),
      reason: inputValue(view.state.values, 'reason'),
    }),
    (number, actor, change, pressedIn) => changeClass(number, actor, change.class, change.reason, pressedIn),
  );
