import { rootCauseForm } from '../../src/app/forms/root-cause-form.js';
import { slackUserId } from '../../src/chat/slack-ids.js';
import type { SlackDeps } from './deps.js';
import { caseForm, inputValue } from './form.js';

/** The root-cause form was submitted: cause, corrective and preventive action, the responsible department and person. */
export const rootCauseSubmit = ({ recordRootCause, ...deps }: SlackDeps) =>
  caseForm(
    deps,
    rootCauseForm(deps.policy, slackUserId),
    (view) => ({
      cause: inputValue(view.state.values, 'cause'),
      corrective: inputValue(view.state.values, 'corrective'),
      preventive: inputValue(view.state.values, 'preventive'),
      department: inputValue(view.state.values, 'department'),
      person: inputValue(view.state.values, 'person'),
    }),
    recordRootCause,
  );
