import { z } from 'zod';
import type { SlackDeps } from './deps.js';
import { caseForm, inputValue, requiredText } from './form.js';

const form = z.object({ reason: requiredText });

/** The reopen form was submitted: the case is open again, with fresh deadlines. */
export const reopenSubmit = ({ reopenCase, ...deps }: SlackDeps) =>
  caseForm(
    deps,
    form,
    (view) => ({ reason: inputValue(view.state.values, 'reason') }),
    (number, actor, { reason }, pressedIn) => reopenCase(number, actor, reason, pressedIn),
  );
