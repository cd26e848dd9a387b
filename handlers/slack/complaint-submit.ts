import type { SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { queuedView, registeredView } from '../../src/chat/blocks.js';
import { fieldErrors } from '../../src/chat/field-errors.js';
import { slackUserId } from '../../src/chat/slack-ids.js';
import { complaintSchema } from '../../src/domain/complaint.js';
import type { SlackDeps } from './deps.js';
import { inputValue, uploadedFiles } from './form.js';
import { permalinkOf } from './report-message.js';

/** The registration form was submitted: errors go back onto their fields, a valid form becomes a case. */
export const complaintSubmit = ({ t, policy, registerComplaint }: SlackDeps) => {
  const schema = complaintSchema(policy, slackUserId);
  return async ({ ack, body, view }: SlackViewMiddlewareArgs<ViewSubmitAction>) => {
    const values = view.state.values;
    const form = {
      customerName: inputValue(values, 'customerName'),
      customerPhone: inputValue(values, 'customerPhone'),
      summary: inputValue(values, 'summary'),
      demand: inputValue(values, 'demand'),
      address: inputValue(values, 'address') || undefined,
      evidence: uploadedFiles(values, 'evidence'),
      recurrence: (inputValue(values, 'recurrence') ?? []).length > 0,
      category: inputValue(values, 'category'),
      class: Number(inputValue(values, 'class')),
      channel: inputValue(values, 'channel'),
      department: inputValue(values, 'department'),
      compensation: (inputValue(values, 'compensation') ?? []).length > 0,
      respondent: inputValue(values, 'respondent'),
      item: inputValue(values, 'item') || undefined,
      permalink: permalinkOf(view.private_metadata),
    };
    const parsed = schema.safeParse(form);
    if (!parsed.success) {
      await ack({ response_action: 'errors', errors: fieldErrors(parsed.error, t) });
      return;
    }
    // Stored before answering on purpose: the answer carries the case number, and the write takes milliseconds.
    const registration = await registerComplaint({
      complaint: parsed.data,
      receiver: body.user.id,
      submissionKey: view.id,
    });
    const answer =
      registration.kind === 'stored'
        ? registeredView(t, registration.case.number, policy.channel)
        : queuedView(t);
    await ack({ response_action: 'update', view: answer });
  };
};
