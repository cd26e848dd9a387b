import { z } from 'zod';
import { slackUserId } from '../../src/chat/slack-ids.js';
import type { Policy } from '../../src/domain/policy.js';
import type { SlackDeps } from './deps.js';
import { caseForm, inputValue, requiredText } from './form.js';

/** The form, for a responsible department of the policy. */
const formOf = (policy: Policy) =>
  z.object({
    cause: requiredText,
    corrective: requiredText,
    preventive: requiredText,
    department: z.enum(policy.departments.map((d) => d.id) as [string, ...string[]], 'error.required'),
    person: slackUserId.optional(),
  });

/** The root-cause form was submitted: cause, corrective and preventive action, the responsible department and person. */
export const rootCauseSubmit = ({ recordRootCause, ...deps }: SlackDeps) =>
  caseForm(
    deps,
    formOf(deps.policy),
    (view) => ({
      cause: inputValue(view.state.values, 'cause'),
      corrective: inputValue(view.state.values, 'corrective'),
      preventive: inputValue(view.state.values, 'preventive'),
      department: inputValue(view.state.values, 'department'),
      person: inputValue(view.state.values, 'person'),
    }),
    recordRootCause,
  );
