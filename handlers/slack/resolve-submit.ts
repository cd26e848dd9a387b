import { z } from 'zod';
import type { SlackDeps } from './deps.js';
import { caseForm, inputValue, requiredText } from './form.js';

const form = z.object({ resolution: requiredText });

/** The resolve form was submitted: records what was done, and stops every timer of the case. */
export const resolveSubmit = ({ t, resolveCase }: SlackDeps) =>
  caseForm(
    t,
    form,
    (view) => ({ resolution: inputValue(view.state.values, 'resolution') }),
    (number, actor, { resolution }, pressedIn) => resolveCase(number, actor, resolution, pressedIn),
  );
