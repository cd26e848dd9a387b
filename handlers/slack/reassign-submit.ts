import { z } from 'zod';
import type { SlackDeps } from './deps.js';
import { caseForm, inputValue } from './form.js';

const form = z.object({ department: z.string('error.required'), owner: z.string().optional() });

/** The handover form was submitted: the case goes to the new owner, who must acknowledge it. */
export const reassignSubmit = ({ reassignCase, ...deps }: SlackDeps) =>
  caseForm(
    deps,
    form,
    (view) => ({
      department: inputValue(view.state.values, 'department'),
      owner: inputValue(view.state.values, 'owner'),
    }),
    reassignCase,
  );
